/**
 * The app's token store: the access token in memory, mirrored to sessionStorage.
 *
 * Why sessionStorage and not memory only: a reload (F5, a dev-server reload, a phone that discards the
 * tab) would otherwise sign the user out, even in the middle of an enrolment. sessionStorage belongs to
 * this one tab and is gone when it closes; it is not shared with other tabs or kept on disk for later
 * like localStorage. Script injected into the page could read it, but such script could as well use an
 * in-memory token through the app itself, so memory only would not protect it more. The token is short:
 * one hour, a pending one ten minutes.
 *
 * Only the access token is kept here. Everything MFA keeps is in MfaProvider's memory and never stored:
 * elevated tokens, the TOTP secret of an enrolment in progress, fresh recovery codes.
 */
import { decodeAccessToken } from '@mfa-kit/client';
import { useSyncExternalStore } from 'react';

const KEY = 'acme-wallet.access-token';

/** Why the user was signed out, for the sign-in page to say. */
export type SignOutReason = 'signed-out' | 'expired';

function expired(token: string): boolean {
  try {
    return decodeAccessToken(token).exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

function load(): string | null {
  try {
    const token = sessionStorage.getItem(KEY);
    return token && !expired(token) ? token : null;
  } catch {
    return null;
  }
}

let token: string | null = load();
let reason: SignOutReason | null = null;
const listeners = new Set<() => void>();

function save(next: string | null): void {
  try {
    if (next === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, next);
  } catch {
    // Storage blocked: the session lasts as long as the page.
  }
}

export const session = {
  /** The current access token (pending or complete), or null when nobody is signed in. */
  get: (): string | null => token,
  /** Stores a new token: after sign-in or sign-up, and when MfaProvider hands over an upgraded one. */
  set(next: string | null): void {
    if (next === token) return;
    token = next;
    if (next !== null) reason = null;
    save(next);
    for (const listener of listeners) listener();
  },
  /** Forgets the token, remembering why for the sign-in page. */
  end(why: SignOutReason): void {
    reason = why;
    session.set(null);
  },
  /** Why the last session ended; null until someone is signed out, and again after the next sign-in. */
  reason: (): SignOutReason | null => reason,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): string | null {
  return useSyncExternalStore(session.subscribe, session.get);
}
