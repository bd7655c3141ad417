/**
 * `pnpm dev` and `pnpm start` stop on SIGTERM, as a process manager or a container runtime sends it: to
 * the one process it started, pnpm. pnpm passes the signal to the script's process only, so the scripts
 * `exec` theirs (no shell in between that would die and leave the server behind), and the server itself
 * runs in that process (node with tsx as a loader, not the tsx CLI that starts another node).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { findAppDir } from './paths.js';

const APP_DIR = findAppDir();
const ROOT = join(APP_DIR, '../..');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The processes below `pid` that are alive (zombies are not), by `ps`. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([child = '', parent = '', stat = '']) => ({ pid: Number(child), ppid: Number(parent), stat }));
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const row of rows) {
      if (row.ppid !== parent) continue;
      if (!row.stat.startsWith('Z')) found.push(row.pid);
      walk(row.pid);
    }
  };
  walk(pid);
  return found;
}

/** Whether `pid` runs (a zombie does not). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  return stat !== '' && !stat.startsWith('Z');
}

let started: ChildProcess | null = null;
let group: number[] = [];

afterEach(() => {
  // Whatever a failed test left running: the processes it started, by their ids.
  for (const pid of [started?.pid, ...group]) {
    if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  started = null;
  group = [];
});

/**
 * Runs `pnpm <script>` in `cwd` on a free port until it says where it runs, sends SIGTERM to pnpm alone,
 * and reports what is left.
 */
async function startAndTerminate(script: 'dev' | 'start', cwd: string) {
  const port = await freePort();
  const { NODE_ENV: _testRunner, ...env } = process.env;
  const child = spawn('pnpm', [script], {
    cwd,
    env: { ...env, PORT: String(port), DATA_DIR: 'memory' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started = child;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const exited = once(child, 'exit');
  const until = Date.now() + 90_000;
  while (!output.includes(`Acme Wallet is running at http://localhost:${port}/`)) {
    if (Date.now() > until || child.exitCode !== null)
      throw new Error(`pnpm ${script} did not start:\n${output}`);
    await sleep(100);
  }
  // Up: the database is open (a stop during its first seconds waits for it, in the same thread).
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(health.status).toBe(200);
  const pnpm = child.pid as number;
  group = descendants(pnpm);
  expect(group.length).toBeGreaterThan(0);

  process.kill(pnpm, 'SIGTERM');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  // The server gets 5 seconds to finish open requests; then it is gone, and so is its port.
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline && (group.some(isRunning) || (await portIsOpen(port)))) await sleep(100);
  return { port, code, signal, left: group.filter(isRunning), open: await portIsOpen(port), output };
}

describe('SIGTERM to pnpm', () => {
  it.each([
    ['the repository root', ROOT],
    ['apps/demo', APP_DIR],
  ])('stops `pnpm dev` run in %s: the port is free and no process is left', async (_where, cwd) => {
    const { code, left, open, output } = await startAndTerminate('dev', cwd);
    expect(left, output).toEqual([]);
    expect(open).toBe(false);
    expect(code, output).toBe(0);
  });

  it('stops `pnpm start` (a build, then the built server): the port is free and no process is left', async () => {
    const { code, left, open, output } = await startAndTerminate('start', APP_DIR);
    expect(left, output).toEqual([]);
    expect(open).toBe(false);
    expect(code, output).toBe(0);
  }, 120_000);
});
