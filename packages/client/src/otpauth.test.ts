import { formatSecret, MfaError, OTP_ALGORITHMS, parseOtpauthUri } from '@mfa-kit/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PROTOCOL_EXAMPLE = `otpauth://totp/Acme%20Wallet:ada%40example.com?secret=${SECRET}&issuer=Acme%20Wallet&algorithm=SHA1&digits=6&period=30`;

function refusal(uri: string): MfaError {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    if (error instanceof MfaError && error.code === 'invalid_input') return error;
    throw error;
  }
  throw new Error(`expected ${uri} to be refused`);
}

describe('parseOtpauthUri', () => {
  it('reads the example of the protocol', () => {
    expect(parseOtpauthUri(PROTOCOL_EXAMPLE)).toEqual({
      type: 'totp',
      issuer: 'Acme Wallet',
      account: 'ada@example.com',
      label: 'Acme Wallet:ada@example.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('fills in the defaults and leaves issuer out when there is none', () => {
    const parsed = parseOtpauthUri('otpauth://totp/ada?secret=jbswy3dpehpk3pxp');
    expect(parsed).toEqual({
      type: 'totp',
      account: 'ada',
      label: 'ada',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect('issuer' in parsed).toBe(false);
  });

  it('takes the issuer from the label prefix alone, and skips spaces before the account', () => {
    expect(parseOtpauthUri(`otpauth://totp/Acme:%20%20ada?secret=${SECRET}`)).toMatchObject({
      issuer: 'Acme',
      account: 'ada',
      label: 'Acme:  ada',
    });
  });

  it('takes the issuer from the parameter alone', () => {
    expect(parseOtpauthUri(`otpauth://totp/ada?secret=${SECRET}&issuer=Acme+Wallet`)).toMatchObject({
      issuer: 'Acme Wallet',
      account: 'ada',
    });
  });

  it('accepts an encoded colon, a case-insensitive scheme, padding and unknown parameters', () => {
    expect(
      parseOtpauthUri(
        `OTPAUTH://TOTP/Acme%3Aada?secret=${SECRET}====&algorithm=sha512&digits=8&period=60&image=x`,
      ),
    ).toMatchObject({
      issuer: 'Acme',
      account: 'ada',
      secret: SECRET,
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
  });

  it.each([
    ['another scheme', `https://totp/ada?secret=${SECRET}`, 'expected it to start with otpauth://'],
    ['HOTP', `otpauth://hotp/ada?secret=${SECRET}&counter=0`, 'HOTP is not supported, only TOTP'],
    ['an unknown type', `otpauth://motp/ada?secret=${SECRET}`, 'expected type totp'],
    ['no label', `otpauth://totp?secret=${SECRET}`, 'the label has no account name'],
    ['an empty label', `otpauth://totp/?secret=${SECRET}`, 'the label has no account name'],
    ['an issuer with no account', `otpauth://totp/Acme:?secret=${SECRET}`, 'the label has no account name'],
    [
      'an empty issuer prefix',
      `otpauth://totp/:ada?secret=${SECRET}`,
      'the label has an empty issuer before its colon',
    ],
    ['no secret', 'otpauth://totp/ada?issuer=Acme', 'the secret parameter is missing'],
    ['an empty secret', 'otpauth://totp/ada?secret=', 'the secret parameter is missing'],
    ['a secret with 1 and 8', 'otpauth://totp/ada?secret=JBSWY3DPEHPK3PX1', 'the secret is not base32'],
    ['a secret with spaces', 'otpauth://totp/ada?secret=JBSW%20Y3DP', 'the secret is not base32'],
    ['a secret of impossible length', 'otpauth://totp/ada?secret=ABC', 'the secret is not base32'],
    ['a hex secret', 'otpauth://totp/ada?secret=3132333435363738', 'the secret is not base32'],
    ['MD5', `otpauth://totp/ada?secret=${SECRET}&algorithm=MD5`, 'algorithm must be SHA1, SHA256 or SHA512'],
    ['5 digits', `otpauth://totp/ada?secret=${SECRET}&digits=5`, 'digits must be from 6 to 8'],
    ['9 digits', `otpauth://totp/ada?secret=${SECRET}&digits=9`, 'digits must be from 6 to 8'],
    [
      'digits that are not a number',
      `otpauth://totp/ada?secret=${SECRET}&digits=six`,
      'digits must be from 6 to 8',
    ],
    ['digits with a sign', `otpauth://totp/ada?secret=${SECRET}&digits=%2B6`, 'digits must be from 6 to 8'],
    [
      'a zero period',
      `otpauth://totp/ada?secret=${SECRET}&period=0`,
      'period must be a positive whole number',
    ],
    [
      'a negative period',
      `otpauth://totp/ada?secret=${SECRET}&period=-30`,
      'period must be a positive whole number',
    ],
    [
      'a fractional period',
      `otpauth://totp/ada?secret=${SECRET}&period=30.5`,
      'period must be a positive whole number',
    ],
    [
      'a huge period',
      `otpauth://totp/ada?secret=${SECRET}&period=99999999999999999`,
      'period must be a positive whole number',
    ],
    [
      'an issuer that disagrees with the label',
      `otpauth://totp/Acme:ada?secret=${SECRET}&issuer=Evil`,
      'the issuer parameter disagrees with the issuer in the label',
    ],
    [
      'a secret given twice',
      `otpauth://totp/ada?secret=${SECRET}&secret=AAAA`,
      'the secret parameter appears twice',
    ],
    [
      'bad percent-encoding in the label',
      `otpauth://totp/Acme%ZZ:ada?secret=${SECRET}`,
      'bad percent-encoding in the label',
    ],
    [
      'a lone surrogate encoded in the label',
      `otpauth://totp/%ED%A0%80?secret=${SECRET}`,
      'bad percent-encoding in the label',
    ],
    [
      'bad percent-encoding in a parameter',
      `otpauth://totp/ada?secret=${SECRET}&issuer=%E0%A4%A`,
      'bad percent-encoding in the parameters',
    ],
    ['a fragment', `otpauth://totp/ada?secret=${SECRET}#x`, 'a fragment (#) is not allowed'],
  ])('refuses %s', (_label, uri, reason) => {
    expect(refusal(uri).message).toBe(`not a valid otpauth URI: ${reason}`);
  });

  it('never puts the secret into a message', () => {
    const uri = 'otpauth://totp/Acme:ada?secret=SECRETSECRETSECRE1&issuer=Acme';
    expect(refusal(uri).message).not.toContain('SECRET');
  });

  it('throws nothing but MfaError(invalid_input), whatever the input', () => {
    const otpauthish = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((rest) => `otpauth://totp/${rest}`),
      fc
        .tuple(
          fc.string(),
          fc.dictionary(
            fc.constantFrom('secret', 'issuer', 'algorithm', 'digits', 'period', 'x'),
            fc.string(),
          ),
        )
        .map(
          ([label, parameters]) => `otpauth://totp/${label}?${new URLSearchParams(parameters).toString()}`,
        ),
    );
    fc.assert(
      fc.property(otpauthish, (uri) => {
        try {
          parseOtpauthUri(uri);
        } catch (error) {
          return error instanceof MfaError && error.code === 'invalid_input';
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips URIs built from valid parts', () => {
    const base32 = fc
      .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 1, maxLength: 64 })
      .filter((secret) => ![1, 3, 6].includes(secret.length % 8));
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
    const issuer = text.filter((value) => !value.includes(':'));
    const account = text.filter((value) => !value.startsWith(' ') && value.trim() !== '');
    const parts = fc.record({
      issuer: fc.option(issuer, { nil: undefined }),
      account,
      secret: base32,
      algorithm: fc.constantFrom(...OTP_ALGORITHMS),
      digits: fc.integer({ min: 6, max: 8 }),
      period: fc.integer({ min: 1, max: 3600 }),
      issuerInLabel: fc.boolean(),
    });
    fc.assert(
      fc.property(parts, ({ issuer, account, secret, algorithm, digits, period, issuerInLabel }) => {
        // Without an issuer prefix, a colon in the account would read as one.
        fc.pre(issuer !== undefined && issuerInLabel ? true : !account.includes(':'));
        const label = issuer !== undefined && issuerInLabel ? `${issuer}:${account}` : account;
        const query = new URLSearchParams({
          secret,
          algorithm,
          digits: String(digits),
          period: String(period),
        });
        if (issuer !== undefined) query.set('issuer', issuer);
        const uri = `otpauth://totp/${encodeURIComponent(label)}?${query.toString()}`;
        const expected = { type: 'totp', label, account, secret, algorithm, digits, period };
        expect(parseOtpauthUri(uri)).toEqual(issuer === undefined ? expected : { ...expected, issuer });
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatSecret', () => {
  it('groups in fours, upper case', () => {
    expect(formatSecret('jbswy3dpehpk3pxp')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(formatSecret('JBSWY3DPEHPK3PXPJB')).toBe('JBSW Y3DP EHPK 3PXP JB');
  });

  it('strips whitespace that is already there', () => {
    expect(formatSecret(' JBS WY3\tDP\nEH ')).toBe('JBSW Y3DP EH');
    expect(formatSecret('   ')).toBe('');
  });

  const base32 = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz') });
  const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0') });

  it('round-trips: removing the spaces gives back the secret in upper case', () => {
    fc.assert(
      fc.property(base32, (secret) => {
        expect(formatSecret(secret).replace(/ /g, '')).toBe(secret.toUpperCase());
      }),
    );
  });

  it('ignores whitespace anywhere and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(base32, whitespace)), (pieces) => {
        const secret = pieces.map(([chunk]) => chunk).join('');
        const messy = pieces.map(([chunk, space]) => chunk + space).join('');
        const formatted = formatSecret(messy);
        expect(formatted).toBe(formatSecret(secret));
        expect(formatSecret(formatted)).toBe(formatted);
        expect(formatted).toMatch(/^(?:[A-Z2-7]{4} )*[A-Z2-7]{0,4}$/);
      }),
    );
  });
});
