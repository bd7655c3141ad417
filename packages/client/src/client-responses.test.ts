import { type MfaClient, MfaError } from '@mfa-kit/client';
import { describe, expect, it } from 'vitest';
import {
  authenticationResponse,
  device,
  elevation,
  json,
  passkeyDevice,
  registrationOptions,
  registrationResponse,
  rejectionOf,
  requestOptions,
  setup,
} from './test/fake-fetch.js';

const status = {
  requiresAdditionalAuth: false,
  enrollmentRequired: false,
  methods: ['totp', 'recovery_code'],
  devices: [device, passkeyDevice],
  recoveryCodes: { remaining: 10, pendingAcknowledgement: true },
};

const config = {
  methods: ['totp', 'passkey'],
  required: false,
  sessionMfa: true,
  actions: { 'credential:link': { singleUse: true, ttlSeconds: 300 } },
};

interface ShapeCase {
  name: string;
  call: (client: MfaClient) => Promise<unknown>;
  answer: unknown;
  /** The path the error message must name. */
  path: string;
}

const wrongShapes: ShapeCase[] = [
  { name: 'a status that is an array', call: (c) => c.getStatus(), answer: [status], path: '(root)' },
  {
    name: 'a status with a string boolean',
    call: (c) => c.getStatus(),
    answer: { ...status, requiresAdditionalAuth: 'false' },
    path: 'requiresAdditionalAuth',
  },
  {
    name: 'a status with an unknown method',
    call: (c) => c.getStatus(),
    answer: { ...status, methods: ['totp', 'sms'] },
    path: 'methods[1]',
  },
  {
    name: 'a status with a device named by a number',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [device, { ...passkeyDevice, name: 42 }] },
    path: 'devices[1].name',
  },
  {
    name: 'a status with a device of unknown type',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [device, { ...passkeyDevice, type: 'sms' }] },
    path: 'devices[1].type',
  },
  {
    name: 'a status with a device date that is not ISO 8601',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [{ ...device, createdAt: 'yesterday' }] },
    path: 'devices[0].createdAt',
  },
  {
    name: 'a status with a device date that does not exist',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [{ ...device, createdAt: '2026-02-30T10:00:00.000Z' }] },
    path: 'devices[0].createdAt',
  },
  {
    name: 'a status with a date without a time zone',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [{ ...device, createdAt: '2026-02-03T10:00:00' }] },
    path: 'devices[0].createdAt',
  },
  {
    name: 'a status with a missing lastUsedAt',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [{ ...device, lastUsedAt: undefined }] },
    path: 'devices[0].lastUsedAt',
  },
  {
    name: 'a status with a device without an id',
    call: (c) => c.getStatus(),
    answer: { ...status, devices: [{ ...device, id: '' }] },
    path: 'devices[0].id',
  },
  {
    name: 'a status with a negative remaining count',
    call: (c) => c.getStatus(),
    answer: { ...status, recoveryCodes: { remaining: -1, pendingAcknowledgement: false } },
    path: 'recoveryCodes.remaining',
  },
  {
    name: 'a status without recovery codes',
    call: (c) => c.getStatus(),
    answer: { ...status, recoveryCodes: undefined },
    path: 'recoveryCodes',
  },
  {
    name: 'a config with a zero ttl',
    call: (c) => c.getConfig(),
    answer: { ...config, actions: { 'wallet:export': { singleUse: true, ttlSeconds: 0 } } },
    path: 'actions.wallet:export.ttlSeconds',
  },
  {
    name: 'a config whose actions are a list',
    call: (c) => c.getConfig(),
    answer: { ...config, actions: [] },
    path: 'actions',
  },
  {
    name: 'a config offering recovery codes as a factor kind',
    call: (c) => c.getConfig(),
    answer: { ...config, methods: ['recovery_code'] },
    path: 'methods[0]',
  },
  {
    name: 'a TOTP enrolment without a secret',
    call: (c) => c.enrollTotp(),
    answer: { deviceId: 'dev_1', uri: 'otpauth://totp/x?secret=AAAA' },
    path: 'secret',
  },
  {
    name: 'an enrolment result without a device',
    call: (c) => c.verifyTotpEnrollment({ deviceId: 'dev_1', code: '123456' }),
    answer: { accessToken: 'access-token-2' },
    path: 'device',
  },
  {
    name: 'an enrolment result with a numeric access token',
    call: (c) => c.verifyTotpEnrollment({ deviceId: 'dev_1', code: '123456' }),
    answer: { device, accessToken: 42 },
    path: 'accessToken',
  },
  {
    name: 'an enrolment result with recovery codes that are not strings',
    call: (c) => c.verifyPasskeyRegistration({ response: registrationResponse }),
    answer: { device: passkeyDevice, recoveryCodes: ['7kq2m-x9d4f', null] },
    path: 'recoveryCodes[1]',
  },
  {
    name: 'registration options without a challenge',
    call: (c) => c.getPasskeyRegistrationOptions(),
    answer: { options: { ...registrationOptions, challenge: undefined } },
    path: 'options.challenge',
  },
  {
    name: 'registration options whose user id is not base64url',
    call: (c) => c.getPasskeyRegistrationOptions(),
    answer: { options: { ...registrationOptions, user: { ...registrationOptions.user, id: 'not base64!' } } },
    path: 'options.user.id',
  },
  {
    name: 'registration options without pubKeyCredParams',
    call: (c) => c.getPasskeyRegistrationOptions(),
    answer: { options: { ...registrationOptions, pubKeyCredParams: undefined } },
    path: 'options.pubKeyCredParams',
  },
  {
    name: 'registration options with a malformed excluded credential',
    call: (c) => c.getPasskeyRegistrationOptions(),
    answer: { options: { ...registrationOptions, excludeCredentials: [{ type: 'public-key' }] } },
    path: 'options.excludeCredentials[0].id',
  },
  {
    name: 'registration options sent bare, without the options wrapper',
    call: (c) => c.getPasskeyRegistrationOptions(),
    answer: registrationOptions,
    path: 'options',
  },
  {
    name: 'request options with a timeout that is a string',
    call: (c) => c.getPasskeyVerificationOptions(),
    answer: { options: { ...requestOptions, timeout: '300000' } },
    path: 'options.timeout',
  },
  {
    name: 'request options with allowCredentials that is not a list',
    call: (c) => c.getPasskeyVerificationOptions(),
    answer: { options: { ...requestOptions, allowCredentials: {} } },
    path: 'options.allowCredentials',
  },
  {
    name: 'an upgrade asked for but an elevated token answered',
    call: (c) => c.verifyTotp({ code: '123456' }),
    answer: elevation,
    path: 'accessToken',
  },
  {
    name: 'an elevated token asked for but an upgrade answered',
    call: (c) => c.verifyTotp({ code: '123456', requestedScopes: ['wallet:export'] }),
    answer: { accessToken: 'access-token-2' },
    path: 'elevatedToken',
  },
  {
    name: 'an elevation whose expiresAt is epoch seconds',
    call: (c) => c.verifyPasskeyAssertion({ response: authenticationResponse, requestedScopes: ['a'] }),
    answer: { ...elevation, expiresAt: 1795800000 },
    path: 'expiresAt',
  },
  {
    name: 'an elevation whose scopes are a string',
    call: (c) => c.verifyPasskeyAssertion({ response: authenticationResponse, requestedScopes: ['a'] }),
    answer: { ...elevation, scopes: 'wallet:export' },
    path: 'scopes',
  },
  {
    name: 'a recovery code answer without remaining',
    call: (c) => c.verifyRecoveryCode({ code: '7kq2m-x9d4f' }),
    answer: { accessToken: 'access-token-2' },
    path: 'remaining',
  },
  {
    name: 'a recovery code answer with a fractional remaining',
    call: (c) => c.verifyRecoveryCode({ code: '7kq2m-x9d4f', requestedScopes: ['a'] }),
    answer: { ...elevation, remaining: 1.5 },
    path: 'remaining',
  },
  {
    name: 'a device list that is not a list',
    call: (c) => c.listDevices(),
    answer: { devices: {} },
    path: 'devices',
  },
  { name: 'a device list sent bare', call: (c) => c.listDevices(), answer: [device], path: '(root)' },
  {
    name: 'a renamed device without a name',
    call: (c) => c.renameDevice('dev_1', 'x'),
    answer: { device: { ...device, name: undefined } },
    path: 'device.name',
  },
  {
    name: 'recovery codes with an empty code',
    call: (c) => c.regenerateRecoveryCodes({ elevatedToken: 'e' }),
    answer: { codes: ['7kq2m-x9d4f', ''] },
    path: 'codes[1]',
  },
  {
    name: 'a step-up check with an unknown method',
    call: (c) => c.checkStepUp('wallet:export'),
    answer: { required: true, methods: ['email'] },
    path: 'methods[0]',
  },
  {
    name: 'a step-up check without required',
    call: (c) => c.checkStepUp('wallet:export'),
    answer: { methods: [] },
    path: 'required',
  },
  {
    name: 'a key set with a key without kty',
    call: (c) => c.getJwks(),
    answer: { keys: [{ kid: 'k' }] },
    path: 'keys[0].kty',
  },
];

