/**
 * A demo server on an in-memory PGlite with a clock the test moves, and a small client for its API.
 * TOTP codes come from `oathtool`, an implementation independent of ours.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDemoServer, type DemoServer } from '../app.js';

export const ORIGIN = 'http://localhost:5173';
/** A moment in the middle of a TOTP step, so that a code never straddles two steps by accident. */
const START = Date.UTC(2026, 10, 27, 12, 0, 10);

export interface Reply<TBody = Record<string, unknown>> {
  status: number;
  body: TBody;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  elevated?: string;
  /** A JSON body, or a string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The client address the rate limit sees. Default: one per harness. */
  address?: string;
}

export interface Harness extends DemoServer {
  clock: { now(): number; advance(ms: number): void };
  call<TBody = Record<string, unknown>>(
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<Reply<TBody>>;
}

export async function startDemo(
  options: { dataDir?: string; production?: boolean; smtpUrl?: string } = {},
): Promise<Harness> {
  let time = START;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const server = createDemoServer({
    dataDir: options.dataDir ?? null,
    origin: ORIGIN,
    now: clock.now,
    log: false,
    production: options.production ?? false,
    smtpUrl: options.smtpUrl,
  });
  await server.ready();
  const defaultAddress = `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  return {
    ...server,
    clock,
    async call<TBody>(method: string, path: string, call: CallOptions = {}): Promise<Reply<TBody>> {
      const headers: Record<string, string> = { ...call.headers };
      if (call.token) headers.Authorization = `Bearer ${call.token}`;
      if (call.elevated) headers['X-Elevated-Token'] = call.elevated;
      let body: string | undefined;
      if (typeof call.body === 'string') body = call.body;
      else if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const response = await server.app.request(
        path,
        { method, headers, ...(body === undefined ? {} : { body }) },
        { incoming: { socket: { remoteAddress: call.address ?? defaultAddress } } },
      );
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
    },
  };
}

/** The claims of a JWT, read without verifying it (the server verifies; tests only look). */
export function decodeJwt(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

let counter = 0;
/** An email no other test of this process uses. */
export function freshEmail(name = 'user'): string {
  counter += 1;
  return `${name}${counter}-${randomBytes(3).toString('hex')}@example.com`;
}

export const PASSWORD = 'correct horse battery staple';

/** Signs up a new user (from an address of its own, so that tests never share a rate limit). */
export async function signUp(h: Harness, email = freshEmail()): Promise<{ email: string; token: string }> {
  const reply = await h.call<{ accessToken: string }>('POST', '/api/auth/sign-up', {
    body: { email, password: PASSWORD },
    address: freshAddress(),
  });
  if (reply.status !== 201) throw new Error(`sign-up failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { email, token: reply.body.accessToken };
}

export async function signIn(h: Harness, email: string, password = PASSWORD) {
  return h.call<{ accessToken: string }>('POST', '/api/auth/sign-in', {
    body: { email, password },
    address: freshAddress(),
  });
}

let addresses = 0;
export function freshAddress(): string {
  addresses += 1;
  return `192.0.2.${addresses % 250}`;
}

/** The TOTP code of `secret` at `ms`, computed by oathtool (RFC 6238, SHA-1, 30 s, 6 digits). */
export function oathtool(secret: string, ms: number): string {
  return execFileSync('oathtool', ['--totp', '-b', secret, '-N', `@${Math.floor(ms / 1000)}`], {
    encoding: 'utf8',
  }).trim();
}

/** Enrols an authenticator app through the real /api/mfa routes; returns its secret. */
export async function enrolTotp(h: Harness, token: string): Promise<string> {
  const enrol = await h.call<{ deviceId: string; secret: string }>('POST', '/api/mfa/totp/enroll', {
    token,
    body: { name: 'Phone' },
  });
  if (enrol.status !== 201)
    throw new Error(`enrolment failed: ${enrol.status} ${JSON.stringify(enrol.body)}`);
  const verify = await h.call('POST', '/api/mfa/totp/enroll/verify', {
    token,
    body: { deviceId: enrol.body.deviceId, code: oathtool(enrol.body.secret, h.clock.now()) },
  });
  if (verify.status !== 200)
    throw new Error(`enrolment failed: ${verify.status} ${JSON.stringify(verify.body)}`);
  return enrol.body.secret;
}

/**
 * Proves the TOTP factor for `token`: without scopes the pending token is upgraded (the new access token
 * is returned), with scopes an elevated token is. The clock moves to the next 30-second step first, since
 * each step's code is accepted once.
 */
export async function proveTotp(
  h: Harness,
  token: string,
  secret: string,
  scopes?: string[],
): Promise<string> {
  h.clock.advance(30_000);
  const reply = await h.call<{ accessToken?: string; elevatedToken?: string }>(
    'POST',
    '/api/mfa/verify/totp',
    {
      token,
      body: { code: oathtool(secret, h.clock.now()), ...(scopes ? { requestedScopes: scopes } : {}) },
    },
  );
  const result = scopes ? reply.body.elevatedToken : reply.body.accessToken;
  if (reply.status !== 200 || !result) {
    throw new Error(`verification failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return result;
}

/** A user with an authenticator app and a completed session. */
export async function userWithTotp(h: Harness) {
  const { email, token: first } = await signUp(h);
  const secret = await enrolTotp(h, first);
  h.clock.advance(30_000);
  const pending = await signIn(h, email);
  const token = await proveTotp(h, pending.body.accessToken, secret);
  return { email, token, secret };
}

/**
 * Step-up by an emailed code, as a user without a second factor does it: the MFA server emails a code
 * for `scope` (through the embedded SMTP server into the outbox), the code is read from the outbox and
 * typed back. Should the server want to wait before another code (30 s per user), the clock waits.
 */
export async function stepUpByEmail(
  h: Harness,
  token: string,
  email: string,
  scope: string,
): Promise<string> {
  const send = () =>
    h.call<{ challengeId: string; error?: { retryAfter?: number } }>(
      'POST',
      '/api/mfa/reauth/email-otp/send',
      {
        token,
        body: { requestedScopes: [scope] },
      },
    );
  let sent = await send();
  if (sent.status === 429) {
    h.clock.advance((sent.body.error?.retryAfter ?? 30) * 1000);
    sent = await send();
  }
  if (sent.status !== 202) throw new Error(`no code was sent: ${sent.status} ${JSON.stringify(sent.body)}`);
  const inbox = await h.call<{ text: string }[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
  const code = /\b(\d{6})\b/.exec(inbox.body[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no code in the outbox of ${email}`);
  const verified = await h.call<{ elevatedToken?: string }>('POST', '/api/mfa/verify/email-otp', {
    token,
    body: { challengeId: sent.body.challengeId, code, requestedScopes: [scope] },
  });
  if (verified.status !== 200 || !verified.body.elevatedToken) {
    throw new Error(`the emailed code did not elevate: ${verified.status} ${JSON.stringify(verified.body)}`);
  }
  return verified.body.elevatedToken;
}
