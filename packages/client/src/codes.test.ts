import { MfaError, normalizeCode, normalizeRecoveryCode } from '@mfa-kit/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('normalizeCode', () => {
  it('accepts a code with a space or a hyphen in the middle', () => {
    expect(normalizeCode('123 456')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
  });
  it('refuses letters', () => {
    expect(() => normalizeCode('12a456')).toThrow(MfaError);
  });
});

describe('normalizeRecoveryCode', () => {
  it('reads i and l as 1 and o as 0', () => {
    expect(normalizeRecoveryCode('IOLAB CDEFG')).toBe('101ab-cdefg');
  });
});

const DIGIT = fc.constantFrom(...'0123456789');
/** Surrounding whitespace that `trim()` removes. */
const PADDING = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003'), maxLength: 3 });

/** A code in an allowed form: `digits` digits with at most one space or hyphen between two of them. */
function typedCode(digits: number) {
  return fc
    .tuple(
      fc.array(DIGIT, { minLength: digits, maxLength: digits }),
      fc.array(fc.constantFrom('', ' ', '-'), { minLength: digits - 1, maxLength: digits - 1 }),
      PADDING,
      PADDING,
    )
    .map(([chars, separators, before, after]) => ({
      bare: chars.join(''),
      typed: before + chars.map((char, index) => char + (separators[index] ?? '')).join('') + after,
    }));
}

function throwsInvalidInput(run: () => unknown): boolean {
  try {
    run();
  } catch (error) {
    return error instanceof MfaError && error.code === 'invalid_input';
  }
  return false;
}

describe('normalizeCode properties', () => {
  it('accepts every allowed form and returns its digits', () => {
    const anyLength = fc
      .integer({ min: 6, max: 8 })
      .chain((digits) => typedCode(digits).map((code) => ({ ...code, digits })));
    fc.assert(
      fc.property(anyLength, ({ bare, typed, digits }) => {
        expect(normalizeCode(typed, { digits })).toBe(bare);
      }),
    );
  });

  it('refuses a code with anything else inside it', () => {
    const intruder = fc.oneof(
      fc.constantFrom('  ', '--', ' -', '- ', '.', '_', '/', '+', 'a', 'O', '\t', '\u00a0', '１', '٣'),
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 2 })
        .filter((text) => /[^\d -]|[ -]{2}/.test(text)),
    );
    fc.assert(
      fc.property(typedCode(6), intruder, fc.nat(), ({ bare }, inserted, at) => {
        const index = 1 + (at % (bare.length - 1));
        const typed = bare.slice(0, index) + inserted + bare.slice(index);
        expect(throwsInvalidInput(() => normalizeCode(typed))).toBe(true);
      }),
    );
  });

  it('refuses a separator before the first or after the last digit', () => {
    fc.assert(
      fc.property(typedCode(6), fc.constantFrom(' -', '-'), fc.boolean(), ({ bare }, separator, before) => {
        const typed = before ? `${separator}${bare}` : `${bare}${separator.trim()}`;
        expect(throwsInvalidInput(() => normalizeCode(typed))).toBe(true);
      }),
    );
  });

  it('never returns anything but the asked number of ASCII digits, and throws only invalid_input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          typedCode(6).map(({ typed }) => typed),
        ),
        (input) => {
          let output: string;
          try {
            output = normalizeCode(input);
          } catch (error) {
            return error instanceof MfaError && error.code === 'invalid_input';
          }
          return /^[0-9]{6}$/.test(output) && input.replace(/[ -]/g, '').trim() === output;
        },
      ),
    );
  });
});

const CANONICAL = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;
const CROCKFORD = fc.constantFrom(...'0123456789abcdefghjkmnpqrstvwxyz');

describe('normalizeRecoveryCode properties', () => {
  it('returns the canonical form or throws invalid_input, for any input', () => {
    const recoveryish = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyzIOL- '), maxLength: 14 }),
    );
    fc.assert(
      fc.property(recoveryish, (input) => {
        let output: string;
        try {
          output = normalizeRecoveryCode(input);
        } catch (error) {
          return error instanceof MfaError && error.code === 'invalid_input';
        }
        return CANONICAL.test(output) && normalizeRecoveryCode(output) === output;
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every way of typing a code back to the same code', () => {
    const typing = fc.record({
      chars: fc.array(CROCKFORD, { minLength: 10, maxLength: 10 }),
      upper: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      lookalikes: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      separator: fc.constantFrom('-', '', ' ', ' - ', '  '),
      padding: PADDING,
    });
    const LOOKALIKE: Record<string, string> = { '1': 'l', '0': 'o' };
    fc.assert(
      fc.property(typing, ({ chars, upper, lookalikes, separator, padding }) => {
        const canonical = `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
        const typed = chars.map((char, index) => {
          const swapped = lookalikes[index] ? (LOOKALIKE[char] ?? char) : char;
          return upper[index] ? swapped.toUpperCase() : swapped;
        });
        const input = `${padding}${typed.slice(0, 5).join('')}${separator}${typed.slice(5).join('')}${padding}`;
        expect(normalizeRecoveryCode(input)).toBe(canonical);
      }),
    );
  });

  it('refuses u, which Crockford base32 leaves out', () => {
    fc.assert(
      fc.property(fc.array(CROCKFORD, { minLength: 9, maxLength: 9 }), fc.nat(9), (chars, at) => {
        chars.splice(at, 0, 'u');
        expect(throwsInvalidInput(() => normalizeRecoveryCode(chars.join('')))).toBe(true);
      }),
    );
  });
});
