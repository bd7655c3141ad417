import type {
  BodyOf,
  ElevationResult,
  EnrollmentResult,
  MfaClient,
  RecoveryCodeElevationResult,
  RecoveryCodeResult,
  RecoveryCodeUpgradeResult,
  RouteMethod,
  UpgradeResult,
  VerifyResponse,
} from '@mfa-kit/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { Transport } from './transport.js';

declare const client: MfaClient;
declare const response: Parameters<MfaClient['verifyPasskeyAssertion']>[0]['response'];
declare const maybeScopes: string[] | undefined;
declare const http: Transport;
const isAnything = (_value: unknown): _value is unknown => true;

describe('verify overloads', () => {
  it('verifyTotp answers an elevation with scopes and an upgrade without', () => {
    expectTypeOf(
      client.verifyTotp({ code: '123456', requestedScopes: ['wallet:export'] }),
    ).resolves.toEqualTypeOf<ElevationResult>();
    expectTypeOf(client.verifyTotp({ code: '123456' })).resolves.toEqualTypeOf<UpgradeResult>();
    expectTypeOf(
      client.verifyTotp({ code: '123456', deviceId: 'dev_1' }),
    ).resolves.toEqualTypeOf<UpgradeResult>();
    expectTypeOf(
      client.verifyTotp({ code: '123456', requestedScopes: maybeScopes }),
    ).resolves.toEqualTypeOf<VerifyResponse>();
  });

  it('accepts readonly scope lists', () => {
    const scopes = ['wallet:export'] as const;
    expectTypeOf(
      client.verifyTotp({ code: '123456', requestedScopes: scopes }),
    ).resolves.toEqualTypeOf<ElevationResult>();
  });

  it('verifyPasskeyAssertion follows the same rule', () => {
    expectTypeOf(
      client.verifyPasskeyAssertion({ response, requestedScopes: ['a'] }),
    ).resolves.toEqualTypeOf<ElevationResult>();
    expectTypeOf(client.verifyPasskeyAssertion({ response })).resolves.toEqualTypeOf<UpgradeResult>();
    expectTypeOf(
      client.verifyPasskeyAssertion({ response, requestedScopes: maybeScopes }),
    ).resolves.toEqualTypeOf<VerifyResponse>();
  });

  it('verifyRecoveryCode adds what is left', () => {
    expectTypeOf(
      client.verifyRecoveryCode({ code: 'x', requestedScopes: ['a'] }),
    ).resolves.toEqualTypeOf<RecoveryCodeElevationResult>();
    expectTypeOf(
      client.verifyRecoveryCode({ code: 'x' }),
    ).resolves.toEqualTypeOf<RecoveryCodeUpgradeResult>();
    expectTypeOf(
      client.verifyRecoveryCode({ code: 'x', requestedScopes: maybeScopes }),
    ).resolves.toEqualTypeOf<RecoveryCodeResult>();
    expectTypeOf<RecoveryCodeElevationResult>().toHaveProperty('remaining').toEqualTypeOf<number>();
    expectTypeOf<RecoveryCodeElevationResult>().toHaveProperty('elevatedToken').toEqualTypeOf<string>();
    expectTypeOf<RecoveryCodeUpgradeResult>().toHaveProperty('accessToken').toEqualTypeOf<string>();
  });

  it('verifyPasskey follows the same rule, and needs no input to upgrade', () => {
    expectTypeOf(client.verifyPasskey({ requestedScopes: ['a'] })).resolves.toEqualTypeOf<ElevationResult>();
    expectTypeOf(client.verifyPasskey()).resolves.toEqualTypeOf<UpgradeResult>();
    expectTypeOf(client.verifyPasskey({})).resolves.toEqualTypeOf<UpgradeResult>();
    expectTypeOf(
      client.verifyPasskey({ requestedScopes: maybeScopes }),
    ).resolves.toEqualTypeOf<VerifyResponse>();
  });

  it('an upgrade has no elevated token and an elevation no access token', () => {
    expectTypeOf<UpgradeResult>().not.toHaveProperty('elevatedToken');
    expectTypeOf<ElevationResult>().not.toHaveProperty('accessToken');
  });
});

describe('other signatures', () => {
  it('every method takes a trailing signal', () => {
    const signal = new AbortController().signal;
    expectTypeOf(client.getStatus)
      .parameter(0)
      .toEqualTypeOf<{ signal?: AbortSignal | undefined } | undefined>();
    expectTypeOf(client.removeDevice('dev_1', { elevatedToken: 'e' }, { signal })).resolves.toBeVoid();
    expectTypeOf(
      client.registerPasskey({ name: 'Key' }, { signal }),
    ).resolves.toEqualTypeOf<EnrollmentResult>();
  });

  it('refuses a verify call without a code, and elevated calls without a token', () => {
    // @ts-expect-error: code is required
    void client.verifyTotp({ requestedScopes: ['a'] });
    // @ts-expect-error: removing a factor needs an elevated token
    void client.removeDevice('dev_1', {});
    // @ts-expect-error: so does regenerating recovery codes
    void client.regenerateRecoveryCodes();
  });
});

describe('routes', () => {
  it('types each body from its declaration in ROUTES', () => {
    expectTypeOf<BodyOf<'POST /verify/totp'>>().toEqualTypeOf<{
      code: string;
      deviceId?: string | undefined;
      requestedScopes?: readonly string[] | undefined;
    }>();
    expectTypeOf<keyof BodyOf<'GET /status'>>().toEqualTypeOf<never>();
    expectTypeOf<RouteMethod>().toEqualTypeOf<'GET' | 'POST' | 'PATCH' | 'DELETE'>();
  });

  it('refuses an exchange whose body, id or token does not fit its route', () => {
    void http.json({ route: 'POST /verify/totp', body: { code: '123456' } }, isAnything, undefined);
    // @ts-expect-error: a wrong body key
    void http.json({ route: 'POST /verify/totp', body: { kode: '123456' } }, isAnything, undefined);
    // @ts-expect-error: a field the route does not declare
    void http.json({ route: 'POST /step-up/check', body: { scope: 'a', extra: 1 } }, isAnything, undefined);
    // @ts-expect-error: a route that is not in ROUTES
    void http.json({ route: 'GET /nowhere' }, isAnything, undefined);
    // @ts-expect-error: `:id` needs an id
    void http.empty({ route: 'DELETE /devices/:id', elevatedToken: 'e' }, undefined);
    // @ts-expect-error: only elevated routes take an elevated token
    void http.empty({ route: 'POST /recovery-codes/acknowledge', elevatedToken: 'e' }, undefined);
    // @ts-expect-error: the public route says so
    void http.json({ route: 'GET /.well-known/jwks.json' }, isAnything, undefined);
  });
});
