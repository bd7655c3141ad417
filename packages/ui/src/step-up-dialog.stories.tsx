import { isMfaError } from '@mfa-kit/client';
import { useStepUp } from '@mfa-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef, useState } from 'react';
import { expect, fn, screen, userEvent, waitFor } from 'storybook/test';
import type { MfaStoryParameters } from '../../../.storybook/backend.js';
import { Button } from './primitives/button.js';
import { StepUpDialog } from './step-up-dialog/index.js';
import type { Backend } from './test/backend.js';

/** The app around the dialog: a button whose action needs step-up, and what came of it. */
function ExportWallet({ autoOpen }: { autoOpen: boolean }) {
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
    </div>
  );
}

const mfa = (parameters: MfaStoryParameters) => ({ mfa: { stepUpDialog: false, ...parameters } });
const backendOf = (loaded: unknown) => (loaded as { backend: Backend }).backend;
/** The open dialog, once its opening animation is over (so axe sees its final colours). */
async function dialog() {
  const open = await screen.findByRole('dialog');
  await Promise.all(open.getAnimations().map((animation) => animation.finished));
  return open;
}
const codeField = () => screen.findByLabelText('Verification code');

/** Types a code that isn't right and waits until the field is empty and writable again. */
async function typeWrongCode() {
  const field = await codeField();
  await userEvent.click(field);
  await userEvent.keyboard('000000');
  await waitFor(() => {
    expect(field).toHaveValue('');
    expect(field).not.toHaveAttribute('readonly');
  });
}

const meta = {
  title: 'Components/StepUpDialog',
  component: StepUpDialog,
  parameters: mfa({ scenario: 'totp' }),
  args: { onSuccess: fn(), onCancel: fn() },
  // Stories open the dialog by themselves on their own page; on the docs page they wait for a click.
  render: (args, { viewMode, parameters }) => (
    <>
      <ExportWallet autoOpen={viewMode === 'story' && parameters.autoOpen !== false} />
      <StepUpDialog {...args} />
    </>
  ),
} satisfies Meta<typeof StepUpDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async () => {
    const open = await dialog();
    await expect(open).toHaveAccessibleName('Confirm it’s you to export your wallet');
    await waitFor(async () => expect(await codeField()).toHaveFocus());
    await expect(open).toHaveAttribute('data-status', 'idle');
  },
};

export const ConfirmWithCode: Story = {
  name: 'Success with a code',
  parameters: { autoOpen: false },
  play: async ({ canvas, loaded, args }) => {
    const trigger = canvas.getByRole('button', { name: 'Export wallet' });
    await userEvent.click(trigger);
    await dialog();
    await userEvent.keyboard(backendOf(loaded).code());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(await canvas.findByText('Wallet exported.')).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('wallet:export', 'totp');
    // Focus goes back to what opened the dialog, and success is announced.
    await waitFor(() => expect(trigger).toHaveFocus());
    await expect(screen.getByText('Confirmed. You can continue.')).toBeInTheDocument();
  },
};

export const WrongCode: Story = {
  name: 'Error: wrong code',
  play: async () => {
    await typeWrongCode();
    const alert = await screen.findByRole('alert');
    await expect(alert).toHaveTextContent('That code isn’t right. Check it and try again.');
    const field = await codeField();
    await expect(field).toHaveFocus();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field.getAttribute('aria-describedby')).toContain(alert.id);
  },
};

export const ReusedCode: Story = {
  name: 'Error: code already used',
  parameters: { autoOpen: false },
  play: async ({ canvas, loaded }) => {
    const code = backendOf(loaded).code();
    const trigger = canvas.getByRole('button', { name: 'Export wallet' });
    await userEvent.click(trigger);
    await dialog();
    await userEvent.keyboard(code);
    await canvas.findByText('Wallet exported.');
    // Exporting again at once: the same code from the app is refused.
    await userEvent.click(trigger);
    await dialog();
    await userEvent.keyboard(code);
    await expect(await screen.findByRole('alert')).toHaveTextContent('That code was already used.');
    await expect(await codeField()).toHaveValue('');
  },
};

