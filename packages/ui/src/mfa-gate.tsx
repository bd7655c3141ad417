'use client';
/**
 * MfaGate: renders its children once MFA is satisfied (or not needed), the challenge while a sign-in is
 * pending, and enrolment while the policy requires a first factor. It keeps the enrolment on screen
 * until the recovery codes it produced are saved, although the session is complete by then.
 */
import { type MfaStatus, useMfa } from '@mfa-kit/react';
import { lazy, type ReactElement, type ReactNode, Suspense, useState } from 'react';
import { useMessages } from './config.js';
import type { PartialMessages } from './i18n/index.js';
import { MfaChallenge } from './mfa-challenge.js';
import { Alert } from './primitives/alert.js';
import { cx } from './primitives/cx.js';
import { errorText } from './primitives/error-text.js';
import { Spinner } from './primitives/spinner.js';

/** Loaded only when a user must enrol (see mfa-gate-enrollment.tsx). */
const MfaGateEnrollment = lazy(() =>
  import('./mfa-gate-enrollment.js').then((module) => ({ default: module.MfaGateEnrollment })),
);

export interface MfaGateProps {
  /** What MFA protects: shown when the status is `satisfied` or `not-required`. */
  children?: ReactNode;
  /** While the status loads. Default: a busy message. */
  loading?: ReactNode;
  /** When nobody is signed in (`accessToken={null}` on the provider). Default: nothing. */
  signedOut?: ReactNode;
  /** While a pending sign-in waits for its second factor. Default: `<MfaChallenge />`. */
  challenge?: ReactNode;
  /** While the policy requires a first factor. Default: `<MfaGateEnrollment />`, loaded on demand. */
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
}: MfaGateProps): ReactElement {
  const messages = useMessages(override);
  const mfa = useMfa();
  // Enrolment that completed a sign-in produced recovery codes: stay until the user has saved them.
  const [enrolled, setEnrolled] = useState(false);
  if (mfa.status === 'enrollment-required' && !enrolled) setEnrolled(true);
  if (enrolled && mfa.recoveryCodes.codes === null && mfa.status !== 'enrollment-required')
    setEnrolled(false);
  const view = gateView(mfa.status, enrolled && mfa.recoveryCodes.codes !== null);

  const busy = loading ?? (
    <div className={cx('mfa-root mfa-gate', className)} data-state="loading" aria-busy="true">
      <p role="status" className="mfa-row">
        <Spinner />
        {messages.gate.loading}
      </p>
    </div>
  );
  // A ReactElement, not whatever the app passed: so its type is a JSX component for React 18's types too.
  switch (view) {
    case 'loading':
      return <>{busy}</>;
    case 'signed-out':
      return <>{signedOut}</>;
    case 'error':
      return (
        <>
          {error ?? (
            <div className={cx('mfa-root mfa-gate', className)} data-state="error">
              <h2 className="mfa-title">{messages.gate.errorTitle}</h2>
              <Alert tone="error">
                {errorText(messages, mfa.error) ?? messages.errors.codes.internal_error}
              </Alert>
            </div>
          )}
        </>
      );
    case 'challenge':
      return <>{challenge ?? <MfaChallenge messages={override} className={className} />}</>;
    case 'enrollment':
      return (
        <>
          {enrollment ?? (
            <Suspense fallback={busy}>
              <MfaGateEnrollment messages={override} className={className} />
            </Suspense>
          )}
        </>
      );
    default:
      return <>{children}</>;
  }
}

/**
 * Shows the children only when MFA allows it; its default enrolment (loaded on demand) is also
 * `MfaGate.Enrollment`.
 *
 * @example
 * <MfaGate signedOut={<SignIn />}>
 *   <Wallet />
 * </MfaGate>
 */
export const MfaGate = Object.assign(MfaGateComponent, { Enrollment: MfaGateEnrollment });
