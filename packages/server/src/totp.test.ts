import { HOTP, Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { defaultRandom } from './crypto.js';
import { oathtool } from './test/harness.js';
import { generateTotpSecret, matchTotp, TOTP_SECRET_BYTES, totpUri } from './totp.js';

const ascii = (text: string) => Secret.fromLatin1(text);

describe('TOTP and HOTP primitives', () => {
  it('[rule 1] HOTP reproduces RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    const secret = ascii('12345678901234567890');
    expect(expected.map((_, counter) => HOTP.generate({ secret, counter, digits: 6 }))).toEqual(expected);
  });

  const vectors: Array<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  const seeds = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  } as const;

  it.each(vectors)(
    '[rule 1] TOTP reproduces RFC 6238 Appendix B at %i s (SHA-1, SHA-256, SHA-512)',
    (time, sha1, sha256, sha512) => {
      const at = (algorithm: keyof typeof seeds) =>
        TOTP.generate({
          secret: ascii(seeds[algorithm]),
          algorithm,
          digits: 8,
          period: 30,
          timestamp: time * 1000,
        });
      expect([at('SHA1'), at('SHA256'), at('SHA512')]).toEqual([sha1, sha256, sha512]);
    },
  );

  it('[rule 1] agrees with oathtool, an independent implementation, on the codes the server accepts', () => {
    const secret = generateTotpSecret(defaultRandom);
    for (const time of [0, 59, 1_111_111_109, 1_800_000_000, 2_000_000_000]) {
      const ms = time * 1000;
      const code = oathtool(secret, ms);
      expect(matchTotp(secret, code, ms, 6)).toBe(Math.floor(time / 30));
      expect(TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: ms })).toBe(code);
    }
    expect(matchTotp(secret, oathtool(secret, 1_800_000_000_000, 8), 1_800_000_000_000, 8)).toBe(60_000_000);
  });

  it('[rule 2] makes secrets of 160 random bits, base32 in the otpauth URI', () => {
    expect(TOTP_SECRET_BYTES * 8).toBeGreaterThanOrEqual(160);
    const secrets = new Set(Array.from({ length: 200 }, () => generateTotpSecret(defaultRandom)));
    expect(secrets.size).toBe(200);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(Secret.fromBase32(secret).bytes.byteLength).toBe(20);
    }
    const secret = [...secrets][0] ?? '';
    const uri = new URL(totpUri(secret, 'ada@example.com', { digits: 6, issuer: 'Acme Wallet' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Acme Wallet');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Acme Wallet:ada@example.com');
  });

  it('[rule 2] takes its randomness from the injected source', () => {
    const zeros = () => new Uint8Array(20);
    expect(generateTotpSecret(zeros)).toBe('A'.repeat(32));
  });

  it('[rule 3] accepts the current step and one either side, and nothing further', () => {
    const secret = generateTotpSecret(defaultRandom);
    const now = 1_800_000_015_000; // mid-step
    const step = Math.floor(now / 30_000);
    const codeAt = (offset: number) => oathtool(secret, now + offset * 30_000);
    expect(matchTotp(secret, codeAt(0), now, 6)).toBe(step);
    expect(matchTotp(secret, codeAt(-1), now, 6)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(1), now, 6)).toBe(step + 1);
    expect(matchTotp(secret, codeAt(-2), now, 6)).toBeNull();
    expect(matchTotp(secret, codeAt(2), now, 6)).toBeNull();
  });
});
