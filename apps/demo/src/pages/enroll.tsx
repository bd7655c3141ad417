/**
 * Enrolment of a first factor when the policy requires one: the drop-in MfaGate.Enrollment (an
 * authenticator app or a passkey, then the recovery codes). The session is complete as soon as the factor
 * is added, but the page stays until the codes are saved.
 *
 * The page's heading says what this is, so the gate's own title is left for screen readers (hideTitle),
 * and "Sign out" is offered only until a factor exists: then only saving the codes is left to do.
 */
import { useMfa } from '@mfa-kit/react';
import { MfaGate, useMessages } from '@mfa-kit/ui';
import { useEndExpiredSession, useRetryMfa } from '../components/guard.js';
import { useSignOut } from '../components/layout.js';
import { ErrorState, Loading, Page } from '../components/page.js';
import { errorText } from '../errors.js';
import { useT } from '../preferences.js';
import { Redirect } from '../router.js';
import { useSession } from '../session.js';

export function EnrollPage() {
  const t = useT();
  const messages = useMessages();
  const token = useSession();
  const { status, error, recoveryCodes } = useMfa();
  const signOut = useSignOut();
  const retry = useRetryMfa();
  useEndExpiredSession();
  if (!token) return <Redirect to="/sign-in" />;
  if (status === 'required') return <Redirect to="/verify" />;
  // The first factor exists: the session is complete, and only its recovery codes are left to save.
  const added = status === 'satisfied' || status === 'not-required';
  if (added && recoveryCodes.codes === null) return <Redirect to="/wallet" />;
  return (
    <Page
      title={t.enroll.title}
      width="medium"
      builtWith={{ kind: 'drop-in', names: 'MfaGate.Enrollment (TotpSetup, PasskeyPrompt, RecoveryCodes)' }}
    >
      <div className="card">
        {status === 'loading' ? (
          <Loading label={messages.gate.loading} />
        ) : status === 'error' ? (
          <ErrorState title={messages.gate.errorTitle} message={errorText(t, error)} onRetry={retry} />
        ) : (
          <MfaGate.Enrollment hideTitle />
        )}
        {added ? null : (
          <p className="card-footer">
            <button type="button" className="link-button" onClick={signOut}>
              {t.enroll.cancel}
            </button>
          </p>
        )}
      </div>
    </Page>
  );
}
