/**
 * MfaChallenge in Chromium: a passkey through a CDP virtual authenticator, autofill, the end of a
 * lockout, and a fresh challenge for the next pending session. Real hooks, real server in the page.
 */
import { MfaProvider } from '@mfa-kit/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { MfaChallenge } from './index.js';
import { type Backend, type BackendOptions, createBackend } from './test/backend.js';

let authenticators: string[] = [];
afterEach(async () => {
  for (const id of authenticators) await commands.removeVirtualAuthenticator(id);
  authenticators = [];
});

function App({ backend, onSuccess }: { backend: Backend; onSuccess: (method: string) => void }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <MfaChallenge onSuccess={onSuccess} autoFocus />
    </MfaProvider>
  );
}

async function app(options: BackendOptions | Backend) {
  const backend = 'client' in options ? options : await createBackend(options);
  const onSuccess = vi.fn();
  await render(<App backend={backend} onSuccess={onSuccess} />);
  return { backend, onSuccess };
}

const field = () => page.getByLabelText('Verification code');

describe('MfaChallenge in Chromium', () => {
  it('offers the passkey added last first, and signs in with it', async () => {
    authenticators.push(await commands.addVirtualAuthenticator());
    const backend = await createBackend({ scenario: 'totp' });
    const { elevatedToken } = await backend.client.verifyTotp({
      code: backend.code(),
      requestedScopes: ['credential:link'],
    });
    await backend.client.registerPasskey({ name: 'Chromium', elevatedToken });
    await backend.signIn();
    const { onSuccess } = await app(backend);

    const button = page.getByRole('button', { name: 'Use your passkey' });
    await expect.element(button).toHaveFocus();
    await expect.element(page.getByRole('button', { name: 'Authenticator app' })).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('You’re signed in.')).toBeVisible();
    expect(onSuccess).toHaveBeenCalledWith('passkey');
    expect(await backend.client.getStatus()).toMatchObject({ requiresAdditionalAuth: false });
  });

  it('signs in with a code filled in by autofill or a password manager', async () => {
    const { backend, onSuccess } = await app({ scenario: 'totp-pending' });
    await expect.element(field()).toHaveFocus();
    const input = field().element() as HTMLInputElement;
    // What autofill does: set the value natively and fire input.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, backend.code());
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await expect.element(page.getByText('You’re signed in.')).toBeVisible();
    expect(onSuccess).toHaveBeenCalledWith('totp');
    // The field is gone; focus is on the news instead of lost on the page.
    await expect.element(page.getByRole('status').filter({ hasText: 'You’re signed in.' })).toHaveFocus();
  });

  it('blocks input during a lockout and takes a code again when it ends', async () => {
    const { backend } = await app({ scenario: 'totp-pending' });
    backend.fail({ kind: 'rate_limited', path: '/verify/totp', retryAfter: 2 });
    await expect.element(field()).toHaveFocus();
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByRole('alert')).toHaveTextContent('Too many attempts.');
    await expect.element(field()).toHaveAttribute('readonly');
    await userEvent.keyboard('123');
    expect((field().element() as HTMLInputElement).value).toBe('');
    await expect.element(page.getByText('You can try again now.')).toBeVisible();
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('You’re signed in.')).toBeVisible();
  });

  it('starts over for the next pending session', async () => {
    const { backend } = await app({ scenario: 'totp-pending' });
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('You’re signed in.')).toBeVisible();
    await backend.signIn();
    await expect.element(field()).toBeVisible();
    await expect.element(field()).toHaveValue('');
    expect(page.getByText('You’re signed in.').query()).toBeNull();
  });
});