export const OneAttemptLeft: Story = {
  name: 'Error: wrong code, one attempt left',
  parameters: mfa({ scenario: 'totp', rateLimit: { maxAttempts: 2 } }),
  play: async () => {
    await typeWrongCode();
    await expect(await screen.findByRole('alert')).toHaveTextContent(
      'That code isn’t right. Check it and try again. 1 attempt left.',
    );
    await expect(await codeField()).not.toHaveAttribute('aria-disabled');
  },
};

export const RateLimited: Story = {
  name: 'Error: too many attempts (locked)',
  play: async () => {
    // The fifth wrong code starts the lock itself: the countdown shows at once.
    for (let attempt = 0; attempt < 4; attempt++) await typeWrongCode();
    await userEvent.keyboard('000000');
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    await waitFor(() => expect(alert).toHaveTextContent(/Too many attempts\. Try again in 0:(30|29)\./));
    const field = await codeField();
    await expect(field).toHaveAttribute('aria-disabled', 'true');
    await expect(field).toHaveAttribute('readonly');
    await expect(await dialog()).toHaveAttribute('data-status', 'locked');
    // The visible countdown ticks; screen readers were told the wait once.
    await waitFor(() => expect(alert).toHaveTextContent(/0:2[0-8]/), { timeout: 3000 });
    await expect(screen.getByRole('button', { name: 'Confirm' })).toHaveAttribute('aria-disabled', 'true');
  },
};

export const LockedPermanently: Story = {
  name: 'Error: locked for good (contact support)',
  parameters: mfa({ scenario: 'totp', rateLimit: { maxConsecutiveFailures: 2 } }),
  play: async () => {
    await typeWrongCode();
    await userEvent.keyboard('000000');
    const alert = await screen.findByText(/Contact support/);
    await expect(alert.closest('[role="alert"]')).toHaveTextContent(
      'Too many wrong attempts, so your account is locked. Contact support to unlock it.',
    );
    await expect(await codeField()).toHaveAttribute('aria-disabled', 'true');
    await expect(screen.getByRole('button', { name: 'Confirm' })).toHaveAttribute('aria-disabled', 'true');
    await expect(await dialog()).toHaveAttribute('data-status', 'locked');
    await expect(screen.queryByText(/Try again in/)).toBeNull();
    // The way out stays: Cancel.
    await expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  },
};

export const Unavailable: Story = {
  name: 'Error: service unavailable, then success',
  play: async ({ loaded, canvas }) => {
    const backend = backendOf(loaded);
    backend.fail({ kind: 'unavailable', path: '/verify/totp' });
    await userEvent.click(await codeField());
    await userEvent.keyboard(backend.code());
    await expect(await screen.findByRole('alert')).toHaveTextContent('The service is unavailable right now.');
    // Nothing was spent: the same code works on the next try.
    await waitFor(async () => expect(await codeField()).not.toHaveAttribute('readonly'));
    await userEvent.keyboard(backend.code());
    await expect(await canvas.findByText('Wallet exported.')).toBeVisible();
  },
};

export const NetworkError: Story = {
  name: 'Error: offline',
  play: async ({ loaded }) => {
    const backend = backendOf(loaded);
    backend.fail({ kind: 'network', path: '/verify/totp' });
    await userEvent.click(await codeField());
    await userEvent.keyboard(backend.code());
    await expect(await screen.findByRole('alert')).toHaveTextContent('You seem to be offline.');
  },
};

export const RecoveryCode: Story = {
  name: 'Another method: recovery code',
  play: async ({ loaded, canvas }) => {
    await dialog();
    await userEvent.click(screen.getByRole('button', { name: 'Recovery code' }));
    const field = await screen.findByLabelText('Recovery code');
    await waitFor(() => expect(field).toHaveFocus());
    const [code] = backendOf(loaded).recoveryCodes;
    await userEvent.keyboard(code ?? '');
    await expect(await canvas.findByText('Wallet exported.')).toBeVisible();
  },
};

