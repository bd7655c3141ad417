#!/usr/bin/env node
/**
 * Server throughput: the standalone server (packages/server/dist/cli.js) on loopback, on PGlite and on
 * PostgreSQL, loaded by autocannon at concurrency 50 for 20 s per case:
 *   totp-valid   POST /verify/totp with a fresh valid code per request (many users, each code once)
 *   totp-wrong   POST /verify/totp with wrong codes, until every user is locked out
 *   status       GET /status
 *   passkey      POST /verify/passkey/options + POST /verify/passkey (a software authenticator signs)
 * Reports requests/s, p50/p99 latency, unexpected answers, the server's peak RSS, and what a request
 * cost: CPU time of the server's threads and of the load generator while the load ran, and, with
 * --count-instructions, the instructions the server's threads retired (`perf stat`). Time depends on
 * the machine, which on this machine kind varies a lot from one machine to the next; instructions
 * hardly do, so they compare code across machines.
 *
 *   node bench/server.mjs [--stores pglite,postgres] [--cases totp-valid,...] [--duration 20]
 *                         [--connections 50] [--profile totp-valid] [--group-commit false]
 *                         [--prepare false] [--worker false] [--count-instructions]
 *
 * Writes bench/results/server.json. With --profile, the server runs under `node --cpu-prof` for that case
 * and the hottest functions are printed. Never part of the tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 ? process.argv[index + 1] : fallback;
};
const stores = arg('stores', 'pglite,postgres').split(',');
const cases = arg('cases', 'totp-valid,totp-wrong,status,passkey').split(',');
const duration = Number(arg('duration', '20'));
const connections = Number(arg('connections', '50'));
const profileCase = arg('profile', '');
const groupCommit = arg('group-commit', 'true') !== 'false';
const prepare = arg('prepare', 'true') !== 'false';
const worker = arg('worker', 'true') !== 'false';
const countInstructions = process.argv.includes('--count-instructions');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN = 'bench-admin-token';
const ORIGIN = 'http://localhost:5173';

const code = (secret, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

async function startServer({ store, profileDir, groupCommit = true, prepare = true, worker = true }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mfa-bench-'));
  let database = null;
  const env = {
    ...process.env,
    PORT: '0',
    MFA_DATA_DIR: dataDir,
    MFA_ADMIN_TOKEN: ADMIN,
    MFA_ORIGINS: ORIGIN,
    MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    MFA_POLICY: JSON.stringify({ actions: { 'wallet:export': {} } }),
    LOG_LEVEL: 'error',
    MFA_PGLITE_GROUP_COMMIT: String(groupCommit),
    MFA_PGLITE_PREPARE: String(prepare),
    MFA_PGLITE_WORKER: String(worker),
  };
  if (store === 'postgres') {
    database = `mfa_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(DATABASE_URL);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  } else {
    env.DATABASE_URL = '';
  }
  const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...args, join(root, 'packages/server/dist/cli.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const check = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        clearInterval(check);
        resolve(match[1].replace('127.0.0.1', 'localhost'));
      }
    }, 50);
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
    } catch {}
  }, 250);
  return {
    url,
    pid: child.pid,
    worker: store === 'pglite' && worker,
    peakRss: () => peakRss,
    async stop() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
      if (database) {
        const admin = new pg.Client({ connectionString: DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${database}`);
        await admin.end();
      }
    },
  };
}

async function call(url, method, path, { token, body, elevated } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(elevated ? { 'X-Elevated-Token': elevated } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

const session = async (url, userId) =>
  (await call(url, 'POST', '/admin/sessions', { token: ADMIN, body: { userId, amr: ['pwd'] } })).body
    .accessToken;

/** Runs `task` over `items` with at most `limit` at once. */
async function pool(items, limit, task) {
  let next = 0;
  const results = new Array(items.length);
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}

/** Users with an authenticator app enrolled with the previous step's code, so steps s and s+1 stay free. */
async function seedTotpUsers(url, count, prefix) {
  return pool(
    Array.from({ length: count }, (_, i) => `${prefix}-${i}`),
    48,
    async (userId) => {
      const token = await session(url, userId);
      const started = await call(url, 'POST', '/totp/enroll', { token, body: {} });
      // The previous step's code, so the current and the next step stay free for the run. Computed
      // right before sending, and once more if a step boundary passed in between.
      for (let attempt = 0; ; attempt++) {
        const done = await call(url, 'POST', '/totp/enroll/verify', {
          token,
          body: { deviceId: started.body.deviceId, code: code(started.body.secret, -1) },
        });
        if (done.status === 200) break;
        if (attempt === 2) throw new Error(`seeding failed: ${JSON.stringify(done.body)}`);
      }
      return { userId, secret: started.body.secret, token };
    },
  );
}

