/**
 * The protocol's code formats (docs/protocol.md §1, "Codes"). Client and server both normalize with these
 * functions, so what a user may type is decided in exactly one place.
 */
import { MfaError } from './errors.js';

/** Crockford base32, lower case: no i, l, o or u, so codes read aloud and typed by hand survive. */
export const RECOVERY_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Characters in a recovery code, without its hyphen (10 × 5 bits = 50 bits of entropy). */
export const RECOVERY_CODE_LENGTH = 10;

/** Options of {@link normalizeCode}. */
export interface NormalizeCodeOptions {
  /** How many digits the code has. Default 6; 6 to 8 allowed. */
  digits?: number;
}

/**
 * Returns the bare digits of a one-time code typed or pasted by a user. Accepts digits with single spaces
 * or hyphens between them ("123456", "123 456", "123-456") and surrounding whitespace; throws
 * `MfaError('invalid_input')` for anything else, so a wrong paste is never sent as a guess.
 */
export function normalizeCode(input: string, options: NormalizeCodeOptions = {}): string {
  const digits = options.digits ?? 6;
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new MfaError('invalid_input', `digits must be an integer from 6 to 8, got ${String(digits)}`);
  }
  const trimmed = typeof input === 'string' ? input.trim() : '';
  if (!/^\d(?:[ -]?\d)*$/.test(trimmed)) {
    throw new MfaError('invalid_input', `expected a ${digits}-digit code, got something else`);
  }
  const bare = trimmed.replace(/[ -]/g, '');
  if (bare.length !== digits) {
    throw new MfaError('invalid_input', `expected a ${digits}-digit code, got ${bare.length} digits`);
  }
  return bare;
}

/**
 * Returns a recovery code in its canonical form, `xxxxx-xxxxx`. Accepts any letter case, spaces and
 * hyphens anywhere, and reads `i`/`l` as `1` and `o` as `0`; throws `MfaError('invalid_input')` for
 * anything else.
 */
export function normalizeRecoveryCode(input: string): string {
  const compact = (typeof input === 'string' ? input : '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  if (compact.length !== RECOVERY_CODE_LENGTH) {
    throw new MfaError(
      'invalid_input',
      `expected a recovery code of ${RECOVERY_CODE_LENGTH} characters, got ${compact.length}`,
    );
  }
  for (const char of compact) {
    if (!RECOVERY_CODE_ALPHABET.includes(char)) {
      throw new MfaError('invalid_input', 'a recovery code holds only letters and digits');
    }
  }
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
