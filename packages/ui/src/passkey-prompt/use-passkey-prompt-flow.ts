import { type Device, isMfaError, MfaError, preloadWebAuthn } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import { useEffect, useReducer } from 'react';
import { type Lockout, useLockout } from '../primitives/use-lockout.js';
import { useWebAuthnSupported } from '../primitives/use-webauthn-supported.js';
import type { PasskeyPromptMode, PasskeyPromptState } from './root.js';

export interface UsePasskeyPromptFlowOptions {
  mode: PasskeyPromptMode;
  onRegistered?: ((device: Device) => void) | undefined;
  onVerified?: (() => void) | undefined;
  /** `verify`: the check to run. Defaults to `useMfa().verifyPasskey`. */
  onVerify?: (() => Promise<unknown>) | undefined;
  /** An error to show instead of the flow's own (`null`: none). Defaults to the flow's own. */
  error?: MfaError | null | undefined;
  /** The passkey's name, when controlled. */
  name?: string | undefined;
  defaultName?: string | undefined;
  onNameChange?: ((name: string) => void) | undefined;
  disabled?: boolean | undefined;
}

export interface UsePasskeyPromptFlowResult {
  mode: PasskeyPromptMode;
  disabled: boolean;
  state: PasskeyPromptState;
  /** The error to show: none once a lock it imposed has ended. */
  error: MfaError | null;
  lockout: Lockout;
  name: string;
  setName(name: string): void;
  /** Opens the browser's prompt, unless one is open, a lock lasts or the prompt is disabled. */
  start(): void;
  /** `register`: the passkey the server accepted. */
  device: Device | null;
}

/** What the ceremony has done so far. */
interface Flow {
  /** The browser's prompt is open, or the server is checking its answer. */
  pending: boolean;
  /** The last attempt's failure. */
  error: MfaError | null;
  /** Accepted: `true` in `verify` mode, the new passkey in `register` mode. */
  done: Device | boolean;
  /** The name typed, when not controlled. */
  name: string;
}

/** Every change of the flow, by name. */
type Action =
  | { type: 'start' }
  | { type: 'done'; done: Device | true }
  /** `error: null` when the user closed a step-up the ceremony needed: their choice, not a failure. */
  | { type: 'fail'; error: MfaError | null }
  | { type: 'name'; name: string };

function reducer(flow: Flow, action: Action): Flow {
  switch (action.type) {
    case 'start':
      return { ...flow, pending: true, error: null };
    case 'done':
      return { ...flow, pending: false, done: action.done };
    case 'fail':
      return { ...flow, pending: false, error: action.error };
    default:
      return { ...flow, name: action.name };
  }
}

const asMfaError = (error: unknown): MfaError =>
  isMfaError(error) ? error : new MfaError('internal_error', 'the passkey check failed', { cause: error });

/**
 * A passkey ceremony, for PasskeyPrompt.Root: runs `registerPasskey` or the verify check, keeps its
 * progress and failure (its own, or the one passed in), the lock that failure imposes, and the name.
 */
export function usePasskeyPromptFlow({
  mode,
  onRegistered,
  onVerified,
  onVerify,
  error: controlledError,
  name: controlledName,
  defaultName = '',
  onNameChange,
  disabled = false,
}: UsePasskeyPromptFlowOptions): UsePasskeyPromptFlowResult {
  const { registerPasskey, verifyPasskey } = useMfa();
  const supported = useWebAuthnSupported();
  // The WebAuthn library loads on demand: fetched once a passkey option is on screen, not at the click.
  useEffect(() => {
    if (supported) preloadWebAuthn();
  }, [supported]);
  const [flow, dispatch] = useReducer(reducer, {
    pending: false,
    error: null,
    done: false,
    name: defaultName,
  });
  const error = controlledError === undefined ? flow.error : controlledError;
  const lockout = useLockout(error);
  // A lock it imposed is over: the error goes with it.
  const shown = lockout.ended ? null : error;
  const name = controlledName ?? flow.name;

  return {
    mode,
    disabled,
    state: !supported
      ? 'unsupported'
      : flow.pending
        ? 'pending'
        : flow.done
          ? 'success'
          : lockout.locked
            ? 'locked'
            : shown
              ? 'error'
              : 'idle',
    error: shown,
    lockout,
    name,
    setName(next) {
      if (controlledName === undefined) dispatch({ type: 'name', name: next });
      onNameChange?.(next);
    },
    start() {
      if (flow.pending || lockout.locked || disabled) return;
      dispatch({ type: 'start' });
      (mode === 'register'
        ? registerPasskey(name.trim() || undefined).then((added) => {
            dispatch({ type: 'done', done: added });
            onRegistered?.(added);
          })
        : (onVerify ?? verifyPasskey)().then(() => {
            dispatch({ type: 'done', done: true });
            onVerified?.();
          })
      ).catch((cause: unknown) => {
        const failure = asMfaError(cause);
        dispatch({ type: 'fail', error: failure.code === 'stepup_cancelled' ? null : failure });
      });
    },
    device: typeof flow.done === 'object' ? flow.done : null,
  };
}
