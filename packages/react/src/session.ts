import { decodeAccessToken, PENDING_SCOPE } from '@mfa-kit/client';

/** Who the provider's queries are for, read from the app's access token (decoded, not verified). */
export interface SessionInfo {
  /** Part of every query key: user, session and whether the token is pending. */
  key: string;
  /** User and session only: when this changes, state of the previous user is forgotten. */
  identity: string;
  /** From the token when it could be decoded; `undefined` means "ask the server". */
  pending: boolean | undefined;
  /** False when the app said nobody is signed in (`accessToken={null}`). */
  signedIn: boolean;
}

const UNKNOWN: SessionInfo = { key: 'current', identity: 'current', pending: undefined, signedIn: true };
const SIGNED_OUT: SessionInfo = {
  key: 'signed-out',
  identity: 'signed-out',
  pending: undefined,
  signedIn: false,
};

/**
 * `undefined`: the app does not tell us its token; the client's `getAccessToken` is the only source, so
 * changes are picked up only through `onAccessToken`. `null`: signed out. A string: keyed by its `sub`,
 * `sid` and pending scope, so signing in as someone else, or upgrading, refetches.
 */
export function readSession(accessToken: string | null | undefined): SessionInfo {
  if (accessToken === undefined) return UNKNOWN;
  if (accessToken === null || accessToken === '') return SIGNED_OUT;
  try {
    const claims = decodeAccessToken(accessToken);
    const pending = claims.scope.split(' ').includes(PENDING_SCOPE);
    const identity = `${claims.sub} ${claims.sid}`;
    return { key: `${identity} ${pending ? 'pending' : 'complete'}`, identity, pending, signedIn: true };
  } catch {
    // Not a token we can read: let the server judge it (it will answer `unauthorized` if it is bad).
    return { key: 'opaque', identity: 'opaque', pending: undefined, signedIn: true };
  }
}
