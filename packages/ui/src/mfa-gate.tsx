'use client';
/**
 * MfaGate: renders its children once MFA is satisfied (or not needed), the challenge while a sign-in is
 * pending, and enrolment while the policy requires a first factor. It keeps the enrolment on screen
 * until the recovery codes it produced are saved, although the session is complete by then.
 */
import { type MfaStatus, useMfa } from '@mfa-kit/react';
import { Tabs } from 'radix-ui';
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useState } from 'react';
import { useMessages } from './config.js';
import type { PartialMessages } from './i18n/index.js';
import { MfaChallenge } from './mfa-challenge.js';
import { PasskeyPrompt } from './passkey-prompt.js';
import { Alert } from './primitives/alert.js';
import { cx } from './primitives/cx.js';
import { errorText } from './primitives/error-text.js';
import { Spinner } from './primitives/spinner.js';
import { RecoveryCodes } from './recovery-codes.js';
import { TotpSetup } from './totp-setup.js';

export interface MfaGateProps {
  /** What MFA protects: shown when the status is `satisfied` or `not-required`. */
  children?: ReactNode;
  /** While the status loads. Default: a busy message. */
  loading?: ReactNode;
  /** When nobody is signed in (`accessToken={null}` on the provider). Default: nothing. */
  signedOut?: ReactNode;
  /** While a pending sign-in waits for its second factor. Default: `<MfaChallenge />`. */
  challenge?: ReactNode;
  /** While the policy requires a first factor. Default: `<MfaGateEnrollment />`. */
  enrollment?: ReactNode;
  /** When the status cannot be loaded. Default: the localized error. */
  error?: ReactNode;
  messages?: PartialMessages | undefined;
  className?: string | undefined;
}

/** What the gate shows for a status; exported for apps that route instead of rendering in place. */
export type MfaGateView = 'loading' | 'signed-out' | 'error' | 'challenge' | 'enrollment' | 'children';

export function gateView(status: MfaStatus, enrolling: boolean): MfaGateView {
  if (enrolling) return 'enrollment';
  switch (status) {
    case 'loading':
      return 'loading';
    case 'signed-out':
      return 'signed-out';
    case 'error':
      return 'error';
    case 'required':
      return 'challenge';
    case 'enrollment-required':
      return 'enrollment';
    default:
      return 'children';
  }
}

function MfaGateComponent({
  children,
  loading,
  signedOut = null,
  challenge,
  enrollment,
  error,
  messages: override,
  className,
}: MfaGateProps) {
  const messages = useMessages(override);
  const mfa = useMfa();
  // Enrolment that completed a sign-in produced recovery codes: stay until the user has saved them.
  const [enrolled, setEnrolled] = useState(false);
  if (mfa.status === 'enrollment-required' && !enrolled) setEnrolled(true);
  if (enrolled && mfa.recoveryCodes.codes === null && mfa.status !== 'enrollment-required')
    setEnrolled(false);
  const view = gateView(mfa.status, enrolled && mfa.recoveryCodes.codes !== null);

  switch (view) {
    case 'loading':
      return (
        loading ?? (
          <div className={cx('mfa-root mfa-gate', className)} data-state="loading" aria-busy="true">
            <p role="status" className="mfa-row">
              <Spinner />
              {messages.gate.loading}
            </p>
          </div>
        )
      );
    case 'signed-out':
      return signedOut;
    case 'error':
      return (
        error ?? (
          <div className={cx('mfa-root mfa-gate', className)} data-state="error">
            <h2 className="mfa-title">{messages.gate.errorTitle}</h2>
            <Alert tone="error">
              {errorText(messages, mfa.error) ?? messages.errors.codes.internal_error}
            </Alert>
          </div>
        )
      );
    case 'challenge':
      return challenge ?? <MfaChallenge messages={override} className={className} />;
    case 'enrollment':
      return enrollment ?? <MfaGateEnrollment messages={override} className={className} />;
    default:
      return children;
  }
}

export interface MfaGateEnrollmentProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  messages?: PartialMessages | undefined;
}

/**
 * The first-factor enrolment the gate shows: an authenticator app, or a passkey when the policy allows
 * it (tabs), then the recovery codes to save.
 */
export const MfaGateEnrollment = forwardRef<HTMLElement, MfaGateEnrollmentProps>(function MfaGateEnrollment(
  { messages: override, className, ...rest },
  ref,
) {
  const messages = useMessages(override);
  const { enrollableMethods, recoveryCodes } = useMfa();
  const [method, setMethod] = useState<'totp' | 'passkey'>(
    enrollableMethods[0] === 'passkey' ? 'passkey' : 'totp',
  );
  const [passkeyDone, setPasskeyDone] = useState(false);
  const both = enrollableMethods.includes('totp') && enrollableMethods.includes('passkey');
  const titleId = `${rest.id ?? 'mfa-gate'}-title`;

  const body =
    method === 'passkey' && passkeyDone && recoveryCodes.codes !== null ? (
      <RecoveryCodes {...(override ? { messages: override } : {})} />
    ) : method === 'passkey' ? (
      <PasskeyPrompt mode="register" messages={override} onRegistered={() => setPasskeyDone(true)} />
    ) : (
      <TotpSetup autoStart {...(override ? { messages: override } : {})} />
    );

  return (
    <section
      ref={ref}
      aria-labelledby={titleId}
      className={cx('mfa-root mfa-gate', className)}
      data-state="enrollment"
      {...rest}
    >
      <h2 id={titleId} className="mfa-title">
        {messages.gate.enrollTitle}
      </h2>
      <p className="mfa-description">{messages.gate.enrollDescription}</p>
      {both && !passkeyDone ? (
        <Tabs.Root
          value={method}
          onValueChange={(value) => setMethod(value === 'passkey' ? 'passkey' : 'totp')}
          dir={messages.dir}
        >
          <Tabs.List className="mfa-gate-tabs" aria-label={messages.gate.chooseMethod}>
            <Tabs.Trigger className="mfa-gate-tab" value="totp">
              {messages.gate.useTotp}
            </Tabs.Trigger>
            <Tabs.Trigger className="mfa-gate-tab" value="passkey">
              {messages.gate.usePasskey}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value={method} className="mfa-gate-panel">
            {body}
          </Tabs.Content>
        </Tabs.Root>
      ) : (
        body
      )}
    </section>
  );
});

/**
 * Shows the children only when MFA allows it; its default enrolment is also `MfaGate.Enrollment`.
 *
 * @example
 * <MfaGate signedOut={<SignIn />}>
 *   <Wallet />
 * </MfaGate>
 */
export const MfaGate = Object.assign(MfaGateComponent, { Enrollment: MfaGateEnrollment });
