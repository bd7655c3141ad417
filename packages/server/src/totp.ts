/**
 * TOTP (RFC 6238) through the otpauth library: secrets, otpauth:// URIs and code checks. Only the
 * server's clock counts; the caller passes its `now()`.
 */
import { TOTP_PERIOD_SECONDS } from '@mfa-kit/client/protocol';
import { Secret, TOTP } from 'otpauth';
import type { RandomSource } from './crypto.js';

/** 160 bits, the length RFC 4226 recommends and security.md requires at least. */
export const TOTP_SECRET_BYTES = 20;

export interface TotpParams {
  digits: number;
  issuer: string;
}

/** A fresh base32 secret of {@link TOTP_SECRET_BYTES} random bytes. */
export function generateTotpSecret(random: RandomSource): string {
  const bytes = random(TOTP_SECRET_BYTES);
  return new Secret({ buffer: bytes.slice().buffer }).base32;
}

export function totpUri(secret: string, account: string, params: TotpParams): string {
  return new TOTP({
    issuer: params.issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: params.digits,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/**
 * The time step a code belongs to, when it is valid at `now` within one step either side; otherwise null.
 * The caller must still check that the step is later than the factor's last accepted one.
 */
export function matchTotp(secret: string, code: string, now: number, digits: number): number | null {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits,
    period: TOTP_PERIOD_SECONDS,
  });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return totp.counter({ timestamp: now }) + delta;
}
