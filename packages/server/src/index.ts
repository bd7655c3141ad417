/**
 * `@mfa-kit/server`: the reference MFA backend. The core uses Web APIs only (Web Crypto, Request and
 * Response), so it also runs in a browser with the memory store. Node-only stores live in the
 * `@mfa-kit/server/pglite` and `@mfa-kit/server/postgres` entry points.
 */
export type {
  IssuedSession,
  IssueSessionInput,
  VerifyAccessTokenOptions,
  VerifyElevatedTokenOptions,
} from './core/sessions.js';
export type { RandomSource } from './crypto.js';
export { createJsonLogger, type LogFields, type Logger, type LogLevel } from './logger.js';
export type {
  ActionPolicyInput,
  MfaPolicyInput,
  MfaServerOptions,
  PolicyContext,
  PolicyFunction,
  ReauthPolicyInput,
  ResolvedPolicy,
  UserContacts,
} from './options.js';
export {
  type CodeMessage,
  type EmailSender,
  type RenderedCodeMessage,
  renderCodeMessage,
  type SmsSender,
} from './senders/messages.js';
export { createMfaServer, type MfaServer, type MfaVariables } from './server.js';
export { createMemoryStore } from './store/memory.js';
export type * from './store/types.js';