describe('2xx answers that do not match the protocol', () => {
  it.each(wrongShapes)('refuse $name as bad_response', async ({ call, answer, path }) => {
    const { client } = setup(() => json(200, answer));
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toMatchObject({ code: 'bad_response', status: 200 });
    expect(error).toHaveProperty('message', expect.stringContaining(` at ${path}`));
  });

  it('names the route and what was expected, never the value', async () => {
    const { client } = setup(() =>
      json(200, { ...status, devices: [{ ...device, createdAt: 'secret-looking-value' }] }),
    );
    const error = await rejectionOf(client.getStatus());
    expect(error).toHaveProperty(
      'message',
      'GET /status answered with a body that does not match the protocol: expected an ISO 8601 date-time at devices[0].createdAt',
    );
    expect(error).toHaveProperty('message', expect.not.stringContaining('secret-looking-value'));
  });

  it.each([
    ['text', () => new Response('OK', { status: 200 })],
    ['an empty body', () => new Response(null, { status: 200 })],
    ['truncated JSON', () => new Response('{"devices": [', { status: 200 })],
  ])('refuse %s where JSON is expected', async (_label, reply) => {
    const { client } = setup(reply);
    const error = await rejectionOf(client.listDevices());
    expect(error).toMatchObject({ code: 'bad_response', status: 200 });
    expect(error).toHaveProperty('cause', expect.any(SyntaxError));
  });
});

