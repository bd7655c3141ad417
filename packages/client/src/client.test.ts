import { createMfaClient, type MfaClientOptions, MfaError } from '@mfa-kit/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ACCESS_TOKEN,
  BASE_URL,
  empty,
  json,
  recordingFetch,
  rejectionOf,
  setup,
} from './test/fake-fetch.js';

describe('createMfaClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([
    ['/api/mfa', '/api/mfa/status'],
    ['/api/mfa/', '/api/mfa/status'],
    ['https://mfa.test/api/mfa//', 'https://mfa.test/api/mfa/status'],
    ['', '/status'],
    ['/', '/status'],
  ])('joins base URL %j and a route with one slash', async (baseUrl, expected) => {
    const { client, requests } = setup(() => json(200, { devices: [] }), { baseUrl });
    await client.listDevices();
    expect(requests[0]?.url).toBe(expected.replace('/status', '/devices'));
  });

  it('asks for the access token before every request, and awaits it', async () => {
    let issued = 0;
    const getAccessToken = vi.fn(async () => `token-${++issued}`);
    const { client, requests } = setup(() => json(200, { devices: [] }), { getAccessToken });
    await client.listDevices();
    await client.listDevices();
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('does not ask for the access token for the public keys', async () => {
    const getAccessToken = vi.fn(() => ACCESS_TOKEN);
    const { client } = setup(() => json(200, { keys: [] }), { getAccessToken });
    await client.getJwks();
    expect(getAccessToken).not.toHaveBeenCalled();
  });

  it.each([null, undefined, ''])('refuses to send anything when the access token is %j', async (token) => {
    const { client, requests } = setup(() => json(200, { devices: [] }), { getAccessToken: () => token });
    const error = await rejectionOf(client.listDevices());
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toMatchObject({ code: 'unauthorized', status: undefined });
    expect(requests).toHaveLength(0);
  });

  it('passes an error thrown by getAccessToken through unchanged', async () => {
    const failure = new Error('refresh failed');
    const { client, requests } = setup(() => json(200, {}), {
      getAccessToken: () => Promise.reject(failure),
    });
    await expect(client.getStatus()).rejects.toBe(failure);
    expect(requests).toHaveLength(0);
  });

  it('looks fetch up on globalThis at call time, not when created', async () => {
    vi.stubGlobal('fetch', undefined);
    const client = createMfaClient({ baseUrl: BASE_URL, getAccessToken: () => ACCESS_TOKEN });
    const { fetch, requests } = recordingFetch(() => json(200, { devices: [] }));
    vi.stubGlobal('fetch', fetch);
    await expect(client.listDevices()).resolves.toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('calls fetch as a plain function, so a fetch that needs no receiver works', async () => {
    const receivers: unknown[] = [];
    const client = createMfaClient({
      baseUrl: BASE_URL,
      getAccessToken: () => ACCESS_TOKEN,
      fetch: function (this: unknown) {
        receivers.push(this);
        return Promise.resolve(json(200, { devices: [] }));
      },
    });
    await client.listDevices();
    expect(receivers).toEqual([undefined]);
  });

  it.each<[string, unknown]>([
    ['no options', undefined],
    ['a missing baseUrl', { getAccessToken: () => 't' }],
    ['a missing getAccessToken', { baseUrl: '/api/mfa' }],
    ['a fetch that is not a function', { baseUrl: '/api/mfa', getAccessToken: () => 't', fetch: 'fetch' }],
  ])('refuses %s with invalid_input', (_label, options) => {
    // What plain JavaScript callers, whom no type checker stops, get.
    expect(() => createMfaClient(options as MfaClientOptions)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('keeps fields a newer server adds', async () => {
    const { client } = setup(() => json(200, { required: true, methods: [], hint: 'enrol first' }));
    await expect(client.checkStepUp('wallet:export')).resolves.toEqual({
      required: true,
      methods: [],
      reauthMethods: [],
      hint: 'enrol first',
    });
  });

  it('accepts any 2xx for routes without an answer body', async () => {
    const { client } = setup(() => json(200, { ok: true }));
    await expect(client.acknowledgeRecoveryCodes()).resolves.toBeUndefined();
  });
});

describe('input checks before sending', () => {
  it.each(['12345', '123456789', '12a456', '123  456', '', '１２３４５６'])(
    'refuses the TOTP code %j without a request',
    async (code) => {
      const { client, requests } = setup(() => json(200, { accessToken: 'x' }));
      await expect(client.verifyTotp({ code })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(client.verifyTotpEnrollment({ deviceId: 'dev_1', code })).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect(requests).toHaveLength(0);
    },
  );

  it.each(['7kq2m-x9d4', '7kq2m-x9d4fu', 'ükq2m-x9d4f', ''])(
    'refuses the recovery code %j without a request',
    async (code) => {
      const { client, requests } = setup(() => json(200, { accessToken: 'x', remaining: 1 }));
      await expect(client.verifyRecoveryCode({ code })).rejects.toMatchObject({ code: 'invalid_input' });
      expect(requests).toHaveLength(0);
    },
  );

  it('refuses an empty device id, which would address another route', async () => {
    const { client, requests } = setup(() => empty(204));
    await expect(client.renameDevice('', 'x')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(client.removeDevice('', { elevatedToken: 'e' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('getConfig from a server that predates totpDigits', () => {
  it('reports 6 digits', async () => {
    const client = createMfaClient({
      baseUrl: 'https://mfa.example',
      getAccessToken: () => 'token',
      fetch: async () =>
        new Response(JSON.stringify({ methods: ['totp'], required: false, sessionMfa: true, actions: {} }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    expect((await client.getConfig()).totpDigits).toBe(6);
  });
});
