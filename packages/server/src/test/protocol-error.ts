/**
 * The protocol's error answer (docs/protocol.md §2), checked the same way by every fault and fuzz test:
 * a JSON body `{ error: { code, message } }` whose code belongs to the status, `scopes` exactly with
 * `elevation_required`, `locked` with `rate_limited` (and `retryAfter` with `Retry-After` exactly when the
 * lock is temporary), `attemptsRemaining` only with a counted `invalid_code` or `code_reused` (and the lock
 * it started when it is 0), and `Cache-Control: no-store`.
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
  const lock = () => {
    const { locked, retryAfter } = body.error as Record<string, unknown>;
    if (locked === 'permanent') {
      expect(retryAfter, shown).toBeUndefined();
      expect(reply.headers.get('Retry-After'), shown).toBeNull();
      return ['locked'];
    }
    expect(locked, shown).toBe('temporary');
    expect(Number.isInteger(retryAfter) && (retryAfter as number) >= 1, shown).toBe(true);
    return ['locked', 'retryAfter'];
  };
  let expected: string[] = [];
  if (code === 'elevation_required') expected = ['scopes'];
  if (code === 'rate_limited') {
    expected = lock();
    expect(reply.headers.get('Retry-After'), shown).toBe(
      body.error.retryAfter === undefined ? null : String(body.error.retryAfter),
    );
  }
  if ((code === 'invalid_code' || code === 'code_reused') && 'attemptsRemaining' in body.error) {
    const left = body.error.attemptsRemaining;
    expect(Number.isInteger(left) && (left as number) >= 0, shown).toBe(true);
    expected = left === 0 ? ['attemptsRemaining', ...lock()] : ['attemptsRemaining'];
    expect(reply.headers.get('Retry-After'), shown).toBeNull();
  }
  expect(extra, shown).toEqual(expected.sort());
  if (code === 'unauthorized') expect(reply.headers.get('WWW-Authenticate')).toBe('Bearer');
  return code;
}
