/**
 * The app's own primary sign-in: email and password, kept in .data/accounts.json with scrypt hashes.
 * mfa-kit starts after this step — replace it with whatever your app signs users in with (a password,
 * a magic link, OAuth, a wallet) and hand the user's id to `mfa.sessions.issue`.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const derive = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const file = join(process.cwd(), '.data', 'accounts.json');
type Accounts = Record<string, { salt: string; hash: string }>;

async function load(): Promise<Accounts> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Accounts;
  } catch {
    return {};
  }
}

/** Creates the account on its first sign-in (this example has no separate sign-up), checks it after. */
export async function checkPassword(email: string, password: string): Promise<string | null> {
  const id = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(id) || password.length < 8) return null;
  const accounts = await load();
  const account = accounts[id];
  if (!account) {
    const salt = randomBytes(16);
    accounts[id] = {
      salt: salt.toString('base64'),
      hash: (await derive(password, salt, 32)).toString('base64'),
    };
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(accounts, null, 2));
    return id;
  }
  const hash = await derive(password, Buffer.from(account.salt, 'base64'), 32);
  return timingSafeEqual(hash, Buffer.from(account.hash, 'base64')) ? id : null;
}
