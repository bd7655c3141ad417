import {
  decodeAccessToken,
  decodeElevatedToken,
  isExpired,
  MfaError,
  PENDING_SCOPE,
  requiresAdditionalAuth,
} from '@mfa-kit/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: unknown, payload: unknown): string {
  return `${encode(header)}.${encode(payload)}.c2lnbmF0dXJl`;
}

const accessClaims = {
  iss: 'https://auth.example.com',
  aud: 'wallet-api',
  sub: 'user_1',
  sid: 'session_1',
  iat: 1_795_800_000,
  exp: 1_795_800_900,
  scope: `openid ${PENDING_SCOPE}`,
  amr: ['pwd'],
};

const elevatedClaims = {
  iss: 'https://auth.example.com',
  aud: 'wallet-api',
  sub: 'user_1',
  sid: 'session_1',
  scope: 'wallet:export',
  jti: 'jti_1',
  iat: 1_795_800_000,
  exp: 1_795_800_300,
  single_use: true,
  amr: ['otp'],
};

const accessToken = jwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' }, accessClaims);
const elevatedToken = jwt({ alg: 'ES256', typ: 'mfa-elevated+jwt', kid: 'k1' }, elevatedClaims);

function invalidTokenError(run: () => unknown): MfaError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MfaError);
    expect(error).toHaveProperty('code', 'invalid_token');
    if (error instanceof MfaError) return error;
  }
  throw new Error('expected invalid_token');
}

describe('decodeAccessToken', () => {
  it('returns the claims of an access token', () => {
    expect(decodeAccessToken(accessToken)).toEqual(accessClaims);
  });

  it('accepts an audience list, nbf, extra claims and a typ in any case', () => {
    const claims = { ...accessClaims, aud: ['a', 'b'], nbf: 1_795_800_000, email: 'ada@example.com' };
    expect(decodeAccessToken(jwt({ alg: 'ES256', typ: 'AT+JWT' }, claims))).toEqual(claims);
  });

  it('decodes UTF-8 claims', () => {
    const claims = { ...accessClaims, sub: 'Ada Lovelace – 数学者 🧮' };
    expect(decodeAccessToken(jwt({ typ: 'at+jwt' }, claims)).sub).toBe('Ada Lovelace – 数学者 🧮');
  });

  it('refuses an elevated token, so one can never pass for the other', () => {
    invalidTokenError(() => decodeAccessToken(elevatedToken));
  });

  it.each([
    ['an empty string', ''],
    ['two parts', `${encode({ typ: 'at+jwt' })}.${encode(accessClaims)}`],
    ['four parts', `${accessToken}.extra`],
    ['a payload that is not base64url', `${encode({ typ: 'at+jwt' })}.not*base64.sig`],
    ['a payload of impossible length', `${encode({ typ: 'at+jwt' })}.abcde.sig`],
    [
      'a payload that is not JSON',
      `${encode({ typ: 'at+jwt' })}.${Buffer.from('nope').toString('base64url')}.sig`,
    ],
    [
      'a payload that is not UTF-8',
      `${encode({ typ: 'at+jwt' })}.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.sig`,
    ],
    ['a payload that is a JSON array', jwt({ typ: 'at+jwt' }, [accessClaims])],
    ['a payload that is null', jwt({ typ: 'at+jwt' }, null)],
    ['a header without typ', jwt({ alg: 'ES256' }, accessClaims)],
    ['a header that is not JSON', `e30x.${encode(accessClaims)}.sig`],
    ['a missing sid', jwt({ typ: 'at+jwt' }, { ...accessClaims, sid: undefined })],
    ['a numeric sub', jwt({ typ: 'at+jwt' }, { ...accessClaims, sub: 1 })],
    ['a string exp', jwt({ typ: 'at+jwt' }, { ...accessClaims, exp: '1795800900' })],
    ['a scope list instead of a string', jwt({ typ: 'at+jwt' }, { ...accessClaims, scope: ['openid'] })],
    ['an amr string', jwt({ typ: 'at+jwt' }, { ...accessClaims, amr: 'pwd' })],
    ['an audience list with a number', jwt({ typ: 'at+jwt' }, { ...accessClaims, aud: ['a', 1] })],
    ['a string nbf', jwt({ typ: 'at+jwt' }, { ...accessClaims, nbf: 'now' })],
  ])('refuses %s with invalid_token', (_label, token) => {
    invalidTokenError(() => decodeAccessToken(token));
  });

  it('names the claim that is wrong, and never echoes the token', () => {
    const token = jwt({ typ: 'at+jwt' }, { ...accessClaims, exp: 'soon' });
    const error = invalidTokenError(() => decodeAccessToken(token));
    expect(error.message).toBe('the token claim exp is not a number');
    expect(error.message).not.toContain(token.split('.')[1]);
  });

  it('throws nothing but invalid_token for arbitrary input', () => {
    const segment = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.json().map((text) => Buffer.from(text).toString('base64url')),
    );
    const tokenish = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
    );
    fc.assert(
      fc.property(tokenish, (token) => {
        try {
          decodeAccessToken(token);
        } catch (error) {
          return error instanceof MfaError && error.code === 'invalid_token';
        }
        return true;
      }),
    );
  });
});