describe('2xx answers that match the protocol', () => {
  it.each([
    '2026-11-27T18:43:33Z',
    '2026-11-27T18:43:33.123456Z',
    '2026-11-27T20:43:33+02:00',
    '2028-02-29T00:00:00.000Z',
  ])('accept the date %s', async (createdAt) => {
    const { client } = setup(() => json(200, { devices: [{ ...device, createdAt }] }));
    await expect(client.listDevices()).resolves.toEqual([{ ...device, createdAt }]);
  });

  it('accept a device without a name (the UI names it in its language)', async () => {
    const { client } = setup(() => json(200, { devices: [{ ...device, name: null }] }));
    await expect(client.listDevices()).resolves.toEqual([{ ...device, name: null }]);
  });

  it('accept a device never used', async () => {
    const { client } = setup(() => json(200, { devices: [passkeyDevice] }));
    await expect(client.listDevices()).resolves.toEqual([passkeyDevice]);
  });

  it('accept unknown fields at every level and keep them', async () => {
    const answer = {
      ...status,
      devices: [{ ...device, aaguid: 'x' }],
      recoveryCodes: { ...status.recoveryCodes, generatedAt: '2026-11-27T18:43:33Z' },
      plan: 'pro',
    };
    const { client } = setup(() => json(200, answer));
    await expect(client.getStatus()).resolves.toEqual({ ...answer, reauthMethods: [] });
  });

  it('pass WebAuthn options through untouched, hints and extensions included', async () => {
    const options = { ...registrationOptions, hints: ['client-device'], extensions: { credProps: true } };
    const { client } = setup(() => json(200, { options }));
    await expect(client.getPasskeyRegistrationOptions()).resolves.toEqual(options);
  });

  it('accept an empty step-up method list (the user must enrol first)', async () => {
    const { client } = setup(() => json(200, { required: true, methods: [] }));
    await expect(client.checkStepUp('wallet:export')).resolves.toEqual({
      required: true,
      methods: [],
      reauthMethods: [],
    });
  });

  it('refuse a re-authentication method the protocol does not name', async () => {
    const { client } = setup(() => json(200, { required: true, methods: [], reauthMethods: ['pigeon'] }));
    await expect(client.checkStepUp('wallet:export')).rejects.toMatchObject({ code: 'bad_response' });
  });
});
