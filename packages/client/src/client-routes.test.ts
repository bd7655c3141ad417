import type { MfaClient } from '@mfa-kit/client';
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
  requestOptions,
  setup,
} from './test/fake-fetch.js';

const AUTH = { accept: 'application/json', authorization: `Bearer ${ACCESS_TOKEN}` };
const AUTH_JSON = { ...AUTH, 'content-type': 'application/json' };

interface RouteCase {
  name: string;
  call: (client: MfaClient) => Promise<unknown>;
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
    method: 'GET',
    path: '/.well-known/jwks.json',
    headers: { accept: 'application/json' },
    answer: json(200, { keys: [{ kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1', alg: 'ES256' }] }),
    result: { keys: [{ kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1', alg: 'ES256' }] },
  },
  {
    name: 'getConfig reads the policy',
    call: (c) => c.getConfig(),
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
    result: {
      totpDigits: 8,
      methods: ['totp', 'passkey'],
      required: true,
      sessionMfa: false,
      actions: { 'wallet:export': { singleUse: true, ttlSeconds: 300 } },
    },
  },
  {
    name: 'getStatus reads where the user stands',
    call: (c) => c.getStatus(),
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
      devices: [device, passkeyDevice],
      recoveryCodes: { remaining: 9, pendingAcknowledgement: false },
    },
  },
  {
    name: 'enrollTotp without input sends an empty object and no elevated token',
    call: (c) => c.enrollTotp(),
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
    method: 'GET',
    path: '/devices',
    headers: AUTH,
    answer: json(200, { devices: [device, passkeyDevice] }),
    result: [device, passkeyDevice],
  },
  {
    name: 'renameDevice encodes the id into the path and returns the device',
    call: (c) => c.renameDevice('dev/1 ?#', 'Work phone'),
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
    method: 'DELETE',
    path: '/devices/dev_1',
    headers: { ...AUTH, 'x-elevated-token': 'elevated-token-1' },
    answer: empty(204),
    result: undefined,
  },
  {
    name: 'regenerateRecoveryCodes sends the elevated token and returns the codes',
    call: (c) => c.regenerateRecoveryCodes({ elevatedToken: 'elevated-token-1' }),
    method: 'POST',
    path: '/recovery-codes',
    headers: { ...AUTH, 'x-elevated-token': 'elevated-token-1' },
    answer: json(200, { codes: ['7kq2m-x9d4f', 'abcde-fghjk'] }),
    result: ['7kq2m-x9d4f', 'abcde-fghjk'],
  },
  {
    name: 'acknowledgeRecoveryCodes posts without a body',
    call: (c) => c.acknowledgeRecoveryCodes(),
    method: 'POST',
    path: '/recovery-codes/acknowledge',
    headers: AUTH,
    answer: empty(204),
    result: undefined,
  },
  {
    name: 'checkStepUp sends the scope',
    call: (c) => c.checkStepUp('wallet:export'),
    method: 'POST',
    path: '/step-up/check',
    headers: AUTH_JSON,
    body: { scope: 'wallet:export' },
    answer: json(200, { required: true, methods: ['totp', 'recovery_code'] }),
    result: { required: true, methods: ['totp', 'recovery_code'] },
  },
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
});
