'use client';
/**
 * MfaChallenge: the second step of a sign-in, for a pending session (`useMfa().status === 'required'`).
 * Shows the most recently added method first, switches to the others ("use another method"), blocks
 * input during a lockout with a live countdown, and announces success.
 */
import type { MfaError, VerificationMethod } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useMessages } from './config.js';
import type { Messages, PartialMessages } from './i18n/index.js';
// The verify parts by name, not the PasskeyPrompt object: its registration parts stay out of the bundle.
import {
  PasskeyPromptAction,
  PasskeyPromptDescription,
  PasskeyPromptStatus,
  PasskeyPromptUnsupported,
} from './passkey-prompt/parts.js';
import { PasskeyPromptRoot } from './passkey-prompt/root.js';
import { Alert } from './primitives/alert.js';
import { Button } from './primitives/button.js';
import { createContext } from './primitives/create-context.js';
import { cx } from './primitives/cx.js';
import { errorText } from './primitives/error-text.js';
import { CheckIcon } from './primitives/icons.js';
import {
  MethodSwitch,
  useVerification,
  type Verification,
  VerificationCodePanel,
} from './primitives/verification.js';

/** What the challenge shows: `challenge` while a factor is to be proven. */
type View = 'loading' | 'challenge' | 'success' | 'error';

/** `data-state` of MfaChallenge.Root. */
export type MfaChallengeState = 'loading' | 'idle' | 'pending' | 'error' | 'locked' | 'success';

interface MfaChallengeContextValue {
  view: View;
  verification: Verification;
  /** Why the status could not be loaded (view `error`). */
  loadError: MfaError | null;
  messages: Messages;
  override: PartialMessages | undefined;
  digits: number;
  autoFocus: boolean;
  /** The title's id; the description's is this and `-description`. */
  titleId: string;
}

const [MfaChallengeProvider, useMfaChallenge] =
  /* @__PURE__ */ createContext<MfaChallengeContextValue>('MfaChallenge');

export interface MfaChallengeRootProps extends ComponentPropsWithoutRef<'section'> {
  /** Called once the sign-in is complete (the upgraded token has gone to `onAccessToken`). */
  onSuccess?: ((method: VerificationMethod) => void) | undefined;
  /** Focus the first field when the challenge appears (a page that is only this challenge). */
  autoFocus?: boolean | undefined;
  messages?: PartialMessages | undefined;
  children?: ReactNode;
}

/**
 * Reads `useMfa()` and renders a `section` labelled by the title, with `data-state` (`loading`, `idle`,
 * `pending`, `error`, `locked`, `success`) and `data-method`. Renders nothing when no sign-in is pending
 * (signed out, no factor, enrolment required) and it has not just completed one.
 */
export const MfaChallengeRoot = forwardRef<HTMLElement, MfaChallengeRootProps>(function MfaChallengeRoot(
  { onSuccess, autoFocus = false, messages: override, className, children, ...rest },
  ref,
) {
  const mfa = useMfa();
  const messages = useMessages(override);
  // Completing the sign-in changes the session, and with it the status query (briefly without data):
  // keep offering the methods the challenge started with until the answer is in.
  const [known, setKnown] = useState(mfa.methods);
  if (mfa.methods.length > 0 && mfa.methods !== known) setKnown(mfa.methods);

  // Each pending session gets a fresh challenge: one that appears after a completed one starts over.
  const [round, setRound] = useState(0);
  const verification = useVerification({
    resetKey: `sign-in-${round}`,
    methods: known,
    error: mfa.error,
    isPending: mfa.isPending,
    submitCode: (method, code) => (method === 'totp' ? mfa.verifyTotp(code) : mfa.verifyRecoveryCode(code)),
    submitPasskey: mfa.verifyPasskey,
    onSuccess,
  });

  if (verification.succeeded && mfa.status === 'required' && !mfa.isPending) setRound(round + 1);

  const view: View | null =
    verification.succeeded || (mfa.status === 'satisfied' && !mfa.isPending)
      ? 'success'
      : mfa.status === 'required' || mfa.isPending
        ? 'challenge'
        : mfa.status === 'loading'
          ? 'loading'
          : mfa.status === 'error'
            ? 'error'
            : null;
  const titleId = useId();
  if (view === null) return null;

  const state: MfaChallengeState =
    view === 'challenge' ? verification.state : view === 'error' ? 'error' : view;
  return (
    <MfaChallengeProvider
      view={view}
      verification={verification}
      loadError={view === 'error' ? mfa.error : null}
      messages={messages}
      override={override}
      digits={mfa.totpDigits}
      autoFocus={autoFocus}
      titleId={titleId}
    >
      <section
        ref={ref}
        aria-labelledby={titleId}
        className={cx('mfa-root mfa-challenge', className)}
        data-state={state}
        data-method={view === 'challenge' ? verification.method : undefined}
        {...rest}
      >
        {children}
      </section>
    </MfaChallengeProvider>
  );
});

