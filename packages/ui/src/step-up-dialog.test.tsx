/**
 * StepUpDialog in Chromium: focus trap and return, paste, a real passkey through a CDP virtual
 * authenticator, the queue of requests, and the end of a lockout. Real hooks, real server in the page.
 */
import { isMfaError } from '@mfa-kit/client';
import { MfaProvider, useStepUp } from '@mfa-kit/react';
import { useState, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { StepUpDialog } from './index.js';
import { type Backend, type BackendOptions, createBackend } from './test/backend.js';

let authenticators: string[] = [];
afterEach(async () => {
  for (const id of authenticators) await commands.removeVirtualAuthenticator(id);
  authenticators = [];
});

/** A button per scope that asks for step-up and shows what came back. */
function Action({ scope }: { scope: string }) {
  const { ensure } = useStepUp({ scope });
  const [outcome, setOutcome] = useState('');
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          ensure().then(
            (token) => setOutcome(`${scope}: token ${token.split('.').length === 3 ? 'received' : '?'}`),
            (error: unknown) => setOutcome(`${scope}: ${isMfaError(error) ? error.code : 'error'}`),
          )
        }
      >
        {scope}
      </button>
      <output>{outcome}</output>
    </p>
  );
}

const SCOPES = { 'wallet:export': 'export your wallet', 'wallet:transfer': 'send money' };

function App({ backend, scopes }: { backend: Backend; scopes: string[] }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <input aria-label="Before" />
      {scopes.map((scope) => (
        <Action key={scope} scope={scope} />
      ))}
      <StepUpDialog messages={{ scopes: SCOPES }} />
    </MfaProvider>
  );
}

async function app(options: BackendOptions | Backend, scopes = ['wallet:export']) {
  const backend = 'client' in options ? options : await createBackend(options);
  await render(<App backend={backend} scopes={scopes} />);
  return backend;
}

const dialog = () => page.getByRole('dialog');
const field = () => page.getByLabelText('Verification code');

/** A code the authenticator app isn't showing (in the window the server accepts). */
function wrongCode(backend: Backend): string {
  const valid = new Set([-1, 0, 1].map((step) => backend.code(undefined, step)));
  return ['000000', '111111', '222222'].find((code) => !valid.has(code)) ?? '333333';
}

async function typeWrongCode(backend: Backend) {
  await userEvent.fill(field(), wrongCode(backend));
  await expect.element(field()).toHaveValue('');
}

