/**
 * Client-only state the provider shares between components: the TOTP enrolment in progress (so a QR
 * code and a code input in different components see the same one) and freshly generated recovery codes.
 * Memory only: never written to storage, forgotten when the user or session changes.
 */
import type { TotpEnrollResponse } from '@mfa-kit/client';

/** A TOTP enrolment waiting for its first code: show `uri` as a QR code and `secret` as text. */
export type TotpEnrollment = Readonly<TotpEnrollResponse>;

export interface SessionStateSnapshot {
  totpEnrollment: TotpEnrollment | null;
  /** Codes just generated, until the user acknowledges them. */
  recoveryCodes: readonly string[] | null;
}

const EMPTY: SessionStateSnapshot = { totpEnrollment: null, recoveryCodes: null };

export interface SessionState {
  get(): SessionStateSnapshot;
  /** For SSR: always the empty state. */
  getServer(): SessionStateSnapshot;
  set(patch: Partial<SessionStateSnapshot>): void;
  reset(): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionState(): SessionState {
  let state = EMPTY;
  const listeners = new Set<() => void>();
  const publish = (next: SessionStateSnapshot) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => state,
    getServer: () => EMPTY,
    set: (patch) => publish({ ...state, ...patch }),
    reset: () => {
      if (state !== EMPTY) publish(EMPTY);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
