/**
 * MfaChallenge in Chromium: a passkey through a CDP virtual authenticator, autofill, the end of a
 * lockout, and a fresh challenge for the next pending session. Real hooks, real server in the page.
 */
import { MfaProvider } from '@mfa-kit/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ar } from './i18n/ar.js';
import { MfaChallenge, MfaUiProvider } from './index.js';
import { type Backend, type BackendOptions, createBackend } from './test/backend.js';
import { expectNoFocusRing } from './test/focus.js';

let authenticators: string[] = [];
afterEach(async () => {
  for (const id of authenticators) await commands.removeVirtualAuthenticator(id);
  authenticators = [];
});

function App({
  backend,
  onSuccess,
  arabic = false,
}: {
  backend: Backend;
  onSuccess: (method: string) => void;
  arabic?: boolean;
}) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <MfaUiProvider {...(arabic ? { messages: ar } : {})}>
        <MfaChallenge onSuccess={onSuccess} autoFocus />
      </MfaUiProvider>
    </MfaProvider>
  );
}

async function app(options: BackendOptions | Backend, arabic = false) {
  const backend = 'client' in options ? options : await createBackend(options);
  const onSuccess = vi.fn();
  await render(<App backend={backend} onSuccess={onSuccess} arabic={arabic} />);
  return { backend, onSuccess };
}

const field = () => page.getByLabelText('Verification code');
const alert = () => page.getByRole('alert');

/** A code the authenticator app isn't showing (in the window the server accepts). */
function wrongCode(backend: Backend): string {
  const valid = new Set([-1, 0, 1].map((step) => backend.code(undefined, step)));
  return ['000000', '111111', '222222'].find((code) => !valid.has(code)) ?? '333333';
}

/** Types a wrong code and waits for its refusal to be shown (the field is emptied). */
async function typeWrongCode(backend: Backend, input = field()) {
  await userEvent.fill(input, wrongCode(backend));
  await expect.element(input).toHaveValue('');
}

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
    // The field went away: focus is on the news, for screen readers, without a ring around a message.
    const news = page.getByRole('status').filter({ hasText: 'You’re signed in.' });
    await expect.element(news).toHaveFocus();
    expectNoFocusRing(news.element());
  });

  it('says how many tries are left after a wrong code, then counts down at once when one locks', async () => {
    const { backend } = await app({
      scenario: 'totp-pending',
      rateLimit: { maxAttempts: 2, lockoutSeconds: 2 },
    });
    await typeWrongCode(backend);
    await expect
      .element(alert())
      .toHaveTextContent('That code isn’t right. Check it and try again. 1 attempt left.');
    await expect.element(field()).not.toHaveAttribute('aria-disabled');
    // The last try: the refusal itself starts the lock, so the countdown shows without another try.
    await typeWrongCode(backend);
    await expect.element(alert()).toHaveTextContent(/^Too many attempts\. Try again in 0:0[12]\./);
    await expect.element(field()).toHaveAttribute('aria-disabled', 'true');
    await expect.element(page.getByRole('region')).toHaveAttribute('data-state', 'locked');
    await expect.element(page.getByText('You can try again now.')).toBeVisible();
    await userEvent.fill(field(), backend.code());
    await expect.element(page.getByText('You’re signed in.')).toBeVisible();
  });

  it('counts the tries left in Arabic plural forms', async () => {
    const { backend } = await app({ scenario: 'totp-pending', rateLimit: { maxAttempts: 4 } }, true);
    const input = page.getByLabelText('رمز التحقق');
    await typeWrongCode(backend, input);
    await expect.element(alert()).toHaveTextContent(/تبقّت [3٣] محاولات\.$/);
    await typeWrongCode(backend, input);
    await expect.element(alert()).toHaveTextContent(/تبقّت محاولتان\.$/);
    await typeWrongCode(backend, input);
    await expect.element(alert()).toHaveTextContent(/تبقّت محاولة واحدة\.$/);
  });

  it('says to contact support when wrong codes lock the account for good: no countdown, field off', async () => {
    const { backend } = await app({ scenario: 'totp-pending', rateLimit: { maxConsecutiveFailures: 2 } });
    await typeWrongCode(backend);
    await expect.element(alert()).toHaveTextContent(/1 attempt left\.$/);
    await userEvent.fill(field(), wrongCode(backend));
    const permanent = 'Too many wrong attempts, so your account is locked. Contact support to unlock it.';
    await expect.element(alert()).toHaveTextContent(permanent);
    await expect.element(field()).toHaveAttribute('aria-disabled', 'true');
    await expect.element(field()).toHaveAttribute('readonly');
    await expect
      .element(page.getByRole('button', { name: 'Verify' }))
      .toHaveAttribute('aria-disabled', 'true');
    await expect.element(page.getByRole('region')).toHaveAttribute('data-state', 'locked');
    // Every method is locked, and nothing counts down or opens by itself.
    await userEvent.click(page.getByRole('button', { name: 'Recovery code' }));
    await expect.element(page.getByLabelText('Recovery code')).toHaveAttribute('aria-disabled', 'true');
    await expect.element(alert()).toHaveTextContent(permanent);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(document.body.textContent).not.toMatch(/Try again in|You can try again now/);
  });

  it('says to contact support for a sign-in that meets a permanent lock (rate_limited)', async () => {
    const backend = await createBackend({
      scenario: 'totp-pending',
      rateLimit: { maxConsecutiveFailures: 1 },
    });
    await backend.client.verifyTotp({ code: wrongCode(backend) }).catch(() => undefined);
    // A later sign-in: even the right code is refused, without a time to wait.
    await backend.signIn();
    await app(backend);
    await userEvent.fill(field(), backend.code());
    await expect
      .element(alert())
      .toHaveTextContent('Too many wrong attempts, so your account is locked. Contact support to unlock it.');
    await expect.element(field()).toHaveAttribute('aria-disabled', 'true');
  });

  it('starts over for the next pending session', async () => {
    const { backend } = await app({ scenario: 'totp-pending' });
    // Type only once the field has taken focus: keys pressed while status still loads go nowhere.
    await expect.element(field()).toHaveFocus();
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('You’re signed in.')).toBeVisible();
    await backend.signIn();
    await expect.element(field()).toBeVisible();
    await expect.element(field()).toHaveValue('');
    expect(page.getByText('You’re signed in.').query()).toBeNull();
  });
});
