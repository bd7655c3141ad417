/**
 * MfaGate in Chromium: the enrolment a required policy shows, with a passkey made by a CDP virtual
 * authenticator. Real hooks, real server in the page.
 */
import { MfaProvider } from '@mfa-kit/react';
import { type ReactNode, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { MfaGate } from './index.js';
import { type Backend, createBackend } from './test/backend.js';

let authenticators: string[] = [];
afterEach(async () => {
  for (const id of authenticators) await commands.removeVirtualAuthenticator(id);
  authenticators = [];
});

function App({ backend, enrollment }: { backend: Backend; enrollment?: ReactNode }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <MfaGate enrollment={enrollment}>
        <p>Your wallet</p>
      </MfaGate>
    </MfaProvider>
  );
}

const headings = () =>
  [...document.querySelectorAll('h1, h2, h3')]
    .filter((heading) => heading.getBoundingClientRect().height > 2)
    .map((heading) => heading.textContent);

describe('MfaGate in Chromium', () => {
  it('says a first passkey was added, then asks to save its recovery codes, then lets the user in', async () => {
    authenticators.push(await commands.addVirtualAuthenticator());
    const backend = await createBackend({ scenario: 'enrollment-required' });
    await render(<App backend={backend} />);
    await userEvent.click(page.getByRole('tab', { name: 'Passkey' }));
    await userEvent.click(page.getByRole('button', { name: 'Create a passkey' }));

    await expect.element(page.getByRole('status').filter({ hasText: 'Passkey added.' })).toBeVisible();
    await expect.element(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
    // Nothing left to create or cancel; focus went on from the button that is gone to the codes.
    expect(page.getByRole('button', { name: /Create a passkey|Cancel/ }).query()).toBeNull();
    await expect.element(page.getByRole('heading', { name: 'Save your recovery codes' })).toHaveFocus();

    await userEvent.click(page.getByLabelText('I have saved these codes'));
    await userEvent.click(page.getByRole('button', { name: 'Continue' }));
    await expect.element(page.getByText('Your wallet')).toBeVisible();
  });

  it('names the method once, by its tab, and leaves its title to screen readers under a page heading', async () => {
    const backend = await createBackend({ scenario: 'enrollment-required' });
    await render(<App backend={backend} enrollment={<MfaGate.Enrollment hideTitle />} />);
    await expect.element(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    expect(headings()).toEqual(['Scan the QR code', 'Enter the code from the app']);
    await expect.element(page.getByRole('region', { name: 'Set up two-step verification' })).toBeVisible();
    await expect.element(page.getByRole('tabpanel', { name: 'Authenticator app' })).toBeVisible();
    await userEvent.click(page.getByRole('tab', { name: 'Passkey' }));
    await expect.element(page.getByRole('button', { name: 'Create a passkey' })).toBeVisible();
    expect(headings()).toEqual([]);
  });
});
