/**
 * For the tests of the dialogs loaded on demand (Radix Dialog and AlertDialog): an app with a DeviceList,
 * an action that steps up, and the StepUpDialog, with the page's idle callbacks held back so that each
 * path (preloaded at idle, loaded at first open) is seen on its own. The module is fetched once per page,
 * so each path has a test file of its own.
 */
import { isMfaError } from '@mfa-kit/client';
import { MfaProvider, useStepUp } from '@mfa-kit/react';
import { useState, useSyncExternalStore } from 'react';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { DeviceList, StepUpDialog } from '../index.js';
import { type Backend, createBackend } from './backend.js';

/** Idle callbacks wait here until a test runs them. */
export let idle: IdleRequestCallback[] = [];
beforeAll(() => {
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => idle.push(callback));
  vi.stubGlobal('cancelIdleCallback', () => {});
});
afterAll(() => vi.unstubAllGlobals());

let current: { unmount(): Promise<void> } | null = null;
afterEach(async () => {
  await current?.unmount();
  current = null;
  idle = [];
});

/** Whether the page has fetched the module that holds Radix's dialogs (Vite serves it on its own). */
export const dialogsFetched = () =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes('radix-dialogs'));

function Export() {
  const { ensure } = useStepUp({ scope: 'wallet:export' });
  const [outcome, setOutcome] = useState('');
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          ensure().then(
            () => setOutcome('exported'),
            (error: unknown) => setOutcome(isMfaError(error) ? error.code : 'error'),
          )
        }
      >
        Export
      </button>
      <output>{outcome}</output>
    </p>
  );
}

function App({ backend }: { backend: Backend }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <DeviceList />
      <Export />
      <StepUpDialog />
    </MfaProvider>
  );
}

export async function setup() {
  const backend = await createBackend({ scenario: 'totp-and-passkey' });
  current = await render(<App backend={backend} />);
  await expect.element(page.getByRole('button', { name: 'Remove Pixel 9' })).toBeVisible();
  return backend;
}
