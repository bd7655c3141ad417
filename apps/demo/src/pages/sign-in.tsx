/** Sign in with email and password; a pending session then goes on to its second step (/verify). */
import { api } from '../api.js';
import { CredentialsForm } from '../components/credentials-form.js';
import { Page } from '../components/page.js';
import { errorCode, errorText } from '../errors.js';
import { useT } from '../preferences.js';
import { Link, navigate, Redirect } from '../router.js';
import { session, useSession } from '../session.js';

export function SignInPage() {
  const t = useT();
  const token = useSession();
  if (token) return <Redirect to="/wallet" />;
  const reason = session.reason();
  return (
    <Page title={t.signIn.title} intro={t.signIn.intro} width="narrow">
      <div className="card">
        {reason ? (
          <p className="notice" role="status" data-tone={reason === 'expired' ? 'warning' : 'info'}>
            {reason === 'expired' ? t.errors.sessionEnded : t.signIn.signedOut}
          </p>
        ) : null}
        <CredentialsForm
          mode="sign-in"
          onSubmit={async (credentials) => {
            const { accessToken } = await api.signIn(credentials);
            session.set(accessToken);
            // The wallet's guard sends a pending session on to its second step.
            navigate('/wallet', { replace: true });
          }}
          describeError={(error) =>
            errorCode(error) === 'invalid_credentials' ? t.signIn.invalidCredentials : null
          }
          fallbackError={(error) => errorText(t, error)}
        />
        <p className="card-footer">
          {t.signIn.noAccount} <Link to="/sign-up">{t.signIn.signUpLink}</Link>
        </p>
      </div>
    </Page>
  );
}
