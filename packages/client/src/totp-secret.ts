/**
 * TOTP secrets as users see them: base32 (RFC 4648 §6), shown in groups so they can be typed by hand.
 */

/**
 * True when `secret` is RFC 4648 base32: letters A-Z (any case) and digits 2-7, optionally `=`-padded,
 * of a length that a whole number of bytes can produce.
 */
export function isBase32(secret: string): boolean {
  const bare = secret.toUpperCase().replace(/=+$/, '');
  // 1, 3 and 6 leftover characters cannot come from whole bytes (RFC 4648 §6, final quantum).
  return /^[A-Z2-7]+$/.test(bare) && ![1, 3, 6].includes(bare.length % 8);
}

/**
 * Formats a TOTP secret for manual entry: upper case, existing whitespace removed, groups of four
 * separated by single spaces (`JBSW Y3DP EHPK 3PXP`). Authenticator apps ignore the spaces. Does not
 * validate; pair with `parseOtpauthUri` when the secret comes from a URI.
 */
export function formatSecret(secret: string): string {
  const bare = secret.replace(/\s+/g, '').toUpperCase();
  return bare.match(/.{1,4}/g)?.join(' ') ?? '';
}
