import { type Eip1193Provider, MfaError, type ReauthMethod, type VerificationMethod } from '@mfa-kit/client';
import { type StepUpPrompt, useMfa, useStepUpPrompt } from '@mfa-kit/react';
import { type RefObject, useId, useLayoutEffect, useReducer, useRef } from 'react';
import { useMessages } from '../config.js';
import type { PartialMessages } from '../i18n/index.js';
import { type RadixDialogs, useRadixDialogs } from '../primitives/lazy-dialog.js';
import { useVerification } from '../primitives/verification.js';
import type { StepUpDialogContextValue } from './root.js';

export interface UseStepUpFlowOptions {
  onSuccess?: ((scope: string, method: VerificationMethod | ReauthMethod) => void) | undefined;
  onCancel?: ((scope: string) => void) | undefined;
  messages?: PartialMessages | undefined;
  wallet?: Eip1193Provider | null | undefined;
}

/** The parts' context (but Radix's Dialog, which may not have loaded), and what the Root renders. */
export interface UseStepUpFlowResult extends Omit<StepUpDialogContextValue, 'Dialog'> {
  open: boolean;
  /** Radix's dialogs, once loaded. */
  radix: RadixDialogs | null;
  /** Said politely once the dialog has closed on success. */
  announcement: string;
  /** Put on an element where the dialog is mounted: the portal takes the `data-theme` around it. */
  anchor: RefObject<HTMLDivElement | null>;
  /** The user closed the dialog: the waiting `ensure()` rejects. */
  cancel(): void;
  /** Focus goes back to where it was when the dialog opened. */
  returnFocus(): void;
}

/** What the dialog keeps apart from the verification itself. */
interface Flow {
  shown: StepUpPrompt | null;
  announcement: string;
  theme: string | undefined;
  /** The re-authentication method the user chose (`null`: a factor); undefined until they choose. */
  reauth: ReauthMethod | null | undefined;
  /** The last error a re-authentication screen met: the factors' screens do not show it as theirs. */
  reauthError: MfaError | null;
}

/** Every change of the flow, by name. */
type Action =
  /** A request arrived: it stays shown while the dialog closes after it. */
  | { type: 'show'; prompt: StepUpPrompt }
  /** The dialog opened inside `theme`; an old announcement goes. */
  | { type: 'open'; theme: string | undefined }
  /** Confirmed: say so. */
  | { type: 'done'; announcement: string }
  /** The user chose a re-authentication method, or the factors (`null`). */
  | { type: 'reauth'; method: ReauthMethod | null }
  /** A re-authentication screen failed with `error`. */
  | { type: 'reauthFailed'; error: MfaError };

function reducer(flow: Flow, action: Action): Flow {
  switch (action.type) {
    case 'show':
      // A request for another scope starts at its first method again.
      return {
        ...flow,
        shown: action.prompt,
        reauth: action.prompt.scope === flow.shown?.scope ? flow.reauth : undefined,
      };
    case 'open':
      return { ...flow, theme: action.theme, announcement: '' };
    case 'reauth':
      return { ...flow, reauth: action.method };
    case 'reauthFailed':
      return { ...flow, reauthError: action.error };
    default:
      return { ...flow, announcement: action.announcement };
  }
}

const gone = () =>
  Promise.reject(new MfaError('stepup_cancelled', 'this step-up request is no longer pending'));

/**
 * The step-up dialog's flow, for StepUpDialog.Root: registers the prompt (`useStepUpPrompt`), answers it
 * through `useVerification`, loads Radix's Dialog, and keeps what is shown while it closes, the theme
 * around it, where focus returns and what is announced after success.
 */
export function useStepUpFlow({
  onSuccess,
  onCancel,
  messages: override,
  wallet,
}: UseStepUpFlowOptions): UseStepUpFlowResult {
  const prompt = useStepUpPrompt();
  const messages = useMessages(override);
  const [flow, dispatch] = useReducer(reducer, {
    shown: prompt,
    announcement: '',
    theme: undefined,
    reauth: undefined,
    reauthError: null,
  });
  if (prompt !== null && prompt !== flow.shown) dispatch({ type: 'show', prompt });
  const open = prompt !== null;
  const shown = prompt ?? flow.shown;
  // A user with no factor starts with the first re-authentication method the policy offers.
  const reauth =
    (flow.reauth === undefined ? (shown?.methods.length ? null : shown?.reauthMethods[0]) : flow.reauth) ??
    null;

  const anchor = useRef<HTMLDivElement>(null);
  const focusBefore = useRef<Element | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    // Radix moves focus into the dialog in an effect of its own, later; remember where it was to return
    // it there (with no Dialog.Trigger, Radix has nowhere to return it).
    focusBefore.current = document.activeElement;
    dispatch({
      type: 'open',
      theme: anchor.current?.closest('[data-theme]')?.getAttribute('data-theme') ?? undefined,
    });
  }, [open]);

  const done = (method: VerificationMethod | ReauthMethod) => {
    dispatch({ type: 'done', announcement: messages.stepUp.success });
    if (prompt) onSuccess?.(prompt.scope, method);
  };

  const verification = useVerification({
    resetKey: prompt?.scope ?? null,
    // While a re-authentication method is shown, no factor is.
    methods: (reauth === null && shown?.methods) || [],
    // A code that could not be sent (a resend too soon) locks nothing of the factors.
    error: (prompt?.error !== flow.reauthError && prompt?.error) || null,
    isPending: prompt?.isPending ?? false,
    submitCode: (method, code) => {
      if (!prompt) return gone();
      return method === 'totp' ? prompt.submitTotp(code) : prompt.submitRecoveryCode(code);
    },
    submitPasskey: () => (prompt ? prompt.submitPasskey() : gone()),
    onSuccess: done,
  });

  const cancel = () => {
    if (!prompt) return;
    prompt.cancel();
    onCancel?.(prompt.scope);
  };
  return {
    prompt: shown,
    reauth,
    chooseReauth: (method) => dispatch({ type: 'reauth', method }),
    wallet: wallet === undefined ? ((globalThis as { ethereum?: Eip1193Provider }).ethereum ?? null) : wallet,
    succeed: done,
    reauthFailed: (error) => dispatch({ type: 'reauthFailed', error }),
    verification,
    messages,
    override,
    digits: useMfa().totpDigits,
    formId: useId(),
    theme: flow.theme,
    returnFocus() {
      const target = focusBefore.current;
      focusBefore.current = null;
      if (target instanceof HTMLElement && target.isConnected) target.focus();
    },
    open,
    // Should the dialog's code not arrive, the request is cancelled rather than left waiting unseen.
    radix: useRadixDialogs(open, cancel),
    announcement: flow.announcement,
    anchor,
    cancel,
  };
}
