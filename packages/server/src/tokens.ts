/**
 * Access and elevated tokens (docs/protocol.md §3), signed with ES256 through jose and Web Crypto.
 * Verification pins the algorithm, the `typ` header, issuer and audience; an access token can never pass
 * as an elevated token or the other way round.
 */
import {
  ACCESS_TOKEN_TYPE,
  type AccessTokenClaims,
  ELEVATED_TOKEN_TYPE,
  type ElevatedTokenClaims,
  MfaError,
} from '@mfa-kit/client/protocol';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { ServerKeys } from './crypto.js';
import type { MfaStore } from './store/types.js';

export const TOKEN_ALGORITHM = 'ES256';
/** Seconds of clock difference tolerated between server instances. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface TokenService {
  issueAccess(input: {
    userId: string;
    sessionId: string;
    scope: string;
    amr: string[];
    ttlSeconds: number;
  }): Promise<{
    token: string;
    expiresAt: number;
  }>;
  issueElevated(input: {
    userId: string;
    sessionId: string;
    scopes: string[];
    amr: string[];
    ttlSeconds: number;
    singleUse: boolean;
    jti: string;
  }): Promise<{ token: string; expiresAt: number }>;
  /** Claims of a valid access token (pending or not); throws `unauthorized` otherwise. */
  verifyAccess(token: string): Promise<AccessTokenClaims>;
  /** Claims of a valid elevated token; throws `elevation_required` otherwise (scope checks are the caller's). */
  verifyElevated(token: string): Promise<ElevatedTokenClaims>;
  jwks(): { keys: JWK[] };
}

interface KeyMaterial {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Loads the signing keys: the given private JWKs, or the store's (creating one on first start). */
export async function loadSigningKeys(input: {
  store: MfaStore;
  keys: ServerKeys;
  given: JWK[] | undefined;
  now: number;
}): Promise<KeyMaterial[]> {
  const fromJwk = async (privateJwk: JWK): Promise<KeyMaterial> => {
    if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || typeof privateJwk.d !== 'string') {
      throw new TypeError('signingKeys must be private EC P-256 JWKs (ES256)');
    }
    const { d: _d, ...publicJwk } = privateJwk;
    const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicJwk));
    const privateKey = (await importJWK(
      { ...privateJwk, alg: TOKEN_ALGORITHM },
      TOKEN_ALGORITHM,
    )) as CryptoKey;
    return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: TOKEN_ALGORITHM, use: 'sig' } };
  };
  // The store always keeps one signing key, encrypted with encryptionKey. With `given` keys it never
  // signs: it is decrypted at every start all the same, so that a wrong encryptionKey fails the start
  // with a message that says so, instead of failing every verification later with a bare OperationError.
  const pair = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const { d: _d, ...publicJwk } = privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const stored = await input.store.ensureSigningKey({
    kid,
    alg: TOKEN_ALGORITHM,
    publicJwk: JSON.stringify(publicJwk),
    privateJwkEnc: await input.keys.encrypt(JSON.stringify(privateJwk), `signing-key:${kid}`),
    createdAt: input.now,
  });
  const decrypted = await Promise.all(
    stored.map(async (key) => {
      try {
        return {
          ...JSON.parse(await input.keys.decrypt(key.privateJwkEnc, `signing-key:${key.kid}`)),
          kid: key.kid,
        };
      } catch (cause) {
        throw new Error(
          'encryptionKey does not match this store: its signing keys (and TOTP secrets) were encrypted with another key. Start with the key the store was created with; a new key cannot read what the old one encrypted',
          { cause },
        );
      }
    }),
  );
  if (input.given && input.given.length > 0) return Promise.all(input.given.map(fromJwk));
  return Promise.all(decrypted.map(fromJwk));
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

export function createTokenService(input: {
  keys: KeyMaterial[];
  issuer: string;
  audience: string;
  now: () => number;
  /** The longest lifetime the server gives a token; older tokens, and tokens from the future, are refused. */
  maxTokenAgeSeconds: number;
}): TokenService {
  const [signer] = input.keys;
  if (!signer) throw new TypeError('at least one signing key is needed');
  const jwks = { keys: input.keys.map((key) => key.publicJwk) };
  const keySet = createLocalJWKSet(jwks);
  const seconds = () => Math.floor(input.now() / 1000);

  const sign = async (payload: JWTPayload, typ: string, ttlSeconds: number) => {
    const iat = seconds();
    const exp = iat + ttlSeconds;
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ, kid: signer.kid })
      .setIssuer(input.issuer)
      .setAudience(input.audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(signer.privateKey);
    return { token, expiresAt: exp * 1000 };
  };

  const verify = async (token: string, typ: string) => {
    const { payload } = await jwtVerify(token, keySet, {
      algorithms: [TOKEN_ALGORITHM],
      typ,
      issuer: input.issuer,
      audience: input.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: input.maxTokenAgeSeconds,
      currentDate: new Date(input.now()),
      requiredClaims: ['sub', 'sid', 'iat', 'exp', 'scope'],
    });
    return payload;
  };

  return {
    issueAccess: ({ userId, sessionId, scope, amr, ttlSeconds }) =>
      sign({ sub: userId, sid: sessionId, scope, amr }, ACCESS_TOKEN_TYPE, ttlSeconds),

    issueElevated: ({ userId, sessionId, scopes, amr, ttlSeconds, singleUse, jti }) =>
      sign(
        { sub: userId, sid: sessionId, scope: scopes.join(' '), amr, jti, single_use: singleUse },
        ELEVATED_TOKEN_TYPE,
        ttlSeconds,
      ),

    async verifyAccess(token) {
      let payload: JWTPayload;
      try {
        payload = await verify(token, ACCESS_TOKEN_TYPE);
      } catch (cause) {
        throw new MfaError('unauthorized', 'the access token is missing, invalid or expired', { cause });
      }
      const { sub, sid, scope, amr } = payload;
      if (
        typeof sub !== 'string' ||
        typeof sid !== 'string' ||
        typeof scope !== 'string' ||
        !isStringArray(amr)
      ) {
        throw new MfaError('unauthorized', 'the access token lacks required claims');
      }
      return payload as unknown as AccessTokenClaims;
    },

    async verifyElevated(token) {
      let payload: JWTPayload;
      try {
        payload = await verify(token, ELEVATED_TOKEN_TYPE);
      } catch (cause) {
        throw new MfaError('elevation_required', 'the elevated token is invalid or expired', { cause });
      }
      const { sub, sid, scope, jti, single_use: singleUse, amr } = payload;
      if (
        typeof sub !== 'string' ||
        typeof sid !== 'string' ||
        typeof scope !== 'string' ||
        typeof jti !== 'string' ||
        typeof singleUse !== 'boolean' ||
        !isStringArray(amr)
      ) {
        throw new MfaError('elevation_required', 'the elevated token lacks required claims');
      }
      return payload as unknown as ElevatedTokenClaims;
    },

    jwks: () => jwks,
  };
}
