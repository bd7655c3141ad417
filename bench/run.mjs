#!/usr/bin/env node
/**
 * `pnpm bench`: runs every benchmark on this machine and writes BENCHMARKS.md from their results.
 *   1. bundle size (bench/size.mjs)
 *   2. server throughput (bench/server.mjs), PGlite and PostgreSQL, plus the TOTP case on PGlite with
 *      each optimisation of the PGlite store turned off in turn (instructions counted), and once more
 *      under the profiler
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
  // totp-valid sends rate × duration prepared codes, however long that takes; every run below uses the
  // same number of users and codes (16,000 and 32,000), so they are comparable.
  const rate = ['--rate', '1600'];
  const totp = ['--cases', 'totp-valid', '--stores', 'pglite', ...rate];
  const keep = (name) =>
    writeFileSync(join(root, 'bench/results', name), readFileSync(join(root, 'bench/results/server.json')));
  // The steps, each with the server's instructions counted (perf stat, when the machine allows it):
  // instructions hardly depend on the machine, time does.
  const counted = [...totp, '--count-instructions'];
  // Before: every statement through PGlite.query, each committed (and synced) alone, on the main thread.
  run('server.mjs', [...counted, '--group-commit', 'false', '--prepare', 'false', '--worker', 'false']);
  keep('server-before.json');
  // Prepared statements (generic plans) alone.
  run('server.mjs', [...counted, '--group-commit', 'false', '--worker', 'false']);
  keep('server-prepared.json');
  // Prepared statements and group commit (a batch in one call), still on the main thread.
  run('server.mjs', [...counted, '--worker', 'false']);
  keep('server-batched.json');
  // The defaults (PGlite on a worker thread), counted like the steps before.
  run('server.mjs', counted);
  keep('server-counted.json');
  // The defaults under the profiler: its numbers are only for the profile.
  run('server.mjs', [...totp, '--profile', 'totp-valid']);
  keep('server-profile.json');
  // The defaults, nothing attached, twice for the TOTP case (runs on one machine differ by up to ~15%),
  // then every case on both stores.
  run('server.mjs', totp);
  keep('server-repeat.json');
  run('server.mjs', ['--stores', 'pglite,postgres', ...rate]);
}
run('render.mjs');

const size = read('size.json');
const server = read('server.json');
const optional = (name) => (existsSync(join(root, 'bench/results', name)) ? read(name) : null);
const before = optional('server-before.json');
const preparedOnly = optional('server-prepared.json');
const batched = optional('server-batched.json');
const counted = optional('server-counted.json');
const profiled = optional('server-profile.json');
const repeat = optional('server-repeat.json');
const render = read('render.json');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const { BUDGETS } = await import('./size-config.mjs');

const { ALL_BUDGETS } = await import('./size-config.mjs');
const distanceTo = (bytes, target) => {
  const distance = bytes / 1024 - target;
  return distance <= 0 ? `${(-distance).toFixed(1)} KB under` : `**${distance.toFixed(1)} KB over**`;
};
const sizeRows = ['a', 'a-tq', 'b', 'c']
  .map((id) => {
    const c = size.cases[id];
    const all = c.all === undefined ? '' : `**${kb(c.all)}**`;
    const targets = [
      c.target ? `${c.target} KB (${distanceTo(c.total, c.target)})` : 'reported, no budget',
      c.allTarget ? `all ${c.allTarget} KB (${distanceTo(c.all, c.allTarget)})` : '',
    ].filter(Boolean);
    const budgets = [
      BUDGETS[id] ? `${BUDGETS[id]} KB` : '—',
      ALL_BUDGETS[id] ? `all ${ALL_BUDGETS[id]} KB` : '',
    ];
    return `| (${id}) ${c.name} | ${kb(c.js)} | ${c.css ? kb(c.css) : '—'} | **${kb(c.total)}** | ${kb(c.lazy)} | ${all} | ${targets.join('; ')} | ${budgets.filter(Boolean).join('; ')} |`;
  })
  .join('\n');
const sizeBytes = Object.entries(size.cases)
  .map(
    ([id, c]) =>
      `(${id}) ${c.total.toLocaleString('en-US')}${c.all ? `, all ${c.all.toLocaleString('en-US')}` : ''}`,
  )
  .join('; ');
const ownRows = Object.entries(size.own)
  .map(([name, r]) => `| @mfa-kit/${name} | ${kb(r.js)} |`)
  .join('\n');
const codeInput = size.cases['code-input'];
const codeInputClean = !codeInput.packages['qrcode.react'] && !codeInput.packages['@simplewebauthn/browser'];

const serverRows = server.runs
  .map(
    (r) =>
      `| ${r.case} | ${r.store} | ${r.requestsPerSecond} | ${r.latencyP50} ms | ${r.latencyP99} ms | ${r.unexpected} | ${r.cpuMsPerRequest ? `${r.cpuMsPerRequest.server} ms` : 'n/a'} | ${Object.entries(
        r.statuses,
      )
        .map(([status, n]) => `${status}×${n}`)
        .join(' ')} | ${r.peakRssMb} MB |`,
  )
  .join('\n');
const valid = (runs, store) => runs.find((r) => r.case === 'totp-valid' && r.store === store);
const beforeRun = before ? valid(before.runs, 'pglite') : null;
const preparedRun = preparedOnly ? valid(preparedOnly.runs, 'pglite') : null;
const batchedRun = batched ? valid(batched.runs, 'pglite') : null;
const afterRun = valid(server.runs, 'pglite');
const repeatRun = repeat ? valid(repeat.runs, 'pglite') : null;
const afterRuns = [afterRun, repeatRun].filter(Boolean);
const profile = Object.entries(profiled?.profiles ?? server.profiles ?? {})
  .flatMap(([name, threads]) =>
    Object.entries(threads).map(
      ([thread, rows]) =>
        `Hottest functions (self time) of the server's ${thread} during \`${name}\` (setup included):\n\n| function | self |\n|---|---|\n${rows
          .slice(0, 12)
          .map((row) => `| \`${row.name.replace(/\|/g, '\\|')}\` | ${row.percent}% |`)
          .join('\n')}`,
    ),
  )
  .join('\n\n');
/** The target, criterion by criterion, over the runs with the defaults. */
function targetVerdict() {
  if (afterRuns.length === 0) return '**Not measured.**';
  const list = (values, unit) => values.map((v) => `${v.toLocaleString('en-US')}${unit}`).join(' and ');
  const rates = afterRuns.map((r) => r.requestsPerSecond);
  const p99s = afterRuns.map((r) => r.latencyP99);
  const unexpected = afterRuns.reduce((n, r) => n + r.unexpected, 0);
  const every = (ok) => (ok ? '**reached**' : '**not reached**');
  return [
    `Throughput ${every(rates.every((v) => v >= 1500))} (${list(rates, ' req/s')});`,
    `p99 under 50 ms ${every(p99s.every((v) => v < 50))} (${list(p99s, ' ms')});`,
    `errors ${every(unexpected === 0)} (${unexpected} unexpected answers).`,
  ].join(' ');
}
const ladderRow = (label, r) =>
  `| ${label} | ${r?.requestsPerSecond ?? 'n/a'} | ${r?.latencyP50 ?? 'n/a'} ms | ${r?.latencyP99 ?? 'n/a'} ms | ${r?.unexpected ?? 'n/a'} | ${r?.cpuMsPerRequest ? `${r.cpuMsPerRequest.server} ms` : 'n/a'} | ${r?.instructionsPerRequest ? `${r.instructionsPerRequest.server} M` : '—'} |`;
