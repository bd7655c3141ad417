/**
 * Password hashing with scrypt (node:crypto). Each hash carries its salt and parameters in PHC string
 * form (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`), so the parameters can be raised later: a sign-in with an
 * older hash re-hashes the password (see `needsRehash`).
 *
 * N = 2^15, r = 8, p = 1 (32 MiB) takes about 110 to 120 ms on the demo's 2-core machine (measured; 4
 * at once about 230 ms): twice the cost the scrypt paper gives for interactive logins (N = 2^14), but
 * below OWASP's current minimum (N = 2^17, or 2^15 with p = 3: 300 to 500 ms here). A trade-off for a
 * local demo; a production app should raise it (hashes made now are then upgraded at sign-in).
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of N, the CPU and memory cost. */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

export const SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PHC =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{16,128})$/;

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function format(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return format(params, salt, await derive(password, salt, params, HASH_BYTES));
}

/**
 * A hash of nothing anyone knows, with the current parameters: a sign-in for an unknown email is checked
 * against it, so it costs what a wrong password costs and answers alike. Random bytes make it: no
 * password leads to it, and creating it costs nothing at start-up.
 */
export const DUMMY_HASH = format(SCRYPT_PARAMS, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made with other parameters than the current ones; store a new one after a success. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const match = PHC.exec(stored);
  if (!match) throw new Error('a stored password hash is not in the expected format');
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  // Bounds keep a damaged row from asking for gigabytes.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) {
    throw new Error('a stored password hash has parameters out of bounds');
  }
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const expected = Buffer.from(match[5] ?? '', 'base64');
  const actual = await derive(password, salt, params, expected.length);
  return {
    ok: timingSafeEqual(actual, expected),
    needsRehash:
      params.ln !== SCRYPT_PARAMS.ln || params.r !== SCRYPT_PARAMS.r || params.p !== SCRYPT_PARAMS.p,
  };
}
