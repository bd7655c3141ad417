/**
 * StepUpDialog's re-authentication screens in Chromium, keyboard only: a user with no second factor
 * confirms by an emailed code, a texted code or a wallet signature; a resend waits its turn; the wallet
 * screens say when the user declines, the account is not linked, the network is another, or there is no
 * wallet. Real hooks, real server in the page; the senders put codes in the backend's outbox, and the
 * wallet is a software EIP-1193 wallet on a private key.
 */
import type { Eip1193Provider } from '@mfa-kit/client';
import { decodeElevatedToken, isMfaError } from '@mfa-kit/client';
import { MfaProvider, useStepUp } from '@mfa-kit/react';
import { useState, useSyncExternalStore } from 'react';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { de } from './i18n/de.js';
import { MfaUiProvider, StepUpDialog } from './index.js';
import { type Backend, type BackendOptions, createBackend } from './test/backend.js';

function Action({ scope }: { scope: string }) {
  const { ensure } = useStepUp({ scope });
  const [outcome, setOutcome] = useState('');
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          ensure().then(
            (token) => setOutcome(`amr ${decodeElevatedToken(token).amr.join(' ')}`),
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

function App({
  backend,
  wallet,
  german,
}: {
  backend: Backend;
  wallet: Eip1193Provider | null;
  german: boolean;
}) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <MfaUiProvider {...(german ? { messages: de } : {})}>
        <Action scope="wallet:export" />
        <StepUpDialog wallet={wallet} messages={{ scopes: { 'wallet:export': 'export your wallet' } }} />
      </MfaUiProvider>
    </MfaProvider>
  );
}

async function app(
  options: BackendOptions = { scenario: 'reauth' },
  { wallet, german = false }: { wallet?: Eip1193Provider | null; german?: boolean } = {},
) {
  const backend = await createBackend(options);
  await render(
    <App backend={backend} wallet={wallet === undefined ? backend.wallet : wallet} german={german} />,
  );
  const open = page.getByRole('button', { name: 'Export' });
  await userEvent.click(open);
  await expect.element(page.getByRole('dialog')).toBeVisible();
  return backend;
}

const dialog = () => page.getByRole('dialog');
const field = () => dialog().getByLabelText('Verification code');
const latestCode = (backend: Backend) => backend.getOutbox()[0]?.code ?? '';

