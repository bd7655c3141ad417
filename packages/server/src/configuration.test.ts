/**
 * Configuration mistakes fail at once with a message that says what to do, never as "Cannot read
 * properties of undefined" or a bare OperationError on every request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger, createMfaServer, type MfaServerOptions } from './index.js';
import { createHarness, ENCRYPTION_KEY, userWithTotp } from './test/harness.js';
import { STORE_KINDS, type StoreFixture } from './test/stores.js';

const OTHER_KEY = 'y'.repeat(43);

function options(overrides: Partial<MfaServerOptions> & Pick<MfaServerOptions, 'store'>): MfaServerOptions {
  return {
    encryptionKey: ENCRYPTION_KEY,
    issuer: 'https://wallet.example',
    audience: 'acme-wallet',
    webauthn: { rpId: 'localhost', rpName: 'Acme Wallet', origins: ['http://localhost:5173'] },
    ...overrides,
  };
}

describe('options', () => {
  it('says encryptionKey is required when it is missing or empty', () => {
    const store = createHarness().store;
    for (const encryptionKey of [undefined, '', null]) {
      expect(() =>
        createMfaServer(options({ store, encryptionKey: encryptionKey as unknown as string })),
      ).toThrow(/^encryptionKey is required: 32 random bytes/);
    }
    expect(() => createMfaServer(options({ store, encryptionKey: 'c2hvcnQ' }))).toThrow(
      /encryptionKey must be 32 bytes, got 5/,
    );
    expect(() => createMfaServer(options({ store, encryptionKey: 42 as unknown as string }))).toThrow(
      /encryptionKey must be 32 bytes/,
    );
  });

  it('says the store is required when it is missing', () => {
    expect(() => createMfaServer(options({ store: undefined as never }))).toThrow(
      /^store is required: createMemoryStore\(\)/,
    );
    expect(() => createMfaServer(undefined as never)).toThrow(/needs an options object/);
  });
});

describe.each(STORE_KINDS)('an encryptionKey that does not match the store: $name', (kind) => {
  let fixture: StoreFixture;
  beforeAll(async () => {
    fixture = await kind.create();
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('fails ready() saying so, answers 500 without detail, and logs what to do', async () => {
    const h = createHarness({ store: fixture.store });
    const { token } = await userWithTotp(h, 'ada');
    for (const extra of [{}, { signingKeys: [await signingKey()] }]) {
      const lines: string[] = [];
      const wrong = createMfaServer(
        options({
          store: fixture.store,
          encryptionKey: OTHER_KEY,
          logger: createJsonLogger({ level: 'info', write: (line) => lines.push(line) }),
          ...extra,
        }),
      );
      await expect(wrong.ready()).rejects.toThrow(/^encryptionKey does not match this store/);
      const reply = await wrong.fetch(
        new Request('http://localhost/status', { headers: { Authorization: `Bearer ${token}` } }),
      );
      expect(reply.status).toBe(500);
      expect(await reply.json()).toMatchObject({ error: { code: 'internal_error' } });
      expect(lines.join('\n')).toContain('encryptionKey does not match this store');
      expect(lines.join('\n')).not.toContain(OTHER_KEY);
    }
    // The right key still works on the same store.
    expect((await h.call('GET', '/status', { token })).status).toBe(200);
  });
});

async function signingKey() {
  const { generateKeyPair, exportJWK } = await import('jose');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return exportJWK(privateKey);
}
