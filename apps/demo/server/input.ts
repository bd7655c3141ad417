/**
 * Reading requests at the boundary: a body is a JSON object of at most 16 KiB with exactly the fields a
 * route defines, each checked here; anything else is `invalid_request` (or `payload_too_large`) before
 * any state is touched.
 */
import { DemoError, invalid } from './errors.js';
import { parseAmount } from './money.js';

export const MAX_BODY_BYTES = 16 * 1024;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const EMAIL_MAX_LENGTH = 254;

export type Body = Record<string, unknown>;

const tooLarge = () => new DemoError('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);

/**
 * The request's JSON object with only `allowed` fields. An empty body reads as `{}`. A body needs
 * `Content-Type: application/json`, which also keeps plain HTML forms of other sites out.
 */
export async function readJson(request: Request, allowed: readonly string[]): Promise<Body> {
  const declared = request.headers.get('Content-Length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > MAX_BODY_BYTES)
    throw tooLarge();
  const text = await readText(request);
  if (/^[ \t\r\n]*$/.test(text)) return {};
  const type = request.headers.get('Content-Type') ?? '';
  if (!/^application\/json\s*(?:;|$)/i.test(type))
    throw invalid('send the body as Content-Type: application/json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the body must be a JSON object');
  }
  const body = value as Body;
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw invalid(`unknown field ${JSON.stringify(key.slice(0, 40))}`);
  }
  return body;
}

/** At most {@link MAX_BODY_BYTES} are read, whatever Content-Length says (it can lie or be missing). */
async function readText(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw invalid('the body could not be read');
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('the body is not UTF-8 text');
  }
}

function requiredString(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw invalid(`${key} must be a string`);
  return value;
}

// ASCII addresses only (no internationalized mail): the dot-atom local part of RFC 5322 and DNS labels.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** An email, trimmed and lower-cased, of at most 254 characters with a local part of at most 64. */
export function email(body: Body, key: string): string {
  const value = requiredString(body, key).trim().toLowerCase();
  const local = value.slice(0, value.lastIndexOf('@'));
  if (value.length > EMAIL_MAX_LENGTH || local.length > 64 || !EMAIL.test(value)) {
    throw invalid(`${key} must be an email address such as ada@example.com`);
  }
  return value;
}

/**
 * A password as the user typed it, NFKC-normalized (NIST SP 800-63B) so that the same password typed
 * on another keyboard still matches; control characters and broken UTF-16 are refused.
 */
export function password(body: Body, key: string): string {
  const value = requiredString(body, key);
  if (!value.isWellFormed() || /\p{Cc}/u.test(value)) throw invalid(`${key} contains control characters`);
  const normalized = value.normalize('NFKC');
  const length = [...normalized].length;
  if (length === 0 || length > PASSWORD_MAX_LENGTH) {
    throw invalid(`${key} must be 1 to ${PASSWORD_MAX_LENGTH} characters`);
  }
  return normalized;
}

/** A new password: {@link password}, at least 10 characters, and not the account's email. */
export function newPassword(body: Body, key: string, accountEmail: string): string {
  const value = password(body, key);
  if ([...value].length < PASSWORD_MIN_LENGTH) {
    throw invalid(`${key} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (value.trim().toLowerCase() === accountEmail) throw invalid(`${key} must not be your email address`);
  return value;
}

/** An amount of money in cents, from a decimal string (see {@link parseAmount}). */
export function amount(body: Body, key: string): number {
  const value = body[key];
  if (typeof value !== 'string') throw invalid(`${key} must be a decimal string such as "12.50"`);
  const cents = parseAmount(value);
  if (cents === null) throw invalid(`${key} must be a decimal string from "0.01" to "1000000.00"`);
  return cents;
}

export function boolean(body: Body, key: string): boolean {
  const value = body[key];
  if (typeof value !== 'boolean') throw invalid(`${key} must be true or false`);
  return value;
}

/** A nested object with exactly `keys`. */
export function object(body: Body, key: string, keys: readonly string[]): Body {
  const value = body[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`${key} must be an object`);
  }
  const nested = value as Body;
  for (const name of Object.keys(nested)) {
    if (!keys.includes(name)) throw invalid(`unknown field ${key}.${JSON.stringify(name.slice(0, 40))}`);
  }
  return nested;
}

/** A list of distinct values of `allowed` (any order, `[]` too), answered in the order of `allowed`. */
export function subsetOf<T extends string>(body: Body, key: string, allowed: readonly T[]): T[] {
  const value = body[key];
  if (!Array.isArray(value) || value.length > allowed.length) {
    throw invalid(`${key} must be a list of ${allowed.join(', ')}`);
  }
  for (const item of value) {
    if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
      throw invalid(`${key} must be a list of ${allowed.join(', ')}`);
    }
  }
  if (new Set(value).size !== value.length) throw invalid(`${key} must not name a value twice`);
  return allowed.filter((item) => value.includes(item));
}
