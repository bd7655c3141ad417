/**
 * The page check-csp.mjs serves under a strict Content-Security-Policy: the kit's components as an app
 * renders them (client-side, the stylesheet a file), with the real server in the page. `?view=devices`
 * (DeviceList, RecoveryCodes, StepUpDialog; a new user) or `?view=challenge` (MfaChallenge with every
 * method: a pending sign-in with an app and a passkey).
 */
import { MfaProvider } from '@mfa-kit/react';
import { type ReactNode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { DeviceList, MfaChallenge, RecoveryCodes, StepUpDialog } from '../src/index.js';
import { type Backend, createBackend } from '../src/test/backend.js';

declare global {
  interface Window {
    /** The scenario's backend, for the script to read the TOTP secret and codes from. */
    backend?: Backend;
  }
}

function App({ backend, children }: { backend: Backend; children: ReactNode }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      {children}
      <StepUpDialog />
    </MfaProvider>
  );
}

const view = new URLSearchParams(location.search).get('view') ?? 'devices';
const backend = await createBackend({
  scenario: view === 'challenge' ? 'totp-and-passkey-pending' : 'new-user',
});
window.backend = backend;
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <App backend={backend}>
    {view === 'challenge' ? (
      <MfaChallenge autoFocus />
    ) : (
      <>
        <DeviceList />
        <RecoveryCodes />
      </>
    )}
  </App>,
);
