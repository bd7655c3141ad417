import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createMfaServer } from './index.js';
import { createStandaloneServer, readStandaloneConfig } from './standalone.js';
import { ENCRYPTION_KEY } from './test/harness.js';

const packageDir = new URL('..', import.meta.url).pathname;

function mfa(basePath?: string) {
  return createMfaServer({
    store: createMemoryStore(),
    encryptionKey: ENCRYPTION_KEY,
    issuer: 'https://wallet.example',
    audience: 'acme-wallet',
    webauthn: { rpId: 'localhost', rpName: 'Acme Wallet', origins: ['http://localhost:5173'] },
    logger: { info() {}, warn() {}, error() {} },
    ...(basePath ? { basePath } : {}),
  });
}

describe('mounting the handler', () => {
  it('mounts in a Hono app under a path', async () => {
    const server = mfa();
    const app = new Hono();
    app.mount('/api/mfa', server.fetch);
    const token = (await server.sessions.issue({ userId: 'ada', amr: ['pwd'] })).accessToken;
    const reply = await app.request('/api/mfa/status', { headers: { Authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ requiresAdditionalAuth: false });
  });

  it('serves full URLs with basePath, as a Next.js route handler sees them', async () => {
    const server = mfa('/api/mfa');
    const token = (await server.sessions.issue({ userId: 'ada', amr: ['pwd'] })).accessToken;
    const reply = await server.fetch(
      new Request('https://wallet.example/api/mfa/config', { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(reply.status).toBe(200);
    expect((await server.fetch(new Request('https://wallet.example/config'))).status).toBe(404);
  });

  it('runs on Node’s http server through @hono/node-server (as Express would mount it)', async () => {
    const server = mfa();
    const http = createServer(getRequestListener(server.fetch));
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    try {
      const { port } = http.address() as AddressInfo;
      const reply = await fetch(`http://127.0.0.1:${port}/.well-known/jwks.json`);
      expect(reply.status).toBe(200);
      expect(((await reply.json()) as { keys: unknown[] }).keys).toHaveLength(1);
      const big = await fetch(`http://127.0.0.1:${port}/verify/totp`, {
        method: 'POST',
        headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: 'x'.repeat(70_000) }),
      });
      expect(big.status).toBe(413);
    } finally {
      await new Promise((done) => http.close(done));
    }
  });
});

describe('the standalone server', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-standalone-'));
    if (!existsSync(join(packageDir, 'dist/cli.js'))) {
      execFileSync('pnpm', ['build'], { cwd: packageDir, stdio: 'ignore' });
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads its configuration from the environment and keeps a development key in the data directory', async () => {
    const config = await readStandaloneConfig({
      PORT: '0',
      MFA_DATA_DIR: join(dir, 'config'),
      MFA_RP_ID: 'example.com',
    });
    expect(config).toMatchObject({
      port: 0,
      rpId: 'example.com',
      basePath: '/',
      databaseUrl: undefined,
      worker: true,
    });
    expect(
      await readStandaloneConfig({ MFA_DATA_DIR: join(dir, 'config'), MFA_PGLITE_WORKER: 'false' }),
    ).toMatchObject({ worker: false });
    const keyFile = join(dir, 'config', 'encryption-key');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(config.encryptionKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await readStandaloneConfig({ MFA_DATA_DIR: join(dir, 'config') })).encryptionKey).toBe(
      config.encryptionKey,
    );
    await expect(readStandaloneConfig({ DATABASE_URL: 'postgres://x' })).rejects.toThrow(
      /MFA_ENCRYPTION_KEY/,
    );
    await expect(readStandaloneConfig({ PORT: 'eighty' })).rejects.toThrow(/PORT/);
  });

  it('answers cross-origin requests from its origins only, never on the admin routes, unless MFA_CORS=false', async () => {
    const config = await readStandaloneConfig({
      PORT: '0',
      MFA_DATA_DIR: join(dir, 'cors'),
      MFA_ADMIN_TOKEN: 'letmein',
      MFA_PGLITE_WORKER: 'false',
    });
    expect(config.cors).toBe(true);
    const front = 'http://localhost:5173';
    const preflight = (path: string, origin = front) =>
      standalone.app.request(path, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, x-elevated-token',
        },
      });
    const standalone = await createStandaloneServer({ ...config, logLevel: 'silent' });
    try {
      const allowed = await preflight('/verify/totp');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(front);
      expect(allowed.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain(
        'x-elevated-token',
      );
      expect(allowed.headers.get('Access-Control-Max-Age')).toBe('600');
      expect(allowed.headers.get('Access-Control-Allow-Credentials')).toBeNull();
      // A refusal still tells the page its Retry-After and WWW-Authenticate.
      const refused = await standalone.app.request('/status', { headers: { Origin: front } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('Access-Control-Allow-Origin')).toBe(front);
      expect(refused.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After/);
      // Another origin, and the admin routes, get no CORS answer.
      expect(
        (await preflight('/verify/totp', 'https://evil.example')).headers.get('Access-Control-Allow-Origin'),
      ).toBeNull();
      expect((await preflight('/admin/sessions')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    } finally {
      await standalone.close();
    }
    const off = await createStandaloneServer({
      ...(await readStandaloneConfig({
        ...{ PORT: '0', MFA_DATA_DIR: join(dir, 'cors-off') },
        MFA_CORS: 'false',
        MFA_PGLITE_WORKER: 'false',
      })),
      logLevel: 'silent',
    });
    try {
      const answer = await off.app.request('/status', { headers: { Origin: front } });
      expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
    } finally {
      await off.close();
    }
  });

  it('issues sessions through its admin API only with the admin token', async () => {
    const config = await readStandaloneConfig({
      PORT: '0',
      MFA_DATA_DIR: join(dir, 'admin'),
      MFA_ADMIN_TOKEN: 'letmein',
    });
    const standalone = await createStandaloneServer({ ...config, logLevel: 'silent' });
    try {
      const url = await standalone.listen();
      const issue = (auth: string) =>
        fetch(`${url}/admin/sessions`, {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ userId: 'ada', amr: ['pwd'] }),
        });
      expect((await issue('Bearer wrong')).status).toBe(401);
      const issued = await issue('Bearer letmein');
      expect(issued.status).toBe(201);
      const { accessToken } = (await issued.json()) as { accessToken: string };
      const status = await fetch(`${url}/status`, { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(status.status).toBe(200);
    } finally {
      await standalone.close();
    }
  });

  it('reads admin bodies as the protocol routes do: at most 64 KiB, known fields only, typed refusals', async () => {
    const config = await readStandaloneConfig({
      PORT: '0',
      MFA_DATA_DIR: join(dir, 'admin-bodies'),
      MFA_ADMIN_TOKEN: 'letmein',
    });
    const standalone = await createStandaloneServer({ ...config, logLevel: 'silent' });
    try {
      const url = await standalone.listen();
      const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
        fetch(`${url}/admin${path}`, {
          method: 'POST',
          headers: { Authorization: 'Bearer letmein', 'Content-Type': 'application/json', ...headers },
          body,
          ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        } as RequestInit);
      const errorOf = async (reply: Response) => [
        reply.status,
        ((await reply.json()) as { error: { code: string } }).error.code,
      ];
      const huge = JSON.stringify({ userId: 'ada', amr: ['pwd'], pad: 'x'.repeat(100_000) });
      expect(await errorOf(await post('/sessions', huge))).toEqual([413, 'payload_too_large']);
      // Without a Content-Length, the size is counted while reading.
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(8192)));
          controller.close();
        },
      });
      const streamed = await standalone.app.request('/admin/sessions', {
        method: 'POST',
        headers: { Authorization: 'Bearer letmein', 'Content-Type': 'application/json' },
        body: chunks,
        duplex: 'half',
      } as RequestInit);
      expect(await errorOf(streamed)).toEqual([413, 'payload_too_large']);
      expect(await errorOf(await post('/users/ada/unlock', huge))).toEqual([413, 'payload_too_large']);
      expect(await errorOf(await post('/sessions', '{"userId":'))).toEqual([400, 'invalid_request']);
      expect(await errorOf(await post('/sessions', JSON.stringify({ userId: 'ada', admin: true })))).toEqual([
        400,
        'invalid_request',
      ]);
      expect((await post('/users/ada/unlock', '')).status).toBe(204);
    } finally {
      await standalone.close();
    }
  });

  it('starts with one command, logs one line with its URL, and stops on SIGTERM', async () => {
    const child: ChildProcess = spawn(process.execPath, [join(packageDir, 'dist/cli.js')], {
      env: { ...process.env, PORT: '0', MFA_DATA_DIR: join(dir, 'cli'), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL logged:\n${output}`)), 60_000);
      const check = () => {
        const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          done(match[1]);
        } else setTimeout(check, 50);
      };
      check();
    });
    const jwks = await fetch(`${url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(output.split('\n').filter((line) => line.includes('mfa.server.listening'))).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('mfa.server.stopping');
  });
});
