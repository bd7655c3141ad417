import { isMfaError } from '@mfa-kit/client';
import { useStepUp } from '@mfa-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { expect, fn, screen, userEvent, waitFor } from 'storybook/test';
import type { MfaStoryParameters } from '../../../.storybook/backend.js';
import { Button } from './primitives/button.js';
import { StepUpDialog } from './step-up-dialog/index.js';
import type { Backend } from './test/backend.js';

/**
 * The outbox of this story's server: its senders post every email and text message here, so you can
 * read the code and type it, as a user would from their inbox.
 */
function Outbox({ backend }: { backend: Backend }) {
  const messages = useSyncExternalStore(backend.subscribe, backend.getOutbox);
  return (
    // Above the dialog's backdrop, in a corner, so the code stays readable while the dialog is open.
    <section
      aria-label="Outbox"
      className="mfa-stack"
      style={{
        position: 'fixed',
        insetBlockStart: 8,
        insetInlineEnd: 8,
        zIndex: 1001,
        maxInlineSize: '18rem',
        padding: 12,
        background: 'var(--mfa-color-bg)',
        color: 'var(--mfa-color-fg)',
        border: '1px solid var(--mfa-color-border-subtle)',
        borderRadius: 8,
      }}
    >
      <h2 className="mfa-title">Outbox</h2>
      {messages.length === 0 ? (
        <p className="mfa-hint">Nothing sent yet.</p>
      ) : (
        <ul>
          {messages.map((message) => (
            <li key={message.sentAt + message.code}>
              {message.channel === 'email' ? 'Email' : 'Text message'} to {message.to}: <b>{message.code}</b>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The app around the dialog: a button whose action needs step-up, what came of it, and the outbox. */
function ExportWallet({ autoOpen, backend }: { autoOpen: boolean; backend: Backend }) {
  const { ensure } = useStepUp({ scope: 'wallet:export' });
  const [outcome, setOutcome] = useState('');
  const opened = useRef(false);
  const exportWallet = () => {
    setOutcome('');
    ensure().then(
      () => setOutcome('Wallet exported.'),
      (error: unknown) => setOutcome(`Not exported (${isMfaError(error) ? error.code : 'error'}).`),
    );
  };
  useEffect(() => {
    if (!autoOpen || opened.current) return;
    opened.current = true;
    exportWallet();
  });
  return (
    <div className="mfa-root mfa-stack">
      <div>
        <Button onClick={exportWallet}>Export wallet</Button>
      </div>
      <p role="status">{outcome}</p>
      <Outbox backend={backend} />
    </div>
  );
}

const mfa = (parameters: MfaStoryParameters) => ({ mfa: { stepUpDialog: false, ...parameters } });
const backendOf = (loaded: unknown) => (loaded as { backend: Backend }).backend;
async function dialog() {
  const open = await screen.findByRole('dialog');
  await Promise.all(open.getAnimations().map((animation) => animation.finished));
  return open;
}
const codeField = () => screen.findByLabelText('Verification code');
const latestCode = (backend: Backend) => backend.getOutbox()[0]?.code ?? '';
/** Sends the code and waits for its field. */
async function sendCode() {
  await userEvent.click(await screen.findByRole('button', { name: 'Send code' }));
  await waitFor(async () => expect(await codeField()).toHaveFocus());
}

const meta = {
  title: 'Components/StepUpDialog/Re-authentication',
  component: StepUpDialog,
  parameters: mfa({ scenario: 'reauth' }),
  args: { onSuccess: fn(), onCancel: fn() },
  render: (args, { viewMode, parameters, loaded }) => {
    const backend = backendOf(loaded);
    return (
      <>
        <ExportWallet backend={backend} autoOpen={viewMode === 'story' && parameters.autoOpen !== false} />
        <StepUpDialog wallet={parameters.noWallet ? null : backend.wallet} {...args} />
      </>
    );
  },
} satisfies Meta<typeof StepUpDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A user without a second factor: the first method the policy offers, the code not sent yet. */
export const EmailCode: Story = {
  name: 'Email: before sending',
  play: async () => {
    const open = await dialog();
    await expect(open).toHaveAttribute('data-method', 'email_otp');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send code' })).toHaveFocus());
  },
};

export const EmailCodeSent: Story = {
  name: 'Email: code sent, resend counting down',
  play: async ({ loaded }) => {
    await dialog();
    await sendCode();
    await expect(screen.getByText('We sent a 6-digit code to a•••@example.com.')).toBeVisible();
    await expect(screen.getByRole('button', { name: /Send a new code in \d+ s/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(backendOf(loaded).getOutbox()).toHaveLength(1);
  },
};

export const EmailWrongCode: Story = {
  name: 'Email: wrong code',
  play: async ({ loaded }) => {
    await dialog();
    await sendCode();
    const right = latestCode(backendOf(loaded));
    await userEvent.keyboard(right === '000000' ? '111111' : '000000');
    await expect(await screen.findByRole('alert')).toHaveTextContent('That code isn’t right.');
    await waitFor(async () => expect(await codeField()).toHaveValue(''));
  },
};

export const EmailConfirmed: Story = {
  name: 'Email: success',
  parameters: { autoOpen: false },
  play: async ({ canvas, loaded, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export wallet' }));
    await dialog();
    await sendCode();
    await userEvent.keyboard(latestCode(backendOf(loaded)));
    await expect(await canvas.findByText('Wallet exported.')).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('wallet:export', 'email_otp');
  },
};

export const DeliveryFailed: Story = {
  name: 'Email: the code could not be sent',
  parameters: mfa({ scenario: 'reauth', faults: [{ kind: 'delivery_failed', path: '/reauth' }] }),
  play: async () => {
    await dialog();
    await userEvent.click(await screen.findByRole('button', { name: 'Send code' }));
    await expect(await screen.findByRole('alert')).toHaveTextContent('The code could not be sent.');
  },
};

export const SmsCode: Story = {
  name: 'SMS: code sent',
  play: async ({ loaded }) => {
    await dialog();
    await userEvent.click(await screen.findByRole('button', { name: 'Text me a code' }));
    await sendCode();
    await expect(screen.getByText('We sent a 6-digit code to •••• 0123.')).toBeVisible();
    await expect(backendOf(loaded).getOutbox()[0]).toMatchObject({ channel: 'sms' });
  },
};

/** Opens the wallet screen. */
async function walletScreen() {
  await dialog();
  await userEvent.click(await screen.findByRole('button', { name: 'Confirm with your wallet' }));
  const sign = await screen.findByRole('button', { name: 'Sign with your wallet' });
  await waitFor(() => expect(sign).toHaveFocus());
  return sign;
}

export const Wallet: Story = {
  name: 'Wallet: before signing',
  play: async () => {
    await walletScreen();
    await expect(screen.getByText(/It costs nothing and sends no transaction/)).toBeVisible();
  },
};

export const WalletConfirmed: Story = {
  name: 'Wallet: success',
  play: async ({ canvas, args }) => {
    await userEvent.click(await walletScreen());
    // Signing loads the wallet's cryptography the first time: allow it a moment.
    await expect(await canvas.findByText('Wallet exported.', {}, { timeout: 5_000 })).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('wallet:export', 'wallet');
  },
};

export const WalletDeclined: Story = {
  name: 'Wallet: signature declined',
  play: async ({ loaded }) => {
    const sign = await walletScreen();
    backendOf(loaded).wallet.decline(true);
    await userEvent.click(sign);
    await expect(await screen.findByRole('alert')).toHaveTextContent(
      'The signature was declined in your wallet.',
    );
  },
};

export const WalletWrongAccount: Story = {
  name: 'Wallet: account not linked',
  play: async ({ loaded }) => {
    const sign = await walletScreen();
    backendOf(loaded).wallet.useAccount(1);
    await userEvent.click(sign);
    await expect(await screen.findByRole('alert')).toHaveTextContent('isn’t linked to your account');
  },
};

export const WalletWrongChain: Story = {
  name: 'Wallet: another network',
  play: async ({ loaded }) => {
    const sign = await walletScreen();
    backendOf(loaded).wallet.useChain(137);
    await userEvent.click(sign);
    await expect(await screen.findByRole('alert')).toHaveTextContent('Switch it to Ethereum to sign.');
    await expect(screen.getByRole('button', { name: 'Switch to Ethereum' })).toBeVisible();
  },
};

export const NoWallet: Story = {
  name: 'Wallet: none in this browser',
  parameters: { noWallet: true },
  play: async () => {
    await dialog();
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm with your wallet' }));
    await expect(await screen.findByText(/No wallet was found in this browser/)).toBeVisible();
  },
};

export const AlongsideMfa: Story = {
  name: 'Beside an authenticator app (policy allows it)',
  parameters: mfa({
    scenario: 'totp',
    contacts: { email: 'ada@example.com', phone: '+15555550123' },
    policy: {
      actions: {
        'wallet:export': {
          singleUse: true,
          reauth: { methods: ['email_otp', 'sms_otp'], allowWithMfa: true },
        },
      },
    },
  }),
  play: async () => {
    await dialog();
    await waitFor(async () => expect(await codeField()).toHaveFocus());
    await expect(await screen.findByRole('button', { name: 'Email me a code' })).toBeVisible();
    await expect(screen.getByRole('button', { name: 'Text me a code' })).toBeVisible();
  },
};

export const German: Story = {
  globals: { locale: 'de' },
  play: async () => {
    await dialog();
    await userEvent.click(await screen.findByRole('button', { name: 'Code senden' }));
    await expect(
      await screen.findByText('Wir haben einen 6-stelligen Code an a•••@example.com gesendet.'),
    ).toBeVisible();
  },
};

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async () => {
    const open = await dialog();
    await expect(open).toHaveAttribute('dir', 'rtl');
    await userEvent.click(await screen.findByRole('button', { name: 'التأكيد بمحفظتك' }));
    await expect(await screen.findByRole('button', { name: 'التوقيع بمحفظتك' })).toBeVisible();
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  play: async () => {
    await dialog();
    await sendCode();
  },
};