export type MfaChallengeTitleProps = ComponentPropsWithoutRef<'h2'>;

/** "Two-step verification"; names the section. */
export const MfaChallengeTitle = forwardRef<HTMLHeadingElement, MfaChallengeTitleProps>(
  function MfaChallengeTitle({ className, children, ...rest }, ref) {
    const { messages, titleId } = useMfaChallenge('Title');
    return (
      <h2 ref={ref} id={titleId} className={cx('mfa-title', className)} {...rest}>
        {children ?? messages.challenge.title}
      </h2>
    );
  },
);

export type MfaChallengeDescriptionProps = ComponentPropsWithoutRef<'p'>;

/** Why the screen asks; shown while the challenge is open. */
export const MfaChallengeDescription = forwardRef<HTMLParagraphElement, MfaChallengeDescriptionProps>(
  function MfaChallengeDescription({ className, children, ...rest }, ref) {
    const { messages, titleId, view } = useMfaChallenge('Description');
    if (view !== 'challenge') return null;
    return (
      <p ref={ref} id={`${titleId}-description`} className={cx('mfa-description', className)} {...rest}>
        {children ?? messages.challenge.description}
      </p>
    );
  },
);

export type MfaChallengeCodeProps = Omit<ComponentPropsWithoutRef<'form'>, 'children' | 'method'>;

const CodePanel = forwardRef<HTMLFormElement, MfaChallengeCodeProps & { method: 'totp' | 'recovery_code' }>(
  function CodePanel({ method, ...rest }, ref) {
    const { view, verification, digits, messages, override, autoFocus } = useMfaChallenge(
      method === 'totp' ? 'Totp' : 'RecoveryCode',
    );
    if (view !== 'challenge') return null;
    return (
      <VerificationCodePanel
        ref={ref}
        verification={verification}
        method={method}
        digits={digits}
        messages={messages}
        override={override}
        autoFocus={autoFocus}
        {...rest}
      >
        <Button
          type="submit"
          className="mfa-verify-submit"
          loading={verification.isPending}
          aria-disabled={verification.lockout.locked || verification.isPending || undefined}
        >
          {messages.challenge.submit}
        </Button>
      </VerificationCodePanel>
    );
  },
);

/** The authenticator-app code, sent when complete (or with Verify). Only while that method is shown. */
export const MfaChallengeTotp = forwardRef<HTMLFormElement, MfaChallengeCodeProps>(
  function MfaChallengeTotp(props, ref) {
    return <CodePanel ref={ref} method="totp" {...props} />;
  },
);

/** A recovery code (spends it). Only while that method is shown. */
export const MfaChallengeRecoveryCode = forwardRef<HTMLFormElement, MfaChallengeCodeProps>(
  function MfaChallengeRecoveryCode(props, ref) {
    return <CodePanel ref={ref} method="recovery_code" {...props} />;
  },
);

export type MfaChallengePasskeyProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>;

/** A passkey (PasskeyPrompt in verify mode). Only while that method is shown. */
export const MfaChallengePasskey = forwardRef<HTMLDivElement, MfaChallengePasskeyProps>(
  function MfaChallengePasskey({ className, ...rest }, ref) {
    const { view, verification, override, autoFocus } = useMfaChallenge('Passkey');
    if (view !== 'challenge' || verification.method !== 'passkey') return null;
    return (
      <PasskeyPromptRoot
        ref={ref}
        mode="verify"
        onVerify={verification.submitPasskey}
        error={verification.errorFor('passkey')}
        messages={override}
        className={cx('mfa-verify-panel', className)}
        data-method="passkey"
        {...rest}
      >
        <PasskeyPromptDescription />
        <PasskeyPromptUnsupported />
        <PasskeyPromptAction autoFocus={autoFocus || verification.switched} />
        <PasskeyPromptStatus />
      </PasskeyPromptRoot>
    );
  },
);

