import type { MfaClient } from '@mfa-kit/client';
import { ROUTES, type RouteName, splitRoute } from '@mfa-kit/client/protocol';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  authenticationResponse,
  BASE_URL,
  device,
  elevation,
  empty,
  json,
  passkeyDevice,
  registrationOptions,
  registrationResponse,
  rejectionOf,
  requestOptions,
  setup,
} from './test/fake-fetch.js';

const AUTH = { accept: 'application/json', authorization: `Bearer ${ACCESS_TOKEN}` };
const AUTH_JSON = { ...AUTH, 'content-type': 'application/json' };

interface RouteCase {
  name: string;
  call: (client: MfaClient) => Promise<unknown>;
  /** The route of ROUTES the call must hit. */
  route: RouteName;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  answer: Response;
  result: unknown;
}

const enrollment = { device, accessToken: 'access-token-2', recoveryCodes: ['7kq2m-x9d4f'] };

const routes: RouteCase[] = [
  {
    name: 'getJwks fetches the public keys without an Authorization header',
    call: (c) => c.getJwks(),
    route: 'GET /.well-known/jwks.json',
    method: 'GET',
    path: '/.well-known/jwks.json',
    headers: { accept: 'application/json' },
    answer: json(200, { keys: [{ kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1', alg: 'ES256' }] }),
    result: { keys: [{ kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1', alg: 'ES256' }] },
  },
  {
    name: 'getConfig reads the policy',
    call: (c) => c.getConfig(),
    route: 'GET /config',
    method: 'GET',
    path: '/config',
    headers: AUTH,
    answer: json(200, {
      methods: ['totp', 'passkey'],
      required: true,
      sessionMfa: false,
      totpDigits: 8,
      actions: { 'wallet:export': { singleUse: true, ttlSeconds: 300 } },
    }),
    // A server from before re-authentication: the client reports none.
    result: {
      totpDigits: 8,
      methods: ['totp', 'passkey'],
      required: true,
      sessionMfa: false,
      reauth: { methods: [], allowWithMfa: false },
      actions: {
        'wallet:export': { singleUse: true, ttlSeconds: 300, reauth: { methods: [], allowWithMfa: false } },
      },
    },
  },
  {
    name: 'getStatus reads where the user stands',
    call: (c) => c.getStatus(),
    route: 'GET /status',
    method: 'GET',
    path: '/status',
    headers: AUTH,
    answer: json(200, {
      requiresAdditionalAuth: true,
      enrollmentRequired: false,
      methods: ['passkey', 'totp', 'recovery_code'],
      devices: [device, passkeyDevice],
      recoveryCodes: { remaining: 9, pendingAcknowledgement: false },
    }),
    result: {
      requiresAdditionalAuth: true,
      enrollmentRequired: false,
      methods: ['passkey', 'totp', 'recovery_code'],
      reauthMethods: [],
      devices: [device, passkeyDevice],
      recoveryCodes: { remaining: 9, pendingAcknowledgement: false },
    },
  },
  {
    name: 'enrollTotp without input sends an empty object and no elevated token',
    call: (c) => c.enrollTotp(),
    route: 'POST /totp/enroll',
    method: 'POST',
    path: '/totp/enroll',
    headers: AUTH_JSON,
    body: {},
    answer: json(201, {
      deviceId: 'dev_1',
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP',
    }),
    result: {
      deviceId: 'dev_1',
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP',
    },
  },
  {
    name: 'enrollTotp sends the name and the elevated token header',
    call: (c) => c.enrollTotp({ name: 'Phone', elevatedToken: 'elevated-token-1' }),
    route: 'POST /totp/enroll',
    method: 'POST',
    path: '/totp/enroll',
    headers: { ...AUTH_JSON, 'x-elevated-token': 'elevated-token-1' },
    body: { name: 'Phone' },
    answer: json(201, {
      deviceId: 'dev_1',
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP',
    }),
    result: {
      deviceId: 'dev_1',
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP',
    },
  },
  {
    name: 'verifyTotpEnrollment sends the normalized code',
    call: (c) => c.verifyTotpEnrollment({ deviceId: 'dev_1', code: ' 492 039 ' }),
    route: 'POST /totp/enroll/verify',
    method: 'POST',
    path: '/totp/enroll/verify',
    headers: AUTH_JSON,
    body: { deviceId: 'dev_1', code: '492039' },
    answer: json(200, enrollment),
    result: enrollment,
  },
  {
    name: 'getPasskeyRegistrationOptions returns the options field',
    call: (c) => c.getPasskeyRegistrationOptions({ name: 'MacBook', elevatedToken: 'elevated-token-1' }),
    route: 'POST /passkey/register/options',
    method: 'POST',
    path: '/passkey/register/options',
    headers: { ...AUTH_JSON, 'x-elevated-token': 'elevated-token-1' },
    body: { name: 'MacBook' },
    answer: json(200, { options: registrationOptions }),
    result: registrationOptions,
  },
  {
    name: 'getPasskeyRegistrationOptions without input sends an empty object',
    call: (c) => c.getPasskeyRegistrationOptions(),
    route: 'POST /passkey/register/options',
    method: 'POST',
    path: '/passkey/register/options',
    headers: AUTH_JSON,
    body: {},
    answer: json(200, { options: registrationOptions }),
    result: registrationOptions,
  },
  {
    name: 'verifyPasskeyRegistration sends the credential and the name',
    call: (c) => c.verifyPasskeyRegistration({ response: registrationResponse, name: 'MacBook' }),
    route: 'POST /passkey/register/verify',
    method: 'POST',
    path: '/passkey/register/verify',
    headers: AUTH_JSON,
    body: { response: registrationResponse, name: 'MacBook' },
    answer: json(200, { device: passkeyDevice }),
    result: { device: passkeyDevice },
  },
  {
    name: 'verifyTotp without scopes upgrades the session',
    call: (c) => c.verifyTotp({ code: '492-039' }),
    route: 'POST /verify/totp',
    method: 'POST',
    path: '/verify/totp',
    headers: AUTH_JSON,
    body: { code: '492039' },
    answer: json(200, { accessToken: 'access-token-2' }),
    result: { accessToken: 'access-token-2' },
  },
  {
    name: 'verifyTotp with scopes and a device asks for an elevated token',
    call: (c) => c.verifyTotp({ code: '492039', deviceId: 'dev_1', requestedScopes: ['wallet:export'] }),
    route: 'POST /verify/totp',
    method: 'POST',
    path: '/verify/totp',
    headers: AUTH_JSON,
    body: { code: '492039', deviceId: 'dev_1', requestedScopes: ['wallet:export'] },
    answer: json(200, elevation),
    result: elevation,
  },
  {
    name: 'verifyTotp accepts an 8-digit code',
    call: (c) => c.verifyTotp({ code: '1234 5678' }),
    route: 'POST /verify/totp',
    method: 'POST',
    path: '/verify/totp',
    headers: AUTH_JSON,
    body: { code: '12345678' },
    answer: json(200, { accessToken: 'access-token-2' }),
    result: { accessToken: 'access-token-2' },
  },
  {
    name: 'getPasskeyVerificationOptions sends the scopes and returns the options field',
    call: (c) => c.getPasskeyVerificationOptions({ requestedScopes: ['wallet:export'] }),
    route: 'POST /verify/passkey/options',
    method: 'POST',
    path: '/verify/passkey/options',
    headers: AUTH_JSON,
    body: { requestedScopes: ['wallet:export'] },
    answer: json(200, { options: requestOptions }),
    result: requestOptions,
  },
  {
    name: 'getPasskeyVerificationOptions without input sends an empty object',
    call: (c) => c.getPasskeyVerificationOptions(),
    route: 'POST /verify/passkey/options',
    method: 'POST',
    path: '/verify/passkey/options',
    headers: AUTH_JSON,
    body: {},
    answer: json(200, { options: requestOptions }),
    result: requestOptions,
  },
  {
    name: 'verifyPasskeyAssertion without scopes upgrades the session',
    call: (c) => c.verifyPasskeyAssertion({ response: authenticationResponse }),
    route: 'POST /verify/passkey',
    method: 'POST',
    path: '/verify/passkey',
    headers: AUTH_JSON,
    body: { response: authenticationResponse },
    answer: json(200, { accessToken: 'access-token-2' }),
    result: { accessToken: 'access-token-2' },
  },
  {
    name: 'verifyPasskeyAssertion with scopes asks for an elevated token',
    call: (c) =>
      c.verifyPasskeyAssertion({ response: authenticationResponse, requestedScopes: ['wallet:export'] }),
    route: 'POST /verify/passkey',
    method: 'POST',
    path: '/verify/passkey',
    headers: AUTH_JSON,
    body: { response: authenticationResponse, requestedScopes: ['wallet:export'] },
    answer: json(200, elevation),
    result: elevation,
  },
  {
    name: 'verifyRecoveryCode sends the normalized code and returns what is left',
    call: (c) => c.verifyRecoveryCode({ code: '7KQ2M X9D4F' }),
    route: 'POST /verify/recovery-code',
    method: 'POST',
    path: '/verify/recovery-code',
    headers: AUTH_JSON,
    body: { code: '7kq2m-x9d4f' },
    answer: json(200, { accessToken: 'access-token-2', remaining: 8 }),
    result: { accessToken: 'access-token-2', remaining: 8 },
  },
  {
    name: 'verifyRecoveryCode with scopes asks for an elevated token',
    call: (c) => c.verifyRecoveryCode({ code: '7kq2mx9d4f', requestedScopes: ['wallet:export'] }),
    route: 'POST /verify/recovery-code',
    method: 'POST',
    path: '/verify/recovery-code',
    headers: AUTH_JSON,
    body: { code: '7kq2m-x9d4f', requestedScopes: ['wallet:export'] },
    answer: json(200, { ...elevation, remaining: 0 }),
    result: { ...elevation, remaining: 0 },
  },
  {
    name: 'listDevices returns the devices field',
    call: (c) => c.listDevices(),
    route: 'GET /devices',
    method: 'GET',
    path: '/devices',
    headers: AUTH,
    answer: json(200, { devices: [device, passkeyDevice] }),
    result: [device, passkeyDevice],
  },
  {
    name: 'renameDevice encodes the id into the path and returns the device',
    call: (c) => c.renameDevice('dev/1 ?#', 'Work phone'),
    route: 'PATCH /devices/:id',
    method: 'PATCH',
    path: '/devices/dev%2F1%20%3F%23',
    headers: AUTH_JSON,
    body: { name: 'Work phone' },
    answer: json(200, { device: { ...device, name: 'Work phone' } }),
    result: { ...device, name: 'Work phone' },
  },
  {
    name: 'removeDevice sends the elevated token and no body',
    call: (c) => c.removeDevice('dev_1', { elevatedToken: 'elevated-token-1' }),
    route: 'DELETE /devices/:id',
    method: 'DELETE',
    path: '/devices/dev_1',
    headers: { ...AUTH, 'x-elevated-token': 'elevated-token-1' },
    answer: empty(204),
    result: undefined,
  },
  {
    name: 'regenerateRecoveryCodes sends the elevated token and returns the codes',
    call: (c) => c.regenerateRecoveryCodes({ elevatedToken: 'elevated-token-1' }),
    route: 'POST /recovery-codes',
    method: 'POST',
    path: '/recovery-codes',
    headers: { ...AUTH, 'x-elevated-token': 'elevated-token-1' },
    answer: json(200, { codes: ['7kq2m-x9d4f', 'abcde-fghjk'] }),
    result: ['7kq2m-x9d4f', 'abcde-fghjk'],
  },
  {
    name: 'acknowledgeRecoveryCodes posts without a body',
    call: (c) => c.acknowledgeRecoveryCodes(),
    route: 'POST /recovery-codes/acknowledge',
    method: 'POST',
    path: '/recovery-codes/acknowledge',
    headers: AUTH,
    answer: empty(204),
    result: undefined,
  },
  {
    name: 'checkStepUp sends the scope',
    call: (c) => c.checkStepUp('wallet:export'),
    route: 'POST /step-up/check',
    method: 'POST',
    path: '/step-up/check',
    headers: AUTH_JSON,
    body: { scope: 'wallet:export' },
    answer: json(200, { required: true, methods: ['totp', 'recovery_code'] }),
    result: { required: true, methods: ['totp', 'recovery_code'], reauthMethods: [] },
  },
  {
    name: 'checkStepUp reports the re-authentication methods a newer server gives',
    call: (c) => c.checkStepUp('wallet:export'),
    route: 'POST /step-up/check',
    method: 'POST',
    path: '/step-up/check',
    headers: AUTH_JSON,
    body: { scope: 'wallet:export' },
    answer: json(200, { required: true, methods: [], reauthMethods: ['email_otp', 'wallet'] }),
    result: { required: true, methods: [], reauthMethods: ['email_otp', 'wallet'] },
  },
  ...(['email_otp', 'sms_otp'] as const).flatMap((method): RouteCase[] => {
    const slug = method === 'email_otp' ? 'email-otp' : 'sms-otp';
    const sent = {
      challengeId: 'rac_1',
      sentTo: 'j•••@example.com',
      expiresAt: '2026-12-05T10:05:00.000Z',
      resendAfter: 30,
    };
    return [
      {
        name: `sendReauthCode sends a code by ${method}`,
        call: (c) => c.sendReauthCode({ method, requestedScopes: ['wallet:export'] }),
        route: `POST /reauth/${slug}/send`,
        method: 'POST',
        path: `/reauth/${slug}/send`,
        headers: AUTH_JSON,
        body: { requestedScopes: ['wallet:export'] },
        answer: json(202, sent),
        result: sent,
      },
      {
        name: `verifyReauthCode checks a ${method} code, normalized`,
        call: (c) =>
          c.verifyReauthCode({
            method,
            challengeId: 'rac_1',
            code: ' 123-456 ',
            requestedScopes: ['wallet:export'],
          }),
        route: `POST /verify/${slug}`,
        method: 'POST',
        path: `/verify/${slug}`,
        headers: AUTH_JSON,
        body: { challengeId: 'rac_1', code: '123456', requestedScopes: ['wallet:export'] },
        answer: json(200, elevation),
        result: elevation,
      },
    ];
  }),
];

describe('every route', () => {
  it.each(routes)('$name', async (route) => {
    const { client, requests } = setup(() => route.answer);
    await expect(route.call(client)).resolves.toEqual(route.result);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe(route.method);
    expect(request?.url).toBe(`${BASE_URL}${route.path}`);
    expect(request?.headers).toEqual(route.headers);
    expect(request?.body).toEqual(route.body);
  });

  it.each(routes)('$route is the declared route of: $name', (route) => {
    const spec = ROUTES[route.route];
    const { method, path } = splitRoute(route.route);
    expect(route.method).toBe(method);
    const pattern = new RegExp(`^${path.replace(':id', '[^/]+')}$`);
    expect(route.path).toMatch(pattern);
    expect(route.headers.authorization !== undefined).toBe(!('authenticated' in spec));
    // Only routes that take an elevated token are sent one (enrolling a first factor sends none).
    if (!('elevated' in spec)) expect(route.headers['x-elevated-token']).toBeUndefined();
    const fields = 'body' in spec ? Object.keys(spec.body) : [];
    expect(Object.keys((route.body ?? {}) as object).every((key) => fields.includes(key))).toBe(true);
  });

  it('calls every route of ROUTES', () => {
    const wallet: RouteName[] = ['POST /verify/wallet/options', 'POST /verify/wallet'];
    expect(new Set([...routes.map((route) => route.route), ...wallet])).toEqual(new Set(Object.keys(ROUTES)));
  });
});

describe('verifyWallet', () => {
  const options = {
    challengeId: 'rac_9',
    message:
      'localhost wants you to sign in with your Ethereum account:\n0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    chainId: 1,
    expiresAt: '2026-12-05T10:05:00.000Z',
  };
  const signature = `0x${'ab'.repeat(65)}`;
  const answer = (request: { url: string }) =>
    request.url.endsWith('/verify/wallet/options') ? json(200, options) : json(200, elevation);

  it('asks for the message, has an EIP-1193 provider sign it, and sends the signature', async () => {
    const { client, requests } = setup(answer);
    const calls: unknown[] = [];
    const provider = {
      request: async (args: { method: string; params?: unknown[] }) => {
        calls.push(args);
        return signature;
      },
    };
    const input = {
      requestedScopes: ['wallet:export'],
      address: options.address.toLowerCase(),
      signer: provider,
    };
    await expect(client.verifyWallet(input)).resolves.toEqual(elevation);
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      [
        'POST',
        `${BASE_URL}/verify/wallet/options`,
        { requestedScopes: ['wallet:export'], address: input.address },
      ],
      ['POST', `${BASE_URL}/verify/wallet`, { challengeId: 'rac_9', signature }],
    ]);
    // The exact text the server wrote, and the address in the form the message names.
    expect(calls).toEqual([{ method: 'personal_sign', params: [options.message, options.address] }]);
  });

  it('takes a signing function too', async () => {
    const { client } = setup(answer);
    const signer = async (message: string, address: string) => {
      expect([message, address]).toEqual([options.message, options.address]);
      return signature;
    };
    await expect(
      client.verifyWallet({ requestedScopes: ['wallet:export'], address: options.address, signer }),
    ).resolves.toEqual(elevation);
  });

  it('says wallet_rejected when the user declines, wallet_failed for anything else, and sends nothing more', async () => {
    const declined = Object.assign(new Error('User rejected the request.'), { code: 4001 });
    for (const [thrown, code] of [
      [declined, 'wallet_rejected'],
      [new Error('disconnected'), 'wallet_failed'],
    ] as const) {
      const { client, requests } = setup(answer);
      const signer = { request: async () => Promise.reject(thrown) };
      const error = await rejectionOf(
        client.verifyWallet({ requestedScopes: ['wallet:export'], address: options.address, signer }),
      );
      expect(error).toMatchObject({ name: 'MfaError', code });
      expect(requests).toHaveLength(1);
    }
    const { client } = setup(answer);
    const notASignature = await rejectionOf(
      client.verifyWallet({
        requestedScopes: ['wallet:export'],
        address: options.address,
        signer: async () => 'yes',
      }),
    );
    expect(notASignature).toMatchObject({ code: 'wallet_failed' });
  });

  it('refuses a missing signer and a malformed code before sending', async () => {
    const { client, requests } = setup(answer);
    const bad = { requestedScopes: ['x:y'], address: options.address, signer: {} as never };
    expect(await rejectionOf(client.verifyWallet(bad))).toMatchObject({ code: 'invalid_input' });
    const code = {
      method: 'email_otp',
      challengeId: 'rac_1',
      code: '12345',
      requestedScopes: ['x:y'],
    } as const;
    expect(await rejectionOf(client.verifyReauthCode(code))).toMatchObject({ code: 'invalid_input' });
    const method = { method: 'pigeon' as never, requestedScopes: ['x:y'] };
    expect(await rejectionOf(client.sendReauthCode(method))).toMatchObject({ code: 'invalid_input' });
    expect(requests).toHaveLength(0);
  });
});
