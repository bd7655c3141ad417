/**
 * Acme Wallet: the providers (React Query, MfaProvider on the app's token store, the @mfa-kit/ui strings
 * of the chosen language), the one StepUpDialog, the frame and the routes.
 */
import { MfaProvider } from '@mfa-kit/react';
import { MfaUiProvider, StepUpDialog } from '@mfa-kit/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { retryTransient } from './api.js';
import { RequireSession } from './components/guard.js';
import { Layout } from './components/layout.js';
import { DEV_UI_MESSAGES, UI_MESSAGES } from './i18n.js';
import { mfaClient } from './mfa-client.js';
import { EnrollPage } from './pages/enroll.js';
import { InboxPage } from './pages/inbox.js';
import { NotFoundPage } from './pages/not-found.js';
import { PolicyPage } from './pages/policy.js';
import { SecurityPage } from './pages/security.js';
import { SignInPage } from './pages/sign-in.js';
import { SignUpPage } from './pages/sign-up.js';
import { VerifyPage } from './pages/verify.js';
import { WalletPage } from './pages/wallet.js';
import { useLanguage } from './preferences.js';
import { useDevTools } from './queries.js';
import { Redirect, usePath } from './router.js';
import { session, useSession } from './session.js';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: retryTransient } } });

function Routes() {
  const path = usePath();
  const token = useSession();
  switch (path) {
    case '/':
      return <Redirect to={token ? '/wallet' : '/sign-in'} />;
    case '/sign-in':
      return <SignInPage />;
    case '/sign-up':
      return <SignUpPage />;
    case '/verify':
      return <VerifyPage />;
    case '/enroll':
      return <EnrollPage />;
    case '/wallet':
      return (
        <RequireSession>
          <WalletPage />
        </RequireSession>
      );
    case '/security':
      return (
        <RequireSession>
          <SecurityPage />
        </RequireSession>
      );
    case '/policy':
      return (
        <RequireSession>
          <PolicyPage />
        </RequireSession>
      );
    case '/dev/inbox':
      return (
        <RequireSession>
          <InboxPage />
        </RequireSession>
      );
    default:
      return <NotFoundPage />;
  }
}

/** The kit's strings in the page's language; outside production, with where the demo's codes go. */
function UiStrings({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const devTools = useDevTools();
  return (
    <MfaUiProvider messages={(devTools ? DEV_UI_MESSAGES : UI_MESSAGES)[language]}>{children}</MfaUiProvider>
  );
}

export function App() {
  const token = useSession();
  return (
    <QueryClientProvider client={queryClient}>
      <MfaProvider client={mfaClient} accessToken={token} onAccessToken={session.set}>
        <UiStrings>
          <Layout>
            <Routes />
          </Layout>
          <StepUpDialog />
        </UiStrings>
      </MfaProvider>
    </QueryClientProvider>
  );
}
