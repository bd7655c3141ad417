import { isWebAuthnSupported } from '@mfa-kit/client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};
// On the server we can't know; assume support so the first client render matches, then correct it.
const onServer = () => true;

/** Whether this browser has WebAuthn, read without breaking server rendering or hydration. */
export function useWebAuthnSupported(): boolean {
  return useSyncExternalStore(subscribe, isWebAuthnSupported, onServer);
}
