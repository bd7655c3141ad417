/**
 * Keys and randomness. Everything here is Web Crypto (runs in Node and in browsers) or jose's encoders;
 * nothing is hand-rolled. All keys are derived once, at start-up, from the one `encryptionKey`.
 */
import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from '@mfa-kit/client/protocol';
import { base64url } from 'jose';

export type RandomSource = (size: number) => Uint8Array;

export const defaultRandom: RandomSource = (size) => crypto.getRandomValues(new Uint8Array(size));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads the encryption key: 32 bytes, as bytes or as base64/base64url text. */
export function parseEncryptionKey(key: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (key === undefined || key === null || key === '') {
    throw new TypeError(
      'encryptionKey is required: 32 random bytes, or their base64 (e.g. `openssl rand -base64 32`), kept out of the database',
    );
  }
  if (typeof key !== 'string' && !(key instanceof Uint8Array)) {
    throw new TypeError('encryptionKey must be 32 bytes, given as bytes or base64 text');
  }
  let bytes: Uint8Array;
  if (typeof key === 'string') {
    try {
      bytes = base64url.decode(key.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    } catch {
      throw new TypeError('encryptionKey must be 32 bytes, given as bytes or base64 text');
    }
  } else {
    bytes = key;
  }
  if (bytes.byteLength !== 32) {
    throw new TypeError(`encryptionKey must be 32 bytes, got ${bytes.byteLength}`);
  }
  return new Uint8Array(bytes);
}

export interface ServerKeys {
  /** Encrypts with AES-256-GCM; `context` is bound as additional data, so a ciphertext only opens where it was made. */
  encrypt(plaintext: string, context: string): Promise<string>;
  decrypt(ciphertext: string, context: string): Promise<string>;
  /** Keyed hash of a recovery code (HMAC-SHA-256 with a key that never leaves the server: a pepper). */
  hashRecoveryCode(userId: string, canonicalCode: string): Promise<string>;
  /** An opaque, stable WebAuthn user handle for a user id; never the id itself (it may be an email). */
  userHandle(userId: string): Promise<Uint8Array<ArrayBuffer>>;
  /** A 16-byte tag binding a WebAuthn challenge nonce to its session and purpose. */
  challengeTag(parts: string[]): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * Keyed hash of a re-authentication secret (an email or SMS code, a wallet nonce) for one challenge:
   * what the store keeps instead of the secret (security rule 27).
   */
  hashReauthSecret(challengeId: string, secret: string): Promise<string>;
}

export async function deriveServerKeys(
  encryptionKey: Uint8Array<ArrayBuffer>,
  random: RandomSource,
): Promise<ServerKeys> {
  const base = await crypto.subtle.importKey('raw', encryptionKey, 'HKDF', false, ['deriveKey']);
  const derive = (info: string, algorithm: AesKeyGenParams | HmacKeyGenParams, usages: KeyUsage[]) =>
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(`mfa-kit ${info} v1`) },
      base,
      algorithm,
      false,
      usages,
    );
  const [aes, pepper, handles, challenges, reauth] = await Promise.all([
    derive('encryption', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
    derive('recovery-code', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
    derive('webauthn-user', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
    derive('webauthn-challenge', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
    derive('reauth-secret', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
  ]);
  const hmac = async (key: CryptoKey, message: string) =>
    new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));

  return {
    async encrypt(plaintext, context) {
      const iv = new Uint8Array(random(12));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        aes,
        encoder.encode(plaintext),
      );
      return `v1.${base64url.encode(iv)}.${base64url.encode(new Uint8Array(sealed))}`;
    },
    async decrypt(ciphertext, context) {
      const [version, iv, sealed] = ciphertext.split('.');
      if (version !== 'v1' || !iv || !sealed) throw new Error('unknown ciphertext format');
      const opened = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: new Uint8Array(base64url.decode(iv)),
          additionalData: encoder.encode(context),
        },
        aes,
        new Uint8Array(base64url.decode(sealed)),
      );
      return decoder.decode(opened);
    },
    async hashRecoveryCode(userId, canonicalCode) {
      return base64url.encode(await hmac(pepper, `${userId}\u0000${canonicalCode}`));
    },
    async userHandle(userId) {
      return (await hmac(handles, userId)).slice(0, 32);
    },
    async challengeTag(parts) {
      return (await hmac(challenges, parts.join('\u0000'))).slice(0, 16);
    },
    async hashReauthSecret(challengeId, secret) {
      return base64url.encode(await hmac(reauth, `${challengeId}\u0000${secret}`));
    },
  };
}

/** A random id with a readable prefix: `dev_` + 128 random bits. */
export function randomId(prefix: string, random: RandomSource): string {
  return `${prefix}_${base64url.encode(random(16))}`;
}

/** A one-time code of `digits` decimal digits, each equally likely (rejection sampling, no modulo bias). */
export function randomDigits(digits: number, random: RandomSource): string {
  let code = '';
  while (code.length < digits) {
    for (const byte of random(digits)) {
      // 250 is the largest multiple of 10 below 256: bytes above it would favour 0 to 5.
      if (byte < 250 && code.length < digits) code += String(byte % 10);
    }
  }
  return code;
}

/** Ten recovery codes of 50 random bits each, in canonical form (`xxxxx-xxxxx`). */
export function generateRecoveryCodes(random: RandomSource): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    // 256 is a multiple of 32, so `byte & 31` picks every character with the same probability.
    const chars = Array.from(random(RECOVERY_CODE_LENGTH), (byte) => RECOVERY_CODE_ALPHABET[byte & 31]).join(
      '',
    );
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}
