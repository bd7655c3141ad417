import { type Device, MfaError } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import { type RefObject, useCallback, useEffect, useReducer, useRef } from 'react';
import { focusAfterModal } from '../primitives/focus-after-modal.js';
import { lockOf, useLockout } from '../primitives/use-lockout.js';
import type { TotpSetupFailure, TotpSetupState } from './root.js';

/**
 * The enrolment can't be confirmed any more: too old, gone, or locked for good. A lock on an enrolment
 * counts only its own wrong codes (docs/protocol.md §6), so a new enrolment starts afresh: no support
 * needed.
 */
const isGone = (error: MfaError) =>
  error.code === 'expired' || error.code === 'not_found' || error.locked === 'permanent';

/** Where the setup is. What is not set yet is undefined: no request pending, no device, no failure. */
interface Flow {
  name: string;
  code: string;
  pending?: 'start' | 'verify' | null | undefined;
  device?: Device | undefined;
  failure?: TotpSetupFailure | null | undefined;
  /** Wrong codes in a row for this enrolment: after two, the phone's clock is the likely cause. */
  wrongCodes: number;
  /**
   * What gets focus after the next render (`scan`, `success`, `start` or the `code` field): what had it
   * (Start, the name field, the code field) is gone after these changes.
   */
  focus?: string | null | undefined;
}

/** Every change of the setup, by name. */
export type TotpSetupAction =
  | { type: 'name'; name: string }
  | { type: 'code'; code: string }
  /** Start pressed: a new enrolment, its counts afresh. */
  | { type: 'start' }
  | { type: 'started' }
  /** The code is sent. */
  | { type: 'verify' }
  | { type: 'verified'; device: Device }
  | { type: 'fail'; failure: TotpSetupFailure }
  /** A lock has run out: the code field takes input again (and focus, when nothing else has it). */
  | { type: 'unlock'; refocus: boolean }
  | { type: 'cancel' }
  | { type: 'focus'; focus: string | null };

function reducer(flow: Flow, action: TotpSetupAction): Flow {
  switch (action.type) {
    case 'name':
      return { ...flow, name: action.name };
    case 'code':
      return { ...flow, code: action.code };
    case 'start':
      return { ...flow, pending: 'start', failure: null, wrongCodes: 0, code: '' };
    case 'started':
      return { ...flow, pending: null, focus: 'scan' };
    case 'verify':
      return { ...flow, pending: 'verify', failure: null };
    case 'verified':
      return { ...flow, pending: null, device: action.device, focus: 'success' };
    case 'fail': {
      const { failure } = action;
      const { error } = failure;
      const wrong =
        failure.at === 'verify' && (error.code === 'invalid_code' || error.code === 'code_reused');
      return {
        ...flow,
        pending: null,
        failure,
        // A lock (also from the wrong code that started it) counts down through `useLockout`.
        focus: failure.at === 'verify' && isGone(error) ? 'start' : flow.focus,
        wrongCodes: flow.wrongCodes + (wrong ? 1 : 0),
        code: wrong ? '' : flow.code,
      };
    }
    case 'unlock':
      return {
        ...flow,
        failure: lockOf(flow.failure?.error) ? null : flow.failure,
        focus: action.refocus ? 'code' : flow.focus,
      };
    case 'cancel':
      return { ...flow, failure: null, code: '' };
    case 'focus':
      return { ...flow, focus: action.focus };
  }
}

export interface UseTotpSetupFlowOptions {
  defaultName: string;
  disabled: boolean;
  autoStart: boolean;
  onComplete: ((device: Device) => void) | undefined;
  onCancel: (() => void) | undefined;
  root: RefObject<HTMLElement | null>;
}

/**
 * What TotpSetup.Root holds: the enrolment (from useMfa), where the user is in it as one reducer with
 * named actions, and the three things the user does: start, verify, cancel.
 */
