/** The second step of a pending sign-in: the drop-in MfaChallenge. */
import { useMfa } from '@mfa-kit/react';
import { MfaChallenge, useMessages } from '@mfa-kit/ui';
import { useEndExpiredSession, useRetryMfa } from '../components/guard.js';
import { useSignOut } from '../components/layout.js';
import { Page } from '../components/page.js';
import { useT } from '../preferences.js';
import { navigate, Redirect } from '../router.js';
import { useSession } from '../session.js';

export function VerifyPage() {
  const t = useT();
  const messages = useMessages();
  const token = useSession();
  const { status } = useMfa();
  const signOut = useSignOut();
  const retry = useRetryMfa();
  useEndExpiredSession();
  if (!token) return <Redirect to="/sign-in" />;
  if (status === 'enrollment-required') return <Redirect to="/enroll" />;
  if (status === 'satisfied' || status === 'not-required') return <Redirect to="/wallet" />;
  return (
    <Page title={t.verify.title} width="narrow" builtWith={{ kind: 'drop-in', names: 'MfaChallenge' }}>
      <div className="card">
        <MfaChallenge autoFocus onSuccess={() => navigate('/wallet', { replace: true })} />
        {status === 'error' ? (
          <button type="button" className="button" data-variant="secondary" onClick={retry}>
            {messages.common.retry}
          </button>
        ) : null}
        <p className="card-footer">
          <button type="button" className="link-button" onClick={signOut}>
            {t.verify.cancel}
          </button>
        </p>
      </div>
    </Page>
  );
}
