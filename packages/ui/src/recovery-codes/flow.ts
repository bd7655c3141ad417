import type { MfaError } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import {
  type RefObject,
  useCallback,
  useId,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Messages } from '../i18n/index.js';
import { focusAfterModal } from '../primitives/focus-after-modal.js';
import { useClipboard } from '../primitives/use-clipboard.js';
import type { RecoveryCodesState } from './root.js';

/** At this many codes left, or fewer, the summary warns. */
export const LOW_RECOVERY_CODES = 3;

const NO_CODES: readonly string[] = [];

/**
 * Fresh codes are shown by one RecoveryCodes at a time: the one mounted last, such as the dialog that
 * just added a first factor over the page's standing RecoveryCodes. Two lists of the same codes read as
 * two sets to save, and printing would print both. The others show the count meanwhile, and take the
 * codes over if that one goes away unsaved (a dialog closed early).
 */
const mounted: symbol[] = [];
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const lastMounted = () => mounted[mounted.length - 1];
function setMounted(id: symbol, on: boolean) {
  const index = mounted.indexOf(id);
  if (on && index < 0) mounted.push(id);
  if (!on && index >= 0) mounted.splice(index, 1);
  for (const listener of listeners) listener();
}

/** Where the user is with the codes. Starts empty: nothing ticked, nothing pending, nothing to say. */
interface Flow {
  /** The set of codes "I have saved these codes" was ticked for: a new set starts unticked. */
  savedFor?: readonly string[] | null | undefined;
  /** The server action under way. */
  pending?: 'acknowledge' | 'regenerate' | null | undefined;
  error?: MfaError | null | undefined;
  /** What the last action did, for the live region ("Downloaded recovery-codes.txt"). */
  notice?: string | null | undefined;
}

/** Every change of the flow, by name. */
export type RecoveryCodesAction =
  /** The checkbox, ticked for this set of codes (or unticked: null). */
  | { type: 'tick'; codes: readonly string[] | null }
  /** Copy, Download and Print say what they did (or clear what the last one said). */
  | { type: 'notice'; notice: string | null }
  /** Continue: the server is told the codes are saved. */
  | { type: 'acknowledge' }
  /** "Generate new codes", confirmed: the old codes stop working once the server has made new ones. */
  | { type: 'regenerate' }
  /** The server answered: with an error, or with what to announce. */
  | { type: 'done'; error?: MfaError; notice?: string };

function reducer(flow: Flow, action: RecoveryCodesAction): Flow {
  switch (action.type) {
    case 'tick':
      return { ...flow, savedFor: action.codes };
    case 'notice':
      return { ...flow, notice: action.notice };
    case 'acknowledge':
    case 'regenerate':
      // What was said about the old codes ("Downloaded …") no longer holds once new ones are made.
      return {
        ...flow,
        pending: action.type,
        error: null,
        notice: action.type === 'regenerate' ? null : flow.notice,
      };
    case 'done':
      return { ...flow, pending: null, error: action.error ?? null, notice: action.notice ?? flow.notice };
  }
}

export interface UseRecoveryCodesFlowOptions {
  messages: Messages;
  onAcknowledged: (() => void) | undefined;
}

/**
 * What RecoveryCodes.Root holds: which codes this instance shows, where the user is with them, and the
 * two server actions (acknowledge, regenerate) as named changes of one reducer.
 */
export function useRecoveryCodesFlow({ messages, onAcknowledged }: UseRecoveryCodesFlowOptions) {
  const mfa = useMfa();
  const { recoveryCodes, status, methods } = mfa;
  const [id] = useState(() => Symbol('RecoveryCodes'));
  // A layout effect: the instance that takes the codes over shows them before the browser paints.
  useLayoutEffect(() => {
    setMounted(id, true);
    return () => setMounted(id, false);
  }, [id]);
  const last = useSyncExternalStore(subscribe, lastMounted, () => undefined);
  // Another instance shows the fresh codes: this one counts them instead, as saved-to-be.
  const elsewhere = recoveryCodes.codes !== null && last !== undefined && last !== id;
  const fresh = elsewhere ? null : recoveryCodes.codes;
  const [flow, dispatch] = useReducer(reducer, {});
  const saved = fresh !== null && flow.savedFor === fresh;
  const { copied, copy } = useClipboard();
  const root = useRef<HTMLElement | null>(null);

  const hasFactor = methods.some((method) => method !== 'recovery_code');
  const state: RecoveryCodesState = fresh
    ? 'fresh'
    : status === 'loading'
      ? 'loading'
      : status === 'error'
        ? 'error'
        : !hasFactor
          ? 'none'
          : recoveryCodes.pendingAcknowledgement && !elsewhere
            ? 'unconfirmed'
            : 'summary';

  const { acknowledge: acknowledgeCodes, regenerate: regenerateCodes } = recoveryCodes;
  // No guard against a second press: Continue is disabled until the box is ticked, and Continue and
  // Generate (whose dialog confirms a regeneration) ignore clicks while they are loading.
  const acknowledge = useCallback(() => {
    dispatch({ type: 'acknowledge' });
    acknowledgeCodes()
      .then(() => {
        dispatch({ type: 'done', notice: messages.recoveryCodes.saved });
        focusTitle(root);
        onAcknowledged?.();
      })
      .catch((error: MfaError) => dispatch({ type: 'done', error }));
  }, [acknowledgeCodes, messages, onAcknowledged]);
  const regenerate = useCallback(() => {
    dispatch({ type: 'regenerate' });
    regenerateCodes()
      .then(() => {
        dispatch({ type: 'done' });
        focusTitle(root);
      })
      .catch((error: MfaError) => dispatch({ type: 'done', error }));
  }, [regenerateCodes]);

  return {
    state,
    codes: fresh ?? NO_CODES,
    remaining: recoveryCodes.remaining,
    low: state === 'summary' && recoveryCodes.remaining <= LOW_RECOVERY_CODES,
    saved,
    acknowledging: flow.pending === 'acknowledge',
    regenerating: flow.pending === 'regenerate',
    error: flow.error ?? (status === 'error' ? mfa.error : null),
    notice: flow.notice,
    copied,
    copy,
    base: useId(),
    root,
    dispatch,
    acknowledge,
    regenerate,
  };
}

/**
 * The element that held focus (Continue, Generate) is gone once an action is done (the hooks render the
 * new state before the action resolves): move focus to the title, so keyboard and screen-reader users
 * land on what replaced it.
 */
function focusTitle(root: RefObject<HTMLElement | null>) {
  focusAfterModal(() => root.current?.querySelector<HTMLElement>('[data-recovery-codes-title]'));
}
