/**
 * The protocol's error answer (docs/protocol.md §2), checked the same way by every fault and fuzz test:
 * a JSON body `{ error: { code, message } }` whose code belongs to the status, `retryAfter` exactly with
 * `rate_limited`, `scopes` exactly with `elevation_required`, and `Cache-Control: no-store`.
 */
import { ERROR_STATUS, type ProtocolErrorCode } from '@mfa-kit/client/protocol';
import { expect } from 'vitest';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCode = (value: unknown): value is ProtocolErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);

/** Checks an error answer and returns its code. `body` is the parsed JSON. */
export function expectProtocolError(reply: {
  status: number;
  headers: Headers;
  body: unknown;
}): ProtocolErrorCode {
  const shown = JSON.stringify(reply.body);
  expect(reply.status, shown).toBeGreaterThanOrEqual(400);
  expect(reply.headers.get('Content-Type'), shown).toMatch(/^application\/json/);
  expect(reply.headers.get('Cache-Control'), shown).toBe('no-store');
  const { body } = reply;
  if (!isRecord(body) || !isRecord(body.error)) throw new Error(`not a protocol error body: ${shown}`);
  expect(Object.keys(body)).toEqual(['error']);
  const { code, message } = body.error;
  if (!isCode(code)) throw new Error(`not a protocol error code: ${shown}`);
  expect(ERROR_STATUS[code], shown).toBe(reply.status);
  expect(typeof message === 'string' && message.length > 0, shown).toBe(true);
  const extra = Object.keys(body.error)
    .filter((key) => key !== 'code' && key !== 'message')
    .sort();
  expect(extra, shown).toEqual(
    code === 'rate_limited' ? ['retryAfter'] : code === 'elevation_required' ? ['scopes'] : [],
  );
  if (code === 'unauthorized') expect(reply.headers.get('WWW-Authenticate')).toBe('Bearer');
  return code;
}