describe('StepUpDialog re-authentication in Chromium', () => {
  it('confirms by an emailed code, with the keyboard alone', async () => {
    const backend = await app();
    await expect
      .element(dialog().getByText('We’ll email you a 6-digit code to confirm it’s you.'))
      .toBeVisible();
    const send = dialog().getByRole('button', { name: 'Send code' });
    await expect.element(send).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect.element(field()).toHaveFocus();
    await expect.element(dialog().getByText('We sent a 6-digit code to a•••@example.com.')).toBeVisible();
    expect(backend.getOutbox()).toMatchObject([{ channel: 'email', to: 'ada@example.com' }]);

    const right = latestCode(backend);
    await userEvent.keyboard(right === '000000' ? '111111' : '000000');
    await expect.element(dialog().getByText(/That code isn’t right/)).toBeVisible();
    await expect.element(field()).toHaveValue('');
    await userEvent.keyboard(right);
    await expect.element(dialog()).not.toBeInTheDocument();
    await expect.element(page.getByText('amr otp')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Export' })).toHaveFocus();
  });

  it('makes a resend wait its turn, counting down, and keeps the code already sent', async () => {
    const backend = await app();
    await userEvent.keyboard('{Enter}');
    await expect.element(field()).toHaveFocus();
    const resend = dialog().getByRole('button', { name: /Send a new code in \d+ s/ });
    await expect.element(resend).toHaveAttribute('aria-disabled', 'true');
    const before = Number(/in (\d+) s/.exec(resend.element().textContent ?? '')?.[1]);
    expect(before).toBeGreaterThan(25);
    await expect
      .poll(() => Number(/in (\d+) s/.exec(resend.element().textContent ?? '')?.[1]))
      .toBeLessThan(before);
    // Its label ticks each second, so it is pressed directly rather than waited on to be stable.
    (resend.element() as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.getOutbox()).toHaveLength(1);
    const first = latestCode(backend);
    await userEvent.keyboard(first);
    await expect.element(page.getByText('amr otp')).toBeVisible();
  });

  it('switches to a texted code from "Use another method"', async () => {
    const backend = await app();
    const switcher = dialog().getByRole('group', { name: 'Use another method' });
    await expect.element(switcher.getByRole('button', { name: 'Text me a code' })).toBeVisible();
    await userEvent.click(switcher.getByRole('button', { name: 'Text me a code' }));
    await expect
      .element(dialog().getByText('We’ll text you a 6-digit code to confirm it’s you.'))
      .toBeVisible();
    await userEvent.click(dialog().getByRole('button', { name: 'Send code' }));
    await expect.element(dialog().getByText('We sent a 6-digit code to •••• 0123.')).toBeVisible();
    expect(backend.getOutbox()[0]).toMatchObject({ channel: 'sms', to: '+15555550123' });
    await userEvent.keyboard(latestCode(backend));
    await expect.element(page.getByText('amr sms')).toBeVisible();
  });

  it('confirms with the wallet, and explains a declined signature, an unlinked account and another network', async () => {
    const backend = await app();
    await userEvent.click(dialog().getByRole('button', { name: 'Confirm with your wallet' }));
    const sign = dialog().getByRole('button', { name: 'Sign with your wallet' });
    await expect.element(sign).toHaveFocus();

    backend.wallet.decline(true);
    await userEvent.keyboard('{Enter}');
    await expect
      .element(dialog().getByRole('alert'))
      .toHaveTextContent('The signature was declined in your wallet.');
    backend.wallet.decline(false);

    backend.wallet.useAccount(1);
    await userEvent.click(sign);
    const other = backend.wallet.addresses[1] as string;
    await expect
      .element(dialog().getByRole('alert'))
      .toHaveTextContent(`${other.slice(0, 6)}…${other.slice(-4)} isn’t linked to your account.`);
    backend.wallet.useAccount(0);

    backend.wallet.useChain(137);
    await userEvent.click(sign);
    await expect.element(dialog().getByRole('alert')).toHaveTextContent('Switch it to Ethereum to sign.');
    await expect.element(dialog().getByText(/on Polygon/)).toBeVisible();
    await userEvent.click(dialog().getByRole('button', { name: 'Switch to Ethereum' }));
    await expect.element(page.getByText('amr pop')).toBeVisible();
    expect(backend.wallet.calls).toContain('wallet_switchEthereumChain');
  });

  it('says when the browser has no wallet', async () => {
    await app({ scenario: 'reauth' }, { wallet: null });
    await userEvent.click(dialog().getByRole('button', { name: 'Confirm with your wallet' }));
    await expect.element(dialog().getByText(/No wallet was found in this browser/)).toBeVisible();
    await expect.element(dialog().getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('speaks German with the German locale', async () => {
    const backend = await app({ scenario: 'reauth' }, { german: true });
    await userEvent.click(dialog().getByRole('button', { name: 'Code senden' }));
    await expect
      .element(dialog().getByText('Wir haben einen 6-stelligen Code an a•••@example.com gesendet.'))
      .toBeVisible();
    await userEvent.keyboard(latestCode(backend));
    await expect.element(page.getByText('amr otp')).toBeVisible();
  });

  it('offers both where the policy allows re-authentication beside MFA, and switches back and forth', async () => {
    const backend = await app({
      scenario: 'totp',
      contacts: { email: 'ada@example.com' },
      policy: {
        actions: {
          'wallet:export': { singleUse: true, reauth: { methods: ['email_otp'], allowWithMfa: true } },
        },
      },
    });
    await expect.element(field()).toHaveFocus();
    await userEvent.click(dialog().getByRole('button', { name: 'Email me a code' }));
    await expect.element(dialog().getByRole('button', { name: 'Send code' })).toHaveFocus();
    await userEvent.click(dialog().getByRole('button', { name: 'Authenticator app' }));
    await expect.element(field()).toHaveFocus();
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('amr otp')).toBeVisible();
    // Proven by the authenticator app: no email was sent.
    expect(backend.getOutbox()).toEqual([]);
  });

  it('offers a user with a factor only the factor by default', async () => {
    await app({ scenario: 'totp', contacts: { email: 'ada@example.com' } });
    await expect.element(field()).toBeVisible();
    expect(dialog().getByRole('button', { name: 'Email me a code' }).query()).toBeNull();
  });
});
