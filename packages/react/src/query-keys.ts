/**
 * Query keys. Every key starts with `'mfa'`, so an app can find them in devtools, and everything a
 * session sees sits under `['mfa', 'session', sessionKey]`, so one call refreshes it all after a change.
 */
export const mfaKeys = {
  all: ['mfa'] as const,
  /** The policy (`GET /config`); the same for every session of a server. */
  config: ['mfa', 'config'] as const,
  /** Everything that depends on who is signed in. */
  sessions: ['mfa', 'session'] as const,
  /** `GET /status`: powers useMfa and useDevices. */
  status: (sessionKey: string) => ['mfa', 'session', sessionKey, 'status'] as const,
  /** `POST /step-up/check` for one scope. */
  stepUpCheck: (sessionKey: string, scope: string) =>
    ['mfa', 'session', sessionKey, 'step-up', scope] as const,
};
