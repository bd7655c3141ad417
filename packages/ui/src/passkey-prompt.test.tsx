/**
 * Passkeys for real: Chromium's WebAuthn with a CDP virtual authenticator, the real hooks and the real
 * server in the page. Nothing of ours is mocked.
 */
import { MfaProvider } from '@mfa-kit/react';
import { type ReactNode, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { PasskeyPrompt, StepUpDialog } from './index.js';
import { type Backend, type BackendOptions, createBackend } from './test/backend.js';

let authenticators: string[] = [];
async function authenticator(options?: { isUserVerified?: boolean }) {
  const id = await commands.addVirtualAuthenticator(options);
  authenticators.push(id);
  return id;
}
afterEach(async () => {
  for (const id of authenticators) await commands.removeVirtualAuthenticator(id);
  authenticators = [];
});

/** The app around the component: the provider with the app's token, and the step-up dialog. */
function App({ backend, children }: { backend: Backend; children: ReactNode }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <div className="mfa-root">{children}</div>
      <StepUpDialog />
    </MfaProvider>
  );
}

async function app(options: BackendOptions, children: ReactNode) {
  const backend = await createBackend(options);
  await render(<App backend={backend}>{children}</App>);
  return backend;
}

describe('PasskeyPrompt in Chromium', () => {
  it('registers a passkey under the name typed, and the server lists it', async () => {
    await authenticator();
    const onRegistered = vi.fn();
    const backend = await app(
      { scenario: 'new-user' },
      <PasskeyPrompt mode="register" onRegistered={onRegistered} />,
    );
    await userEvent.fill(page.getByLabelText('Passkey name (optional)'), 'Chromium  ');
    await userEvent.click(page.getByRole('button', { name: 'Create a passkey' }));
    await expect.element(page.getByText('Chromium added.')).toBeVisible();
    expect(onRegistered).toHaveBeenCalledWith(expect.objectContaining({ type: 'passkey', name: 'Chromium' }));
    const status = await backend.client.getStatus();
    expect(status.devices).toMatchObject([{ type: 'passkey', name: 'Chromium' }]);
    // The name field and the button are gone: the same authenticator can't be added twice anyway.
    expect(page.getByRole('button', { name: 'Create a passkey' }).query()).toBeNull();
  });

  it('completes a pending sign-in with a passkey this browser holds', async () => {
    await authenticator();
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.client.registerPasskey({ name: 'Chromium' });
    await backend.client.acknowledgeRecoveryCodes();
    await backend.signIn();
    expect(await backend.client.getStatus()).toMatchObject({ requiresAdditionalAuth: true });

    const onVerified = vi.fn();
    await render(
      <App backend={backend}>
        <PasskeyPrompt mode="verify" onVerified={onVerified} />
      </App>,
    );
    await userEvent.click(page.getByRole('button', { name: 'Use your passkey' }));
    await expect.element(page.getByText('Passkey confirmed.')).toBeVisible();
    expect(onVerified).toHaveBeenCalledOnce();
    expect(await backend.client.getStatus()).toMatchObject({ requiresAdditionalAuth: false });
  });

  it('says the prompt was cancelled and lets the user try again', async () => {
    // An authenticator that can't verify the user, where the policy demands it: Chromium refuses at once
    // with NotAllowedError, as when the user closes the prompt.
    const refusing = await authenticator({ isUserVerified: false });
    await app(
      { scenario: 'new-user', policy: { userVerification: 'required' } },
      <PasskeyPrompt mode="register" />,
    );
    await userEvent.click(page.getByRole('button', { name: 'Create a passkey' }));
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent('The passkey request was cancelled or timed out.');
    await expect.element(page.getByRole('button', { name: 'Try again' })).toHaveFocus();

    await commands.removeVirtualAuthenticator(refusing);
    authenticators = authenticators.filter((id) => id !== refusing);
    await authenticator();
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.element(page.getByText('Passkey added.')).toBeVisible();
    expect(page.getByRole('alert').query()).toBeNull();
  });

  it('explains that this authenticator already holds a passkey for the account', async () => {
    await authenticator();
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.client.registerPasskey({ name: 'First' });
    await backend.client.acknowledgeRecoveryCodes();
    await render(
      <App backend={backend}>
        <PasskeyPrompt mode="register" />
      </App>,
    );

    // The user has a factor: adding one asks for step-up, answered with the same passkey.
    await userEvent.click(page.getByRole('button', { name: 'Create a passkey' }));
    const dialog = page.getByRole('dialog', { name: 'Confirm it’s you to change your sign-in methods' });
    await expect.element(dialog).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Use your passkey' }));
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('This device already has a passkey for your account');
    expect((await backend.client.getStatus()).devices).toHaveLength(1);
  });

  it('tells a browser without WebAuthn up front, with a way forward', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    Reflect.deleteProperty(window, 'PublicKeyCredential');
    try {
      const onUseAnotherMethod = vi.fn();
      await app(
        { scenario: 'new-user' },
        <PasskeyPrompt mode="register" onUseAnotherMethod={onUseAnotherMethod} />,
      );
      await expect.element(page.getByText(/This browser can’t create passkeys\./)).toBeVisible();
      expect(page.getByRole('button', { name: 'Create a passkey' }).query()).toBeNull();
      await userEvent.click(page.getByRole('button', { name: 'Use your authenticator app instead' }));
      expect(onUseAnotherMethod).toHaveBeenCalledOnce();
    } finally {
      if (original) Object.defineProperty(window, 'PublicKeyCredential', original);
    }
  });
});
