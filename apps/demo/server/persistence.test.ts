import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './api.js';
import { createDemoServer } from './app.js';
import { freshEmail, type Harness, PASSWORD, signIn, signUp, startDemo } from './test/harness.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'acme-wallet-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('a data folder', () => {
  it('keeps accounts, wallets, sign-in locks, the policy and the keys across restarts', async () => {
    let h: Harness = await startDemo({ dataDir });
    const { email, token } = await signUp(h);
    expect(
      (
        await h.call('POST', '/api/wallet/transfer', {
          token,
          body: { to: 'grace@example.com', amount: '1' },
        })
      ).status,
    ).toBe(403);
    const relaxed = { ...DEFAULT_POLICY, stepUp: { ...DEFAULT_POLICY.stepUp, 'wallet:transfer': false } };
    expect((await h.call('PUT', '/api/policy', { token, body: relaxed })).status).toBe(200);
    expect(
      (
        await h.call('POST', '/api/wallet/transfer', {
          token,
          body: { to: 'grace@example.com', amount: '1' },
        })
      ).status,
    ).toBe(200);
    const locked = freshEmail('locked');
    for (let i = 0; i < 5; i++) await signIn(h, locked, 'wrong password!');
    await h.close();

    const key = await stat(join(dataDir, 'encryption-key'));
    expect(key.mode & 0o777).toBe(0o600);
    expect((await readFile(join(dataDir, 'encryption-key'), 'utf8')).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(join(dataDir, 'pglite'))).isDirectory()).toBe(true);

    h = await startDemo({ dataDir });
    try {
      // The signing key survived (it is kept encrypted with the key file): the old token still works.
      expect((await h.call('GET', '/api/wallet', { token })).body).toMatchObject({
        email,
        balance: '999.00',
      });
      expect((await h.call('GET', '/api/policy', { token })).body).toEqual(relaxed);
      expect((await signIn(h, email, PASSWORD)).status).toBe(200);
      expect((await signIn(h, locked, 'wrong password!')).status).toBe(429);
    } finally {
      await h.close();
    }
  });

  it('refuses to start when the encryption key is gone but the database is not', async () => {
    await unlink(join(dataDir, 'encryption-key'));
    expect(() => createDemoServer({ dataDir, origin: 'http://localhost:5173', log: false })).toThrow(
      /encryption-key is missing/,
    );
  });
});