/** CPU time in ms of each thread of process `pid`, by thread id (Linux's /proc; empty elsewhere). */
function threadCpu(pid) {
  const times = new Map();
  let tids = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return times;
  }
  for (const tid of tids) {
    try {
      // schedstat: nanoseconds on the CPU; stat (utime + stime, in 100 Hz ticks) where it is missing.
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      times.set(Number(tid), ns / 1e6);
    } catch {
      try {
        const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        times.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {}
    }
  }
  return times;
}

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Whether `perf stat` can count instructions here (it needs the kernel's and the hypervisor's leave). */
const perfWorks = (() => {
  const probe = spawnSync('perf', ['stat', '-x', ',', '-e', 'instructions', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+,/m.test(probe.stderr ?? '');
})();

/**
 * Measures what `load()` costs the server (pid) and this process: CPU per request by thread, and the
 * server's instructions per thread when counting. The main thread is the process's first; with PGlite on
 * a worker, the busiest other thread is that worker; the rest are Web Crypto's thread pool and V8's.
 */
async function measureCost(server, load) {
  const before = threadCpu(server.pid);
  const ownBefore = ownCpuMs();
  let perf = null;
  let perfOutput = '';
  if (countInstructions && perfWorks) {
    perf = spawn(
      'perf',
      ['stat', '--per-thread', '-x', ',', '-e', 'instructions', '-p', String(server.pid)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    perf.stderr.on('data', (chunk) => {
      perfOutput += chunk;
    });
  }
  const outcome = await load();
  const after = threadCpu(server.pid);
  const ownMs = ownCpuMs() - ownBefore;
  const instructions = new Map();
  if (perf) {
    perf.kill('SIGINT');
    await new Promise((resolve) => perf.on('exit', resolve));
    // `-x ,` lines: <comm>-<tid>,<count>,,instructions,...
    for (const line of perfOutput.split('\n')) {
      const match = /-(\d+),(\d+),[^,]*,instructions/.exec(line);
      if (match) instructions.set(Number(match[1]), Number(match[2]));
    }
  }
  const n = outcome.count;
  const used = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)]);
  const main = used.find(([tid]) => tid === server.pid)?.[1] ?? 0;
  const others = used.filter(([tid]) => tid !== server.pid).sort((a, b) => b[1] - a[1]);
  const workerTid = server.worker ? others[0]?.[0] : undefined;
  const workerMs = server.worker ? (others[0]?.[1] ?? 0) : null;
  const total = used.reduce((sum, [, ms]) => sum + ms, 0);
  const perRequest = (value) => (value === null ? null : Math.round((value / n) * 1000) / 1000);
  const cost = {
    cpuMsPerRequest: {
      server: perRequest(total),
      main: perRequest(main),
      worker: perRequest(workerMs),
      otherThreads: perRequest(total - main - (workerMs ?? 0)),
      loadGenerator: perRequest(ownMs),
    },
    instructionsPerRequest: null,
  };
  if (instructions.size > 0) {
    const all = [...instructions.values()].reduce((sum, count) => sum + count, 0);
    const mainCount = instructions.get(server.pid) ?? 0;
    const workerCount = workerTid === undefined ? null : (instructions.get(workerTid) ?? 0);
    const millions = (value) => (value === null ? null : Math.round((value / n / 1e6) * 100) / 100);
    cost.instructionsPerRequest = {
      unit: 'millions',
      server: millions(all),
      main: millions(mainCount),
      worker: millions(workerCount),
      otherThreads: millions(all - mainCount - (workerCount ?? 0)),
    };
  }
  return { outcome, cost };
}

/** An autocannon run against `server`, with what it cost (see measureCost). */
async function autocannonMeasured(server, options) {
  const { outcome, cost } = await measureCost(server, async () => {
    const run = await autocannonRun(server.url, options);
    return { ...run, count: run.result.requests.total };
  });
  return { ...outcome, cost };
}

function autocannonRun(url, { requests, amount }) {
  return new Promise((resolve, reject) => {
    const statuses = {};
    const instance = autocannon(
      { url, connections, duration, requests, timeout: 10, ...(amount ? { amount } : {}) },
      (error, result) => (error ? reject(error) : resolve({ result, statuses })),
    );
    instance.on('response', (_client, statusCode) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

function summarize(name, store, { result, statuses, cost }, expected, peakRss) {
  const unexpected = Object.entries(statuses)
    .filter(([status]) => !expected.includes(Number(status)))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    case: name,
    store,
    // Over the time the run really took (a run ends early once its prepared requests are used up).
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    total: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    statuses,
    unexpected: unexpected + result.errors + result.timeouts,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    ...cost,
  };
}

async function runCase(name, server, store) {
  const { url } = server;
  const budget = Math.ceil(duration * Number(arg('rate', '2000')));
  if (name === 'totp-valid') {
    // Two codes per user (steps s and s+1), each with its own pending session.
    const users = await seedTotpUsers(url, Math.ceil(budget / 2), `valid-${store}`);
    const jobs = [];
    for (const user of users) {
      for (const offset of [0, 1]) jobs.push({ user, offset });
    }
    const prepared = await pool(jobs, 32, async ({ user, offset }) => ({
      token: await session(url, user.userId),
      secret: user.secret,
      offset,
    }));
    // Each user's current-step code goes before its next-step code (all offset-0 jobs first), and codes
    // are computed as the request is sent, so every code is fresh and each step is used once.
    const ordered = [
      ...prepared.filter((job) => job.offset === 0),
      ...prepared.filter((job) => job.offset === 1),
    ];
    let next = 0;
    const outcome = await autocannonMeasured(server, {
      amount: ordered.length,
      requests: [
        {
          method: 'POST',
          path: '/verify/totp',
          setupRequest(request) {
            const job = ordered[next++];
            request.headers = { 'content-type': 'application/json', authorization: `Bearer ${job.token}` };
            request.body = JSON.stringify({ code: code(job.secret, job.offset) });
            return request;
          },
        },
      ],
    });
    const summary = summarize(name, store, outcome, [200], server.peakRss());
    summary.note = `${ordered.length} prepared verifications (${users.length} users)`;
    return summary;
  }
  if (name === 'totp-wrong') {
    const users = await seedTotpUsers(url, 2000, `wrong-${store}`);
    const tokens = await pool(users, 32, async (user) => session(url, user.userId));
    let next = 0;
    const outcome = await autocannonMeasured(server, {
      requests: [
        {
          method: 'POST',
          path: '/verify/totp',
          setupRequest(request) {
            const token = tokens[next++ % tokens.length];
            request.headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
            // A code no clock can make valid is not needed: a wrong code is wrong at any step here,
            // because 000000 is checked against a random secret (one in a million chance per step).
            request.body = JSON.stringify({ code: '000000' });
            return request;
          },
        },
      ],
    });
    return summarize(name, store, outcome, [422, 429], server.peakRss());
  }
  if (name === 'status') {
    const users = await seedTotpUsers(url, 200, `status-${store}`);
    let next = 0;
    const outcome = await autocannonMeasured(server, {
      requests: [
        {
          method: 'GET',
          path: '/status',
          setupRequest(request) {
            request.headers = { authorization: `Bearer ${users[next++ % users.length].token}` };
            return request;
          },
        },
      ],
    });
    return summarize(name, store, outcome, [200], server.peakRss());
  }
  if (name === 'passkey') {
    return runPasskey(server, store);
  }
  throw new Error(`unknown case ${name}`);
}

/**
 * The passkey path needs two requests per verification (options, then the signed assertion), so a small
 * closed-loop generator runs it instead of autocannon: 50 virtual users, each verifying in a loop.
 */
async function runPasskey(server, store) {
  const { register, authenticate } = await import(join(root, 'packages/server/dist/testing.js'));
  const { url } = server;
  const users = await pool(
    Array.from({ length: connections }, (_, i) => `passkey-${store}-${i}`),
    16,
    async (userId) => {
      const token = await session(url, userId);
      const options = await call(url, 'POST', '/passkey/register/options', { token, body: {} });
      const { credential, response } = await register(options.body.options, { origin: ORIGIN });
      const done = await call(url, 'POST', '/passkey/register/verify', { token, body: { response } });
      if (done.status !== 200) throw new Error(`passkey seeding failed: ${JSON.stringify(done.body)}`);
      const elevated = await call(url, 'POST', '/verify/passkey/options', {
        token,
        body: { requestedScopes: ['wallet:export'] },
      });
      if (elevated.status !== 200)
        throw new Error(`passkey options failed: ${JSON.stringify(elevated.body)}`);
      return { token, credential };
    },
  );
  const latencies = [];
  const statuses = {};
  let done = 0;
  const end = Date.now() + duration * 1000;
  const { cost } = await measureCost(server, async () => {
    await Promise.all(
      users.map(async (user) => {
        while (Date.now() < end) {
          const started = performance.now();
          const options = await call(url, 'POST', '/verify/passkey/options', {
            token: user.token,
            body: { requestedScopes: ['wallet:export'] },
          });
          const response = await authenticate(user.credential, options.body.options, { origin: ORIGIN });
          const verified = await call(url, 'POST', '/verify/passkey', {
            token: user.token,
            body: { response, requestedScopes: ['wallet:export'] },
          });
          statuses[verified.status] = (statuses[verified.status] ?? 0) + 1;
          latencies.push(performance.now() - started);
          done++;
        }
      }),
    );
    return { count: done };
  });
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]);
  return {
    case: 'passkey',
    store,
    requestsPerSecond: Math.round(done / duration),
    total: done,
    latencyP50: at(0.5),
    latencyP99: at(0.99),
    statuses,
    unexpected: Object.entries(statuses)
      .filter(([s]) => s !== '200')
      .reduce((sum, [, n]) => sum + n, 0),
    peakRssMb: Math.round(server.peakRss() / 1024 / 1024),
    ...cost,
    note: 'verifications per second; each is two requests (options + assertion) and an ECDSA signature in the load generator; cost is per verification',
  };
}

/** The hottest functions of each thread's profile: the main thread, and PGlite's worker when there is one. */
function hottest(profileDir) {
  const files = readdirSync(profileDir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  return Object.fromEntries(
    files.map((file, index) => {
      const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
      const self = new Map();
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const interval = (profile.endTime - profile.startTime) / profile.samples.length;
      for (const id of profile.samples) {
        const frame = byId.get(id).callFrame;
        const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*node_modules\//, '').replace(`file://${root}`, '')}:${frame.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + interval);
      }
      const total = [...self.values()].reduce((a, b) => a + b, 0);
      const rows = [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([name, micros]) => ({ name, percent: Math.round((micros / total) * 1000) / 10 }));
      return [index === 0 ? 'main thread' : 'PGlite worker thread', rows];
    }),
  );
}

/**
 * The machine's speed on two fixed pieces of work, one thread, before any load: OpenSSL (an ES256
 * verification, as every request does) and V8 (a JSON round trip of a 1 KB object). Machines of one kind
 * differ a lot here; these say how fast this one was, so runs on different machines can be compared.
 */
function calibrate() {
  const time = (count, work) => {
    for (let i = 0; i < count / 10; i++) work(i);
    const started = performance.now();
    for (let i = 0; i < count; i++) work(i);
    return Math.round(((performance.now() - started) * 1000 * 10) / count) / 10;
  };
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = createHash('sha256').update('calibration').digest();
  const signature = sign('sha256', data, privateKey);
  const object = {
    sub: 'user-1',
    factors: Array.from({ length: 8 }, (_, i) => ({ id: `dev_${i}`, name: 'Authenticator app', step: i })),
  };
  return {
    es256VerifyMicroseconds: time(2000, () => verify('sha256', data, publicKey, signature)),
    jsonRoundTripMicroseconds: time(20000, (i) => JSON.parse(JSON.stringify({ ...object, i }))),
  };
}

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    calibration: calibrate(),
  },
  settings: { duration, connections, groupCommit, prepare, worker, countInstructions, perfWorks },
  runs: [],
  profiles: {},
};
for (const store of stores) {
  for (const name of cases) {
    const profileDir = profileCase === name ? mkdtempSync(join(tmpdir(), 'mfa-prof-')) : null;
    const server = await startServer({ store, profileDir, groupCommit, prepare, worker });
    try {
      const summary = await runCase(name, server, store);
      results.runs.push(summary);
      console.log(JSON.stringify(summary));
    } finally {
      await server.stop();
    }
    if (profileDir) {
      results.profiles[`${name}-${store}`] = hottest(profileDir);
      for (const rows of Object.values(results.profiles[`${name}-${store}`])) console.table(rows);
      rmSync(profileDir, { recursive: true, force: true });
    }
  }
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/server.json'), `${JSON.stringify(results, null, 2)}\n`);
