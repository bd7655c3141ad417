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
  // totp-valid sends rate × duration prepared codes, however long that takes (each run below uses the
  // same number of users and codes, so the three are comparable; at ~450/s a run lasts ~20 s).
  const rate = ['--rate', '450'];
  const keep = (name) =>
    writeFileSync(join(root, 'bench/results', name), readFileSync(join(root, 'bench/results/server.json')));
  // Before: every statement through PGlite.query, each committed (and synced) alone.
  run('server.mjs', [
    ...['--cases', 'totp-valid', '--stores', 'pglite'],
    ...['--group-commit', 'false', '--prepare', 'false'],
    ...rate,
  ]);
  keep('server-before.json');
  // Prepared statements alone.
  run('server.mjs', [
    ...['--cases', 'totp-valid', '--stores', 'pglite'],
    ...['--group-commit', 'false'],
    ...rate,
  ]);
  keep('server-prepared.json');
  // After: the defaults, every case on both stores.
  run('server.mjs', ['--stores', 'pglite,postgres', '--profile', 'totp-valid', ...rate]);
}
run('render.mjs');

const size = read('size.json');
const server = read('server.json');
const optional = (name) => (existsSync(join(root, 'bench/results', name)) ? read(name) : null);
const before = optional('server-before.json');
const preparedOnly = optional('server-prepared.json');
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
const preparedRun = preparedOnly ? valid(preparedOnly.runs, 'pglite') : null;
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
there (Vite's build of the demo puts the dialogs in a chunk of their own). CI also checks that (b) and (c)
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

Profiling the verify path in process (3,000 verifications, 50 in flight, \`server.fetch\` without HTTP)
told where a verification's time went. With the memory store it costs 0.51 ms of CPU, 40% of it
signing and verifying ES256 tokens (Web Crypto, on the main thread in Node 20). On PGlite it cost
3.5 ms, and most of the difference was waste: PGlite's \`query()\` parses and plans its SQL text on
every call — planning the first statement of the verify path alone took 0.65 ms, more than running it,
with 33 \`fstat\` calls per verification from the planner reading table sizes — and it makes one call
into PostgreSQL per protocol message. And group commit, written to share the file sync between
statements, never batched anything: 0 of 6,000 statements, because PGlite runs a statement
synchronously, so no other request can queue one while it runs.

Removed, in order of size:

1. **Prepared statements** (packages/server/src/store/pglite-driver.ts): each of the store's fixed SQL
   texts is prepared once per database, and a call is then one Bind + Describe + Execute + Sync, under
   PGlite's own locks and with its file sync outside transactions. Statements went from about 1.4 ms to
   0.45 ms each in process; \`fstat\` calls from 33 to 2 per verification.
2. **Group commit that batches** (packages/server/src/store/group-commit.ts): a batch now starts at the
   end of the event loop's turn (\`setImmediate\`), so the statements of every request whose data or
   crypto result arrived in that turn share one transaction (each in its own savepoint: the same
   results, atomicity and durability per statement). A test holds it to batching callers that each
   awaited crypto first, the shape that never batched.

| \`totp-valid\` on PGlite, same users and codes | req/s | p50 | p99 |
|---|---|---|---|
| before (\`PGlite.query\`, each statement committed alone) | ${beforeRun?.requestsPerSecond ?? 'n/a'} | ${beforeRun?.latencyP50 ?? 'n/a'} ms | ${beforeRun?.latencyP99 ?? 'n/a'} ms |
| prepared statements | ${preparedRun?.requestsPerSecond ?? 'n/a'} | ${preparedRun?.latencyP50 ?? 'n/a'} ms | ${preparedRun?.latencyP99 ?? 'n/a'} ms |
| prepared statements + group commit (the default) | ${afterRun?.requestsPerSecond ?? 'n/a'} | ${afterRun?.latencyP50 ?? 'n/a'} ms | ${afterRun?.latencyP99 ?? 'n/a'} ms |

Reference point measured on this machine kind with the same load shape: Better Auth 1.7 (SQLite through
better-sqlite3) completes 153 pending sign-ins per second with a valid TOTP code (290 with WAL, 311 in
memory), p99 242–486 ms — and it accepts the same code twice. Target for mfa-kit on the embedded PGlite
default with replay protection on: at least 1,500 verifications per second, p99 under 50 ms, 0 errors.
**Not reached**: ${afterRun ? `${afterRun.requestsPerSecond} req/s is ${Math.round((afterRun.requestsPerSecond / 1500) * 100)}% of it, p99 ${afterRun.latencyP99} ms` : 'not measured'}, with 0 unexpected answers.
What stands in the way, from the profiles: PGlite is PostgreSQL in WebAssembly on the server's only
thread, and after the fixes a verification still spends about 1.5 ms in it (executing the two statements,
encoding and parsing protocol messages, writing its files), on top of about 0.5 ms of JWT, AES-GCM and
TOTP work and the HTTP layer — while autocannon takes its share of the same two cores. The next steps,
not taken: PGlite in a worker thread, so that HTTP and crypto run beside the database (its own work
would then cap it near 650/s), and fewer protocol round trips per batch (savepoints sent with their
statement in one call). On PostgreSQL (the \`postgres\` rows above) the database runs in its own
processes.

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