describe('decodeElevatedToken', () => {
  it('returns the claims of an elevated token', () => {
    expect(decodeElevatedToken(elevatedToken)).toEqual(elevatedClaims);
  });

  it('refuses an access token', () => {
    invalidTokenError(() => decodeElevatedToken(accessToken));
  });

  it.each([
    ['a missing jti', { ...elevatedClaims, jti: undefined }],
    ['a string single_use', { ...elevatedClaims, single_use: 'true' }],
    ['a missing amr', { ...elevatedClaims, amr: undefined }],
  ])('refuses %s', (_label, claims) => {
    invalidTokenError(() => decodeElevatedToken(jwt({ typ: 'mfa-elevated+jwt' }, claims)));
  });
});

describe('requiresAdditionalAuth', () => {
  it.each([
    [`${PENDING_SCOPE}`, true],
    [`openid ${PENDING_SCOPE} profile`, true],
    ['openid profile', false],
    ['', false],
    [`x${PENDING_SCOPE}`, false],
    [`${PENDING_SCOPE}:later`, false],
    [PENDING_SCOPE.toLowerCase(), false],
  ])('scope %j -> %s', (scope, pending) => {
    expect(requiresAdditionalAuth(jwt({ typ: 'at+jwt' }, { ...accessClaims, scope }))).toBe(pending);
  });

  it('refuses a malformed token', () => {
    invalidTokenError(() => requiresAdditionalAuth('not-a-token'));
  });
});

describe('isExpired', () => {
  const exp = accessClaims.exp;
  const at = (seconds: number) => seconds * 1000;

  it('counts a token as expired 30 seconds before exp by default', () => {
    expect(isExpired(accessToken, undefined, at(exp - 31))).toBe(false);
    expect(isExpired(accessToken, undefined, at(exp - 30))).toBe(true);
    expect(isExpired(accessToken, undefined, at(exp + 1))).toBe(true);
  });

  it('takes another margin', () => {
    expect(isExpired(accessToken, 0, at(exp - 1))).toBe(false);
    expect(isExpired(accessToken, 0, at(exp))).toBe(true);
    expect(isExpired(accessToken, 120, at(exp - 119))).toBe(true);
  });

  it('uses the clock by default', () => {
    const fresh = jwt({ typ: 'at+jwt' }, { ...accessClaims, exp: Math.floor(Date.now() / 1000) + 600 });
    expect(isExpired(fresh)).toBe(false);
    expect(isExpired(accessToken.replace(/\..*\./, `.${encode({ ...accessClaims, exp: 1 })}.`))).toBe(true);
  });

  it('works for elevated tokens too', () => {
    expect(isExpired(elevatedToken, 30, at(elevatedClaims.exp - 60))).toBe(false);
    expect(isExpired(elevatedToken, 30, at(elevatedClaims.exp))).toBe(true);
  });

  it('refuses a token without a numeric exp', () => {
    invalidTokenError(() => isExpired(jwt({ typ: 'at+jwt' }, { ...accessClaims, exp: null })));
  });
});