export type MfaChallengeMethodSwitchProps = ComponentPropsWithoutRef<'fieldset'>;

/** "Use another method": a button for each of the user's other methods. */
export const MfaChallengeMethodSwitch = forwardRef<HTMLFieldSetElement, MfaChallengeMethodSwitchProps>(
  function MfaChallengeMethodSwitch(props, ref) {
    const { view, verification, messages } = useMfaChallenge('MethodSwitch');
    if (view !== 'challenge') return null;
    return (
      <MethodSwitch
        ref={ref}
        verification={verification}
        label={messages.challenge.anotherMethod}
        names={messages.challenge.switchTo}
        {...props}
      />
    );
  },
);

export type MfaChallengeStatusProps = ComponentPropsWithoutRef<'div'>;

/**
 * Live regions: loading, the end of a lockout and success are announced politely, a status that could
 * not be loaded assertively. On success, focus moves here from the field that went away.
 */
export const MfaChallengeStatus = forwardRef<HTMLDivElement, MfaChallengeStatusProps>(
  function MfaChallengeStatus({ className, ...rest }, ref) {
    const { view, verification, loadError, messages } = useMfaChallenge('Status');
    const success = useRef<HTMLDivElement>(null);
    const succeeded = view === 'success';
    useEffect(() => {
      if (!succeeded) return;
      const active = document.activeElement;
      // The control that had focus is gone; put focus on the news rather than leave it on the page.
      if (active === null || active === document.body) success.current?.focus();
    }, [succeeded]);
    const polite =
      view === 'loading'
        ? messages.common.loading
        : succeeded
          ? messages.challenge.success
          : verification.lockout.ended
            ? messages.challenge.unlocked
            : null;
    return (
      <div ref={ref} className={cx('mfa-challenge-status', className)} {...rest}>
        {/* Alert's markup, with a ref and tabIndex so focus can be put on the success message. */}
        <div
          ref={success}
          role="status"
          tabIndex={-1}
          className="mfa-alert"
          data-tone={succeeded ? 'success' : 'info'}
          data-empty={polite ? undefined : ''}
        >
          {succeeded ? <CheckIcon /> : null}
          {polite}
        </div>
        {loadError ? <Alert tone="error">{errorText(messages, loadError)}</Alert> : null}
      </div>
    );
  },
);

export interface MfaChallengeProps extends Omit<MfaChallengeRootProps, 'children'> {}

/**
 * The ready composition: title, description, the method shown, status, and the switch to other methods.
 *
 * @example
 * if (status === 'required') return <MfaChallenge onSuccess={() => router.replace('/wallet')} />;
 */
const MfaChallengeComposed = forwardRef<HTMLElement, MfaChallengeProps>(function MfaChallenge(props, ref) {
  return (
    <MfaChallengeRoot ref={ref} {...props}>
      <MfaChallengeTitle />
      <MfaChallengeDescription />
      <MfaChallengeTotp />
      <MfaChallengePasskey />
      <MfaChallengeRecoveryCode />
      <MfaChallengeStatus />
      <MfaChallengeMethodSwitch />
    </MfaChallengeRoot>
  );
});

/**
 * The ready composition, with its parts as `MfaChallenge.Root`, `.Title`, `.Description`, `.Totp`,
 * `.Passkey`, `.RecoveryCode`, `.Status`, `.MethodSwitch`.
 */
export const MfaChallenge = Object.assign(MfaChallengeComposed, {
  Root: MfaChallengeRoot,
  Title: MfaChallengeTitle,
  Description: MfaChallengeDescription,
  Totp: MfaChallengeTotp,
  Passkey: MfaChallengePasskey,
  RecoveryCode: MfaChallengeRecoveryCode,
  Status: MfaChallengeStatus,
  MethodSwitch: MfaChallengeMethodSwitch,
});