export const Passkey: Story = {
  name: 'Another method: passkey',
  parameters: mfa({ scenario: 'totp-and-passkey', passkeys: 'soft' }),
  play: async ({ canvas, args }) => {
    await dialog();
    await userEvent.click(screen.getByRole('button', { name: 'Passkey' }));
    const button = await screen.findByRole('button', { name: 'Use your passkey' });
    await waitFor(() => expect(button).toHaveFocus());
    await userEvent.click(button);
    await expect(await canvas.findByText('Wallet exported.')).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('wallet:export', 'passkey');
  },
};

export const PasskeyWaiting: Story = {
  name: 'Loading: waiting for the passkey',
  parameters: mfa({ scenario: 'totp-and-passkey', passkeys: 'waiting' }),
  play: async () => {
    await dialog();
    await userEvent.click(screen.getByRole('button', { name: 'Passkey' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Use your passkey' }));
    const waiting = await screen.findByText('Follow the steps your browser shows.');
    await waitFor(() => expect(waiting).toBeVisible());
    await expect(screen.getByRole('button', { name: 'Use your passkey' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await expect(await dialog()).toHaveAttribute('data-status', 'pending');
  },
};

export const PasskeyCancelled: Story = {
  name: 'Error: passkey prompt closed',
  parameters: mfa({ scenario: 'totp-and-passkey', passkeys: 'cancelled' }),
  play: async () => {
    await dialog();
    await userEvent.click(screen.getByRole('button', { name: 'Passkey' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Use your passkey' }));
    await expect(await screen.findByRole('alert')).toHaveTextContent('The passkey request was cancelled');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible());
  },
};

export const PasskeyUnsupported: Story = {
  name: 'Passkeys unsupported by the browser',
  parameters: mfa({ scenario: 'totp-and-passkey', passkeys: 'unsupported' }),
  play: async () => {
    await dialog();
    // The passkey is not offered where it can't work; the other methods are.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Recovery code' })).toBeVisible());
    await expect(screen.queryByRole('button', { name: 'Passkey' })).toBeNull();
  },
};

export const CancelWithEscape: Story = {
  name: 'Cancel with Escape (focus returns)',
  parameters: { autoOpen: false },
  play: async ({ canvas, args }) => {
    const trigger = canvas.getByRole('button', { name: 'Export wallet' });
    await userEvent.click(trigger);
    await dialog();
    await userEvent.keyboard('12');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(await canvas.findByText('Not exported (stepup_cancelled).')).toBeVisible();
    await expect(args.onCancel).toHaveBeenCalledWith('wallet:export');
    await waitFor(() => expect(trigger).toHaveFocus());
    // Asked again, the dialog starts over with an empty field.
    await userEvent.keyboard('{Enter}');
    await waitFor(async () => expect(await codeField()).toHaveValue(''));
  },
};

export const CancelWithButton: Story = {
  name: 'Cancel with the button, by keyboard',
  parameters: { autoOpen: false },
  play: async ({ canvas }) => {
    const trigger = canvas.getByRole('button', { name: 'Export wallet' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(async () => expect(await codeField()).toHaveFocus());
    // Focus stays inside: Tab goes round the dialog's controls and comes back.
    const open = await dialog();
    for (let step = 0; step < 8; step++) {
      await userEvent.tab();
      await expect(open.contains(document.activeElement)).toBe(true);
    }
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());
  },
};

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async () => {
    await expect(await dialog()).toHaveAttribute('data-theme', 'dark');
  },
};

export const German: Story = {
  globals: { locale: 'de' },
  play: async () => {
    await expect(await dialog()).toHaveAccessibleName(
      'Bestätigen Sie, dass Sie es sind, um Ihre Wallet zu exportieren',
    );
  },
};

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async () => {
    const open = await dialog();
    await expect(open).toHaveAttribute('dir', 'rtl');
    await expect(open).toHaveAccessibleName('أكّد هويتك من أجل تصدير محفظتك');
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  parameters: mfa({ scenario: 'totp-and-passkey' }),
  play: async () => {
    await expect(await dialog()).toBeVisible();
  },
};
