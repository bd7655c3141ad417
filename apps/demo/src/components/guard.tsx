/**
 * Routes a signed-in page by the MFA status (useMfa): a pending sign-in goes to its second step, a
 * required first factor to enrolment, and nobody signed in to the sign-in page. The server refuses
 * pending tokens on these routes anyway; this only takes the user where they can continue.
 */
import { useMfa } from '@mfa-kit/react';
import { gateView, useMessages } from '@mfa-kit/ui';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { errorText } from '../errors.js';
import { useT } from '../preferences.js';
import { Redirect } from '../router.js';
import { session, useSession } from '../session.js';
import { ErrorState, Loading } from './page.js';

/** Retries loading the MFA status (and with it everything the hooks show). */
export function useRetryMfa(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.refetchQueries({ queryKey: ['mfa'] });
}

/** An expired token makes the status fail with `unauthorized`: end the session, so the user signs in again. */
export function useEndExpiredSession(): void {
  const { status, error } = useMfa();
  const expired = status === 'error' && (error?.code === 'unauthorized' || error?.code === 'invalid_token');
  useEffect(() => {
    if (expired) session.end('expired');
  }, [expired]);
}

export function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const messages = useMessages();
  const token = useSession();
  const mfa = useMfa();
  const retry = useRetryMfa();
  useEndExpiredSession();
  if (!token) return <Redirect to="/sign-in" />;
  switch (gateView(mfa.status, false)) {
    case 'signed-out':
      return <Redirect to="/sign-in" />;
    case 'loading':
      return <Loading label={t.common.loading} />;
    case 'error':
      return (
        <ErrorState title={messages.gate.errorTitle} message={errorText(t, mfa.error)} onRetry={retry} />
      );
    case 'challenge':
      return <Redirect to="/verify" />;
    case 'enrollment':
      return <Redirect to="/enroll" />;
    default:
      return children;
  }
}
