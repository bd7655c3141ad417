/** Create an account; the wallet starts with a welcome bonus. Under a required policy, enrolment follows. */
import { api } from '../api.js';
import { CredentialsForm } from '../components/credentials-form.js';
import { Page } from '../components/page.js';
import { errorCode, errorText } from '../errors.js';
import { useT } from '../preferences.js';
import { Link, navigate, Redirect } from '../router.js';
import { session, useSession } from '../session.js';

export function SignUpPage() {
  const t = useT();
  const token = useSession();
  if (token) return <Redirect to="/wallet" />;
  return (
    <Page title={t.signUp.title} intro={t.signUp.intro} width="narrow">
      <div className="card">
        <CredentialsForm
          mode="sign-up"
          onSubmit={async (credentials) => {
            const { accessToken } = await api.signUp(credentials);
            session.set(accessToken);
            navigate('/wallet', { replace: true });
          }}
          describeError={(error) =>
            errorCode(error) === 'conflict' ? (
              <>
                {t.signUp.conflict} <Link to="/sign-in">{t.signUp.signInLink}</Link>
              </>
            ) : null
          }
          fallbackError={(error) => errorText(t, error)}
        />
        <p className="card-footer">
          {t.signUp.haveAccount} <Link to="/sign-in">{t.signUp.signInLink}</Link>
        </p>
      </div>
    </Page>
  );
}
