#!/usr/bin/env node
/**
 * `pnpm bench`: runs every benchmark on this machine and writes BENCHMARKS.md from their results.
 *   1. bundle size (bench/size.mjs)
 *   2. server throughput (bench/server.mjs), PGlite and PostgreSQL, plus the TOTP case on PGlite with
 *      group commit off — the state before the largest waste found was removed
 *   3. render cost (bench/render.mjs)
 * `--skip-server` leaves section 2 as it was (its results file is reused).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script, args = []) =>
  execFileSync(process.execPath, [join(root, 'bench', script), ...args], { cwd: root, stdio: 'inherit' });
const read = (name) => JSON.parse(readFileSync(join(root, 'bench/results', name), 'utf8'));

run('size.mjs');
if (!process.argv.includes('--skip-server')) {
  // --rate sizes the prepared valid codes (rate × duration); a run that uses them up ends early and
  // reports requests/s over the time it took.
  run('server.mjs', [
    '--cases',
    'totp-valid',
    '--stores',
    'pglite',
    '--group-commit',
    'false',
    '--rate',
    '600',
  ]);
  writeFileSync(
    join(root, 'bench/results/server-before.json'),
    readFileSync(join(root, 'bench/results/server.json')),
  );
  run('server.mjs', ['--stores', 'pglite,postgres', '--profile', 'totp-valid', '--rate', '900']);
}
run('render.mjs');

const size = read('size.json');
const server = read('server.json');
const before = existsSync(join(root, 'bench/results/server-before.json')) ? read('server-before.json') : null;
const render = read('render.json');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const { BUDGETS } = await import('./size-config.mjs');

const sizeRows = ['a', 'b', 'c']
  .map((id) => {
    const c = size.cases[id];
    const distance = c.total / 1024 - c.target;
    const where = distance <= 0 ? `${(-distance).toFixed(1)} KB under` : `**${distance.toFixed(1)} KB over**`;
    return `| (${id}) ${c.name} | ${kb(c.js)} | ${kb(c.css)} | **${kb(c.total)}** | ${kb(c.lazy)} | ${c.target} KB (${where}) | ${BUDGETS[id]} KB |`;
  })
  .join('\n');
const ownRows = Object.entries(size.own)
  .map(([name, r]) => `| @mfa-kit/${name} | ${kb(r.js)} |`)
  .join('\n');
const codeInput = size.cases['code-input'];
const codeInputClean = !codeInput.packages['qrcode.react'] && !codeInput.packages['@simplewebauthn/browser'];

const serverRows = server.runs
  .map(
    (r) =>
      `| ${r.case} | ${r.store} | ${r.requestsPerSecond} | ${r.latencyP50} ms | ${r.latencyP99} ms | ${r.unexpected} | ${Object.entries(
        r.statuses,
      )
        .map(([status, n]) => `${status}×${n}`)
        .join(' ')} | ${r.peakRssMb} MB |`,
  )
  .join('\n');
const valid = (runs, store) => runs.find((r) => r.case === 'totp-valid' && r.store === store);
const beforeRun = before ? valid(before.runs, 'pglite') : null;
const afterRun = valid(server.runs, 'pglite');
const profile = Object.entries(server.profiles ?? {})
  .map(
    ([name, rows]) =>
      `Hottest functions (self time) of the server process during \`${name}\` (setup included):\n\n| function | self |\n|---|---|\n${rows
        .slice(0, 15)
        .map((row) => `| \`${row.name.replace(/\|/g, '\\|')}\` | ${row.percent}% |`)
        .join('\n')}`,
  )
  .join('\n\n');

const cpu = cpus()[0]?.model ?? 'unknown';
const markdown = `# Benchmarks

Measured on ${new Date(size.date).toISOString().slice(0, 10)} on this machine: ${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}. Reproduce with \`pnpm bench\`
(after \`pnpm install\`; it builds first); the raw numbers are in \`bench/results/*.json\`. Benchmarks are
not tests: CI enforces only bundle sizes, which are deterministic (\`node bench/size.mjs --check\` in
\`pnpm test\`).

## 1. Bundle size

esbuild bundles an import from the built packages (their \`dist\`, as published), minified, React and
react-dom external; sizes are gzip (level 9) of what the import loads up front. Code loaded on demand
(\`import()\`: the enrolment screens of MfaGate, the QR code generator, and Radix's Dialog and
AlertDialog, which the page fetches once it is idle or at the first open) is the *lazy* column: each lazy
chunk measured on its own with everything it imports, so code it shares with the first load counts twice
there (Vite's build of the demo puts the dialogs in a 10.3 KB chunk). CI also checks that (b) and (c)
load no Radix dialog code up front. Reference points, measured the same way on this machine kind: Better Auth's client with its 2FA
and passkey plugins 16.8 KB (hooks, no UI); Hanko's web components 45.8 KB (full UI); Stytch's React SDK
84.8 KB; Clerk 33 KB plus about 390 KB from its CDN; Dynamic's React SDK 735 KB. Building blocks:
@tanstack/react-query 10.7 KB, qrcode.react 6.3 KB, @simplewebauthn/browser 2.8 KB, Radix's OTP field
11.1 KB, input-otp 4.1 KB.

| import | JS | CSS | up front | lazy | target (distance) | CI budget |
|---|---|---|---|---|---|---|
${sizeRows}

(c) is JavaScript only: the issue names the stylesheet for (b), and (c) is "everything in @mfa-kit/react
and @mfa-kit/ui"; with the stylesheet it is ${kb(size.cases.c.total + 0)} + the ${kb(size.cases.b.css)} stylesheet.

Importing \`CodeInput\` alone loads ${kb(codeInput.total)} and ${codeInputClean ? 'pulls in neither qrcode.react nor @simplewebauthn/browser' : '**pulls in qrcode.react or @simplewebauthn/browser**'} (checked in CI).

Each package's own code, every dependency external:

| package | own code |
|---|---|
${ownRows}

## 2. Server throughput

The standalone server (\`packages/server/dist/cli.js\`) on loopback, loaded by autocannon on the same
machine (it competes for the same ${cpus().length} cores), ${server.settings.connections} connections,
${server.settings.duration} s per case (a case ends early when its prepared requests run out).
\`totp-valid\`: \`POST /verify/totp\` with a fresh valid code per request — many users, each code used
once, replay protection on; \`totp-wrong\`: wrong codes until every user is locked out (422, then 429);
\`status\`: \`GET /status\`; \`passkey\`: options and a signed assertion per verification (the load generator
signs with ECDSA, on the same cores). "unexpected" counts answers other than the expected ones, socket
errors and timeouts.

| case | store | req/s | p50 | p99 | unexpected | answers | peak RSS |
|---|---|---|---|---|---|---|---|
${serverRows}

### Where the time goes, and the largest waste removed

${profile}

PGlite runs inside the server's process, on the same thread as HTTP, JSON, JWT and TOTP work, and it
syncs its files after every statement outside a transaction — about as expensive as the statement itself.
The largest waste was that sync: a verification is two statements, each paying it alone. **Group commit**
(packages/server/src/store/group-commit.ts) runs statements that arrive together in one transaction,
each inside its own savepoint, and answers every caller after the shared COMMIT: the same results, the
same atomicity and durability per statement, one sync per batch. Also removed: the first statement built
the user's whole state as JSON in SQL and parsed it again in JavaScript; it now returns only the factors
the proof needs, as plain rows.

| \`totp-valid\` on PGlite | req/s | p50 | p99 |
|---|---|---|---|
| before (one commit per statement) | ${beforeRun?.requestsPerSecond ?? 'n/a'} | ${beforeRun?.latencyP50 ?? 'n/a'} ms | ${beforeRun?.latencyP99 ?? 'n/a'} ms |
| after (group commit) | ${afterRun?.requestsPerSecond ?? 'n/a'} | ${afterRun?.latencyP50 ?? 'n/a'} ms | ${afterRun?.latencyP99 ?? 'n/a'} ms |

Reference point measured on this machine kind with the same load shape: Better Auth 1.7 (SQLite through
better-sqlite3) completes 153 pending sign-ins per second with a valid TOTP code (290 with WAL, 311 in
memory), p99 242–486 ms — and it accepts the same code twice. Target for mfa-kit on the embedded PGlite
default with replay protection on: at least 1,500 verifications per second, p99 under 50 ms, 0 errors.
Distance to that target: ${afterRun ? `${afterRun.requestsPerSecond} req/s is ${Math.round((afterRun.requestsPerSecond / 1500) * 100)}% of it, p99 ${afterRun.latencyP99} ms` : 'not measured'} (see the closing notes of the benchmarks issue for what it would take).

## 3. Render cost

- Typing a 6-digit code in CodeInput re-renders nothing outside it: a test with React's Profiler
  (packages/ui/src/render-cost.test.tsx, in \`pnpm test\`) counts commits of the components around it.
- MfaChallenge mount time in Chromium (the built Storybook, median of ${render.mfaChallenge.runs} loads): first
  commit **${render.mfaChallenge.firstCommitMs} ms**; code field on screen (after the status is fetched from
  the in-browser server) **${render.mfaChallenge.readyMs} ms**.
- Built Storybook: ${render.storybook.files} files, ${kb(render.storybook.bytes)} on disk, ${kb(render.storybook.jsGzipBytes)} of
  JavaScript gzipped.
`;
writeFileSync(join(root, 'BENCHMARKS.md'), markdown);
console.log('wrote BENCHMARKS.md');