const countedRun = counted ? valid(counted.runs, 'pglite') : null;
const calibration = server.machine.calibration;
/** Where a verification's CPU went in a run with the defaults, and how many fit on this machine's cores. */
function costParagraph() {
  const r = countedRun ?? afterRun;
  const c = r?.cpuMsPerRequest;
  if (!c) return 'Not measured.';
  const all = c.server + c.loadGenerator;
  const ceiling = Math.round((cpus().length * 1000) / all);
  const i = r.instructionsPerRequest;
  const instructions = i
    ? ` Counted in instructions (\`perf stat\`, the run with the defaults in the table above): ${i.server} million per verification — ${i.main} M on the main thread, ${i.worker} M on PGlite's worker, ${i.otherThreads} M on the other threads.`
    : ' (perf stat could not count instructions on this machine.)';
  return `What bounds it: the ${cpus().length} cores. A verification cost the server ${c.server} ms of CPU: ${c.main} ms on the main thread (HTTP, Hono, the protocol code, and its side of the Web Crypto calls), ${c.worker} ms on PGlite's worker thread, ${c.otherThreads} ms on the other threads (Web Crypto's thread pool does the ES256 and AES-GCM work; V8 collects garbage); autocannon spent ${c.loadGenerator} ms on it. ${cpus().length} cores ÷ ${Math.round(all * 1000) / 1000} ms leaves room for about ${ceiling.toLocaleString('en-US')} verifications per second at most on this machine, whatever the latency.${instructions}`;
}