export function useTotpSetupFlow({
  defaultName,
  disabled,
  autoStart,
  onComplete,
  onCancel,
  root,
}: UseTotpSetupFlowOptions) {
  const mfa = useMfa();
  const {
    totpEnrollment: enrollment,
    startTotpEnrollment,
    confirmTotpEnrollment,
    cancelTotpEnrollment,
    totpDigits: digits,
  } = mfa;
  const codes = mfa.recoveryCodes.codes;
  const [flow, dispatch] = useReducer(reducer, { name: defaultName, code: '', wrongCodes: 0 });
  const { device, failure, pending, focus } = flow;
  // A lock on this enrolment's codes, from the refusal that started it or a rate_limited answer.
  const lockout = useLockout(failure?.at === 'verify' ? failure.error : null);

  const state: TotpSetupState = device
    ? codes
      ? 'saving-codes'
      : 'complete'
    : pending === 'verify'
      ? 'verifying'
      : enrollment
        ? 'scanning'
        : pending === 'start'
          ? 'starting'
          : failure?.at === 'verify' && isGone(failure.error)
            ? 'expired'
            : 'idle';

  useEffect(() => {
    if (!focus) return;
    const selector = focus === 'code' ? '.mfa-totp-setup-verify input' : `[data-totp-setup-focus="${focus}"]`;
    focusAfterModal(() => root.current?.querySelector<HTMLElement>(selector));
    dispatch({ type: 'focus', focus: null });
  }, [focus, root]);

  // The lock is over: let the user type again. The field was disabled, which dropped focus: give it
  // back, unless the user has moved on.
  useEffect(() => {
    if (lockout.ended)
      dispatch({
        type: 'unlock',
        refocus: document.activeElement === null || document.activeElement === document.body,
      });
  }, [lockout.ended]);

  const reported = useRef<Device | null>(null);
  useEffect(() => {
    if (!device || codes || reported.current === device) return;
    reported.current = device;
    onComplete?.(device);
  }, [device, codes, onComplete]);

  // Memoised for the auto-start effect below only. verify and cancel are plain functions: the context
  // changes on every render anyway (useLockout's object is new each time), so memoising them for it
  // would keep nothing stable.
  const start = useCallback(() => {
    if (pending === 'start' || disabled) return;
    dispatch({ type: 'start' });
    startTotpEnrollment(flow.name.trim() || undefined).then(
      () => dispatch({ type: 'started' }),
      (error: MfaError) => dispatch({ type: 'fail', failure: { at: 'start', error } }),
    );
  }, [pending, disabled, flow.name, startTotpEnrollment]);

  const verify = (value: string) => {
    if (pending === 'verify' || disabled || lockout.locked) return;
    if (value.length !== digits) {
      dispatch({
        type: 'fail',
        failure: { at: 'verify', error: new MfaError('invalid_input', 'the code is incomplete') },
      });
      return;
    }
    dispatch({ type: 'verify' });
    confirmTotpEnrollment(value).then(
      (device) => dispatch({ type: 'verified', device }),
      (error: MfaError) => {
        // The hooks forget an enrolment that expired; one locked for good is as dead.
        if (isGone(error) && error.locked) cancelTotpEnrollment();
        dispatch({ type: 'fail', failure: { at: 'verify', error } });
      },
    );
  };

  const cancel = () => {
    cancelTotpEnrollment();
    dispatch({ type: 'cancel' });
    onCancel?.();
  };

  // Started once per mount (React's strict mode runs effects twice; the ref keeps it to one).
  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || autoStarted.current || enrollment || disabled) return;
    autoStarted.current = true;
    start();
  }, [autoStart, enrollment, disabled, start]);

  return {
    state,
    enrollment,
    device,
    failure,
    wrongCodes: flow.wrongCodes,
    lockout,
    digits,
    name: flow.name,
    code: flow.code,
    dispatch,
    start,
    verify,
    cancel,
  };
}
