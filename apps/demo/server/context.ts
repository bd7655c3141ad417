/** What every route module of the demo API shares. */
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger, MfaServer, MfaVariables } from '@mfa-kit/server';
import type { Outbox } from './outbox.js';
import type { PolicyStore } from './policy.js';
import type { SignInLimiter } from './rate-limit.js';

export interface DemoContext {
  db: PGlite;
  mfa: MfaServer;
  policy: PolicyStore;
  limiter: SignInLimiter;
  now: () => number;
  logger: Logger;
  /** What the demo's mail server and SMS gateway received (read only outside production). */
  outbox: Outbox;
}

/** Hono environment of the API routes: `mfa.requireAuth()` puts the access token's claims in `mfaAuth`. */
export type ApiEnv = { Variables: MfaVariables };

/** An id such as `usr_Xk2…`: a prefix and 128 random bits, base64url. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}