describe('StepUpDialog in Chromium', () => {
  it('keeps focus inside while open and gives it back to the button that asked', async () => {
    await app({ scenario: 'totp' });
    const trigger = page.getByRole('button', { name: 'wallet:export' });
    await userEvent.click(trigger);
    await expect.element(dialog()).toHaveAccessibleName('Confirm it’s you to export your wallet');
    await expect.element(field()).toHaveFocus();
    const inside = dialog().element();
    for (let step = 0; step < 6; step++) {
      await userEvent.keyboard('{Tab}');
      expect(inside.contains(document.activeElement)).toBe(true);
    }
    for (let step = 0; step < 6; step++) {
      await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
      expect(inside.contains(document.activeElement)).toBe(true);
    }
    // Everything behind the dialog is hidden from assistive technology while it is open.
    expect(page.getByRole('textbox', { name: 'Before' }).query()).toBeNull();

    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByText('wallet:export: stepup_cancelled')).toBeVisible();
    expect(dialog().query()).toBeNull();
    await expect.element(trigger).toHaveFocus();
  });

  it('takes a pasted code (a password manager or the clipboard always works)', async () => {
    const backend = await app({ scenario: 'totp' });
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    await expect.element(field()).toHaveFocus();
    const code = backend.code();
    await navigator.clipboard.writeText(`${code.slice(0, 3)} ${code.slice(3)}`);
    await userEvent.keyboard('{Control>}v{/Control}');
    await expect.element(page.getByText('wallet:export: token received')).toBeVisible();
    expect(dialog().query()).toBeNull();
  });

  it('confirms with a passkey from Chromium’s virtual authenticator', async () => {
    authenticators.push(await commands.addVirtualAuthenticator());
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.client.registerPasskey({ name: 'Chromium' });
    await backend.client.acknowledgeRecoveryCodes();
    await app(backend);
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    // The passkey is the only factor, so it is offered first; recovery codes are the other way.
    await expect.element(dialog().getByRole('button', { name: 'Recovery code' })).toBeVisible();
    await userEvent.click(dialog().getByRole('button', { name: 'Use your passkey' }));
    await expect.element(page.getByText('wallet:export: token received')).toBeVisible();
    const [device] = (await backend.client.getStatus()).devices;
    expect(device?.lastUsedAt).not.toBeNull();
  });

  it('puts Cancel beside the passkey button, in one row, with focus on the passkey', async () => {
    authenticators.push(await commands.addVirtualAuthenticator());
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.client.registerPasskey({ name: 'Chromium' });
    await backend.client.acknowledgeRecoveryCodes();
    await app(backend);
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    const passkey = dialog().getByRole('button', { name: 'Use your passkey' });
    await expect.element(passkey).toHaveFocus();
    const cancel = dialog().getByRole('button', { name: 'Cancel' });
    const [a, b] = [cancel.element(), passkey.element()].map((button) => button.getBoundingClientRect());
    expect(Math.abs((a?.top ?? 0) - (b?.top ?? 1))).toBeLessThan(1);
    // Cancel first, as under a code (Cancel, Confirm); at the end of the line in reading order.
    expect((a?.right ?? 0) <= (b?.left ?? 0)).toBe(true);
    expect(dialog().element().querySelectorAll('button').length).toBe(3); // Cancel, passkey, Recovery code
  });

  it('asks for one scope at a time, oldest first, each with an empty form', async () => {
    const backend = await app({ scenario: 'totp' }, ['wallet:export', 'wallet:transfer']);
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    await expect.element(dialog()).toHaveAccessibleName('Confirm it’s you to export your wallet');
    await userEvent.keyboard('12');
    // A second action asks while the first is open: it waits its turn (the dialog is modal, so a
    // script starts it, as a timer or a websocket message would).
    const transfer = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'wallet:transfer',
    );
    transfer?.click();
    await userEvent.keyboard('{Backspace}{Backspace}');
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('wallet:export: token received')).toBeVisible();
    await expect.element(dialog()).toHaveAccessibleName('Confirm it’s you to send money');
    await expect.element(field()).toHaveValue('');
    await userEvent.click(dialog().getByRole('button', { name: 'Cancel' }));
    await expect.element(page.getByText('wallet:transfer: stepup_cancelled')).toBeVisible();
  });

  it('says one try is left, then counts down at once when the last wrong code locks', async () => {
    const backend = await app({ scenario: 'totp', rateLimit: { maxAttempts: 2, lockoutSeconds: 2 } });
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    await typeWrongCode(backend);
    await expect
      .element(dialog().getByRole('alert'))
      .toHaveTextContent('That code isn’t right. Check it and try again. 1 attempt left.');
    await typeWrongCode(backend);
    await expect
      .element(dialog().getByRole('alert'))
      .toHaveTextContent(/^Too many attempts\. Try again in 0:0[12]\./);
    await expect.element(field()).toHaveAttribute('aria-disabled', 'true');
    await expect.element(dialog()).toHaveAttribute('data-status', 'locked');
    await expect.element(page.getByText('You can try again now.')).toBeVisible();
    await userEvent.fill(field(), backend.code());
    await expect.element(page.getByText('wallet:export: token received')).toBeVisible();
  });

  it('says to contact support on a permanent lock: no countdown, the field off, Cancel still there', async () => {
    const backend = await app({ scenario: 'totp', rateLimit: { maxConsecutiveFailures: 2 } });
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    await typeWrongCode(backend);
    await userEvent.fill(field(), wrongCode(backend));
    await expect
      .element(dialog().getByRole('alert'))
      .toHaveTextContent('Too many wrong attempts, so your account is locked. Contact support to unlock it.');
    await expect.element(field()).toHaveAttribute('aria-disabled', 'true');
    await expect
      .element(dialog().getByRole('button', { name: 'Confirm' }))
      .toHaveAttribute('aria-disabled', 'true');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(dialog().element().textContent).not.toMatch(/Try again in|You can try again now/);
    await userEvent.click(dialog().getByRole('button', { name: 'Cancel' }));
    await expect.element(page.getByText('wallet:export: stepup_cancelled')).toBeVisible();
  });

  it('blocks input during a lockout, counts down, and takes a code when it ends', async () => {
    const backend = await app({ scenario: 'totp' });
    backend.fail({ kind: 'rate_limited', path: '/verify/totp', retryAfter: 2 });
    await userEvent.click(page.getByRole('button', { name: 'wallet:export' }));
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 0:02.');
    await expect.element(field()).toHaveAttribute('aria-disabled', 'true');
    await expect.element(field()).toHaveFocus();
    await expect.element(page.getByText('You can try again now.')).toBeVisible();
    await expect.element(field()).not.toHaveAttribute('aria-disabled');
    expect(page.getByRole('alert').query()).toBeNull();
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('wallet:export: token received')).toBeVisible();
  });
});
