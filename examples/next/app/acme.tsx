'use client';
import { createMfaClient, ELEVATED_TOKEN_HEADER, MfaError } from '@mfa-kit/client';
import { MfaProvider, useStepUp } from '@mfa-kit/react';
import { DeviceList, MfaGate, MfaUiProvider, StepUpDialog } from '@mfa-kit/ui';
import { de } from '@mfa-kit/ui/locales/de';
import { type FormEvent, useState } from 'react';

// The access token lives in memory: the client reads it before every request.
let accessToken: string | null = null;
const client = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: () => accessToken });

const scopes = {
  en: { 'account:export': 'export your account data' },
  de: { 'account:export': 'Ihre Kontodaten zu exportieren' },
};

export function Acme({ lang }: { lang: 'en' | 'de' }) {
  const [token, setToken] = useState<string | null>(null);
  accessToken = token;
  return (
    <MfaProvider client={client} accessToken={token} onAccessToken={setToken}>
      <MfaUiProvider messages={lang === 'de' ? de : undefined}>
        <MfaUiProvider messages={{ scopes: scopes[lang] }}>
          <main>
            <header>
              <h1>Acme</h1>
              {token && (
                <button className="app-button" type="button" onClick={() => setToken(null)}>
                  Sign out
                </button>
              )}
            </header>
            <MfaGate signedOut={<SignIn onSignedIn={setToken} />}>
              <p>You are signed in with two steps.</p>
              <ExportButton token={token} />
              <h2>Security</h2>
              <DeviceList />
            </MfaGate>
            <StepUpDialog />
          </main>
        </MfaUiProvider>
      </MfaUiProvider>
    </MfaProvider>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await fetch('/api/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    });
    const body = await response.json();
    if (response.ok) onSignedIn(body.accessToken);
    else setError(body.error);
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h2>Sign in</h2>
      <label>
        Email <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password{' '}
        <input name="password" type="password" autoComplete="current-password" minLength={8} required />
      </label>
      {error && <p role="alert">{error}</p>}
      <button className="app-button" type="submit">
        Sign in
      </button>
    </form>
  );
}

/** One sensitive action: the server guards it with requireElevated('account:export'). */
function ExportButton({ token }: { token: string | null }) {
  const { withElevation } = useStepUp({ scope: 'account:export' });
  const [result, setResult] = useState<string | null>(null);
  const exportData = () =>
    withElevation(async (elevatedToken) => {
      const headers = new Headers({ Authorization: `Bearer ${token}` });
      if (elevatedToken) headers.set(ELEVATED_TOKEN_HEADER, elevatedToken);
      const response = await fetch('/api/export', { method: 'POST', headers });
      const body = await response.json();
      // A missing, used or expired elevated token: withElevation asks again and retries once.
      if (body.error?.code === 'elevation_required')
        throw new MfaError('elevation_required', body.error.message);
      if (!response.ok) throw new Error(`export answered ${response.status}`);
      return body as { exportedAt: string };
    });
  return (
    <>
      <button
        className="app-button"
        type="button"
        onClick={() =>
          exportData().then(
            (body) => setResult(`Exported at ${body.exportedAt}`),
            () => {},
          )
        }
      >
        Export account data
      </button>
      {result && <p role="status">{result}</p>}
    </>
  );
}