const cpu = cpus()[0]?.model ?? 'unknown';
const markdown = `# Benchmarks

Measured on ${new Date(size.date).toISOString().slice(0, 10)} on this machine: ${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}. Reproduce with \`pnpm bench\`
(after \`pnpm install\`; it builds first); the raw numbers are in \`bench/results/*.json\`. Benchmarks are
not tests: CI enforces only bundle sizes, which are deterministic (\`node bench/size.mjs --check\` in
\`pnpm test\`).

## 1. Bundle size

Each case imports what an app needs to render it: the client (\`createMfaClient\`) and the provider.
esbuild bundles an import from the built packages (their \`dist\`, as published), minified, React and
react-dom external; sizes are gzip (level 9) of what the import loads up front. Code loaded on demand
(\`import()\`: the enrolment screens of MfaGate, the QR code generator, StepUpDialog's re-authentication
screens, Radix's Dialog and AlertDialog, which the page fetches once it is idle or at the first open, and
@simplewebauthn/browser, fetched with the first passkey ceremony) is the *lazy* column: each lazy chunk
measured on its own with everything it imports, so code it shares with the first load counts twice there.
The *all* column is everything a case can ever load, up front and on demand, each module once. CI checks
that (a), (b) and (c) load neither Radix's dialogs nor the WebAuthn library up front. Reference points,
measured the same way on this machine kind: Better Auth's client with its 2FA and passkey plugins 16.8 KB
(hooks and its client, no UI); Hanko's web components 45.8 KB (full UI); Stytch's React SDK 84.8 KB; Clerk
33 KB plus about 390 KB from its CDN; Dynamic's React SDK 735 KB. Building blocks: @tanstack/react-query
10.7 KB, qrcode.react 6.3 KB, @simplewebauthn/browser 2.8 KB, Radix's OTP field 11.1 KB, input-otp 4.1 KB.

| import | JS | CSS | up front | lazy | all | target (distance) | CI budget |
|---|---|---|---|---|---|---|---|
${sizeRows}

Bytes: ${sizeBytes}.

Importing \`CodeInput\` alone loads ${kb(codeInput.total)} and ${codeInputClean ? 'pulls in neither qrcode.react nor @simplewebauthn/browser' : '**pulls in qrcode.react or @simplewebauthn/browser**'} (checked in CI).

Each package's own code, every dependency external:

| package | own code |
|---|---|
${ownRows}

## 2. Server throughput

The standalone server (\`packages/server/dist/cli.js\`) on loopback, loaded by autocannon on the same
machine (it competes for the same ${cpus().length} cores), ${server.settings.connections} connections,
${server.settings.duration} s per case, except \`totp-valid\`, which runs until its prepared codes are used up
(32,000 codes: about 22 s with the defaults, longer in the slower configurations below).
\`totp-valid\`: \`POST /verify/totp\` with a fresh valid code per request — many users, each code used
once, replay protection on; \`totp-wrong\`: wrong codes until every user is locked out (422, then 429);
\`status\`: \`GET /status\`; \`passkey\`: options and a signed assertion per verification (the load generator
signs with ECDSA, on the same cores). "unexpected" counts answers other than the expected ones, socket
errors and timeouts. "server CPU / request" is the CPU time of the server's Node process, all its
threads, while the load ran, divided by the requests (for \`passkey\`, by the verifications); on
PostgreSQL the database's own processes are not in it.

| case | store | req/s | p50 | p99 | unexpected | server CPU / request | answers | peak RSS |
|---|---|---|---|---|---|---|---|---|
${serverRows}

### Where the time goes, and the largest waste removed

${profile}

How a verification's time was found and cut, in two rounds. The numbers in the two rounds' text were
measured on the machines of those rounds; the table after them is this run's.

**First round** (profiling the verify path in process: 3,000 verifications, 50 in flight,
\`server.fetch\` without HTTP). With the memory store a verification costs 0.51 ms of CPU, 40% of it
signing and verifying ES256 tokens. On PGlite it cost 3.5 ms, and most of the difference was waste:
PGlite's \`query()\` parses and plans its SQL text on every call (planning the first statement of the
verify path alone took 0.65 ms, more than running it, with 33 \`fstat\` calls per verification), and
group commit never batched anything (0 of 6,000 statements), because PGlite runs a statement
synchronously, so no other request could queue one while it ran. Fixed: each statement is prepared once
(packages/server/src/store/pglite-driver.ts), and a batch starts at the end of the event loop's turn
(packages/server/src/store/group-commit.ts).

**Second round** (the store alone, 7,500 users, and the HTTP server with thread utilisation measured):
1. **Re-planning on every call.** PGlite runs no ANALYZE, so PostgreSQL judges a prepared statement's
   generic plan from table sizes alone; past a few thousand users it decided to re-plan the verify
   path's commit statement on every call (765 µs a call; 389 µs with the generic plan). The driver now
   sets \`plan_cache_mode = force_generic_plan\`: every statement of the store is a lookup by key.
2. **Round trips inside a batch.** Group commit ran each statement as three calls into PGlite
   (\`SAVEPOINT\`, the statement, \`RELEASE\`). A batch is now one call: every statement's Bind, Describe
   and Execute, then one Sync, which PostgreSQL runs as one implicit transaction; if a statement fails,
   nothing is kept and each runs again alone, so only its caller is rejected (tested). The store's work
   per verification with 50 in flight went from 0.67–0.95 ms to 0.34–0.51 ms.
3. **One thread for everything.** With PGlite on the main thread, the main thread was busy 98–100% of
   the time at ~600 req/s, two thirds of it inside PGlite. \`createPgliteStore({ worker: true })\` (the
   standalone server's default) runs the store on a worker thread, one message per store call, so
   PostgreSQL runs beside HTTP parsing and token crypto, on the other core.

| \`totp-valid\` on PGlite, the same 16,000 users and 32,000 codes | req/s | p50 | p99 | unexpected | server CPU / verification | instructions / verification |
|---|---|---|---|---|---|---|
${ladderRow('before: `PGlite.query`, each statement committed alone, main thread', beforeRun)}
${ladderRow('+ prepared statements with generic plans', preparedRun)}
${ladderRow('+ group commit, a batch in one call', batchedRun)}
${ladderRow('+ PGlite on a worker thread (the default)', countedRun)}
${afterRuns.map((r, i) => ladderRow(`the default again, nothing attached${afterRuns.length > 1 ? `, run ${i + 1}` : ''}`, r)).join('\n')}

The first four rows ran with \`perf stat\` attached to count instructions; the last ${afterRuns.length > 1 ? 'two' : ''} ran
without it, and the target below is judged on ${afterRuns.length > 1 ? 'them' : 'it'}.

For comparison, at the start of this work (prepared statements and a batching group commit with
savepoints, main thread) the same case ran at 473 req/s, p99 155 ms, with 4,500 users, on another
machine of this kind.

Reference point measured on this machine kind with the same load shape: Better Auth 1.7 (SQLite through
better-sqlite3) completes 153 pending sign-ins per second with a valid TOTP code (290 with WAL, 311 in
memory), p99 242–486 ms — and it accepts the same code twice. Target for mfa-kit on the embedded PGlite
default with replay protection on: at least 1,500 verifications per second, p99 under 50 ms, 0 errors.
${targetVerdict()}
With 50 connections each waiting for its answer, the mean latency is 50 ÷ throughput (31 ms at
1,600 req/s), and p99 was 1.7–2 times the mean in these runs, so p99 under 50 ms needs roughly
1,750–2,000 req/s.

${costParagraph()}

**Machines of this kind differ more than runs do.** This machine, one thread, idle, before the load:
an ES256 verification (OpenSSL) in ${calibration?.es256VerifyMicroseconds ?? 'n/a'} µs, a JSON round trip of a 1 KB object (V8) in
${calibration?.jsonRoundTripMicroseconds ?? 'n/a'} µs (\`machine.calibration\` in bench/results/server.json). On 2026-11-28 at 01:57 UTC another
machine of this kind ran the same server code (commit d9229bb; the server has not changed since) at
1,522 and 1,598 req/s, p99 58 and 53 ms, and in a separate run used 1.17 ms of server CPU per
verification; its calibration was not recorded. Compare code across machines by instructions per
verification; compare time only within one run of \`pnpm bench\`.

What else was measured, on the store alone (8,000 verifications, 50 in flight, instructions counted with
\`perf stat\`; the experiments are not kept):
- One key lookup through the same driver costs 0.63 million instructions, about 40% of it PGlite's
  JavaScript protocol parser; each of the verify path's two statements costs about 1.3 million.
- With one rate-limit counter per attempt instead of two (one row per user in \`rate_limits\`, say):
  2.57 million instructions per verification instead of 2.70 — 5% of the store's share, not worth a
  migration.
- \`fillfactor = 70\` on \`factors\`, \`sessions\` and \`rate_limits\` (so that updates stay on their page):
  2.64 million instead of 2.66, no gain; skipping the commit statement's checks that only a refusal
  needs: no change.
- Counting an attempt only after the code is checked would save a write, but it is unsound: with 100
  guesses in flight, all would be checked before the fifth failure locks the counter.
- The body is read through a web stream so that the 64 KiB limit holds whatever Content-Length says;
  @hono/node-server's faster body read has no limit.

On PostgreSQL (the \`postgres\` rows above) the database runs in its own processes; the store there is
unchanged by the second round.

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
