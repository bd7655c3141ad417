import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import type { MfaStoryParameters } from '../../../.storybook/backend.js';
import { MfaChallenge } from './mfa-challenge.js';
import type { Backend } from './test/backend.js';

const mfa = (parameters: MfaStoryParameters) => ({ mfa: parameters });
const backendOf = (loaded: unknown) => (loaded as { backend: Backend }).backend;

type Canvas = Parameters<NonNullable<Story['play']>>[0]['canvas'];

/** Types a code that isn't right and waits until the field is empty and writable again. */
async function typeWrongCode(canvas: Canvas) {
  const field = await canvas.findByLabelText('Verification code');
  await userEvent.click(field);
  await userEvent.keyboard('000000');
  await waitFor(() => {
    expect(field).toHaveValue('');
    expect(field).not.toHaveAttribute('readonly');
  });
}

const meta = {
  title: 'Components/MfaChallenge',
  component: MfaChallenge,
  parameters: mfa({ scenario: 'totp-pending' }),
  args: { onSuccess: fn() },
} satisfies Meta<typeof MfaChallenge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  args: { autoFocus: true },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('region', { name: 'Two-step verification' })).toBeVisible();
    const field = await canvas.findByLabelText('Verification code');
    await waitFor(() => expect(field).toHaveFocus());
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  },
};

export const Success: Story = {
  name: 'Success with a code',
  play: async ({ canvas, loaded, args }) => {
    const backend = backendOf(loaded);
    await userEvent.click(await canvas.findByLabelText('Verification code'));
    await userEvent.keyboard(backend.code());
    await expect(await canvas.findByText('You’re signed in.')).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('totp');
    // The field went away: focus is on the news, not lost on the page.
    await waitFor(() =>
      expect(canvas.getByText('You’re signed in.').closest('[role="status"]')).toHaveFocus(),
    );
    await expect(backend.getToken()).not.toBe(null);
    await expect(await backend.client.getStatus()).toMatchObject({ requiresAdditionalAuth: false });
  },
};

export const WrongCode: Story = {
  name: 'Error: wrong code',
  play: async ({ canvas }) => {
    await typeWrongCode(canvas);
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('That code isn’t right. Check it and try again.');
    const field = canvas.getByLabelText('Verification code');
    await expect(field).toHaveFocus();
    await expect(field.getAttribute('aria-describedby')).toContain(alert.id);
  },
};

export const ReusedCode: Story = {
  name: 'Error: code already used',
  play: async ({ canvas, loaded }) => {
    const backend = backendOf(loaded);
    const code = backend.code();
    await userEvent.click(await canvas.findByLabelText('Verification code'));
    await userEvent.keyboard(code);
    await canvas.findByText('You’re signed in.');
    // Signed out and in again within the same 30 seconds: the code the app still shows was used.
    await backend.signIn();
    const field = await canvas.findByLabelText('Verification code');
    await userEvent.click(field);
    await userEvent.keyboard(code);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('That code was already used.');
    await expect(field).toHaveValue('');
  },
};

export const OneAttemptLeft: Story = {
  name: 'Error: wrong code, one attempt left',
  parameters: mfa({ scenario: 'totp-pending', rateLimit: { maxAttempts: 2 } }),
  play: async ({ canvas }) => {
    await typeWrongCode(canvas);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'That code isn’t right. Check it and try again. 1 attempt left.',
    );
    await expect(canvas.getByLabelText('Verification code')).not.toHaveAttribute('aria-disabled');
  },
};

export const RateLimited: Story = {
  name: 'Error: too many attempts (locked)',
  play: async ({ canvas }) => {
    // The fifth wrong code starts the lock itself: the countdown shows at once.
    for (let attempt = 0; attempt < 4; attempt++) await typeWrongCode(canvas);
    await userEvent.keyboard('000000');
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 });
    await waitFor(() => expect(alert).toHaveTextContent(/Too many attempts\. Try again in 0:(30|29)\./));
    const field = canvas.getByLabelText('Verification code');
    await expect(field).toHaveAttribute('aria-disabled', 'true');
    await expect(field).toHaveAttribute('readonly');
    await expect(canvas.getByRole('button', { name: 'Verify' })).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.getByRole('region')).toHaveAttribute('data-state', 'locked');
    // Another method is locked as well: the limit counts for the user.
    await userEvent.click(canvas.getByRole('button', { name: 'Recovery code' }));
    await expect(await canvas.findByLabelText('Recovery code')).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.getByRole('alert')).toHaveTextContent('Too many attempts.');
  },
};

export const LockedPermanently: Story = {
  name: 'Error: locked for good (contact support)',
  parameters: mfa({ scenario: 'totp-pending', rateLimit: { maxConsecutiveFailures: 2 } }),
  play: async ({ canvas }) => {
    await typeWrongCode(canvas);
    await userEvent.keyboard('000000');
    const alert = await canvas.findByText(/Contact support/);
    await expect(alert.closest('[role="alert"]')).toHaveTextContent(
      'Too many wrong attempts, so your account is locked. Contact support to unlock it.',
    );
    const field = canvas.getByLabelText('Verification code');
    await expect(field).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.getByRole('button', { name: 'Verify' })).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.getByRole('region')).toHaveAttribute('data-state', 'locked');
    await expect(canvas.queryByText(/Try again in/)).toBeNull();
  },
};

export const Unavailable: Story = {
  name: 'Error: service unavailable, then success',
  play: async ({ canvas, loaded }) => {
    const backend = backendOf(loaded);
    backend.fail({ kind: 'unavailable', path: '/verify/totp' });
    await userEvent.click(await canvas.findByLabelText('Verification code'));
    await userEvent.keyboard(backend.code());
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The service is unavailable right now.');
    await waitFor(() => expect(canvas.getByLabelText('Verification code')).not.toHaveAttribute('readonly'));
    await userEvent.keyboard(backend.code());
    await expect(await canvas.findByText('You’re signed in.')).toBeVisible();
  },
};

export const NetworkError: Story = {
  name: 'Error: offline',
  play: async ({ canvas, loaded }) => {
    const backend = backendOf(loaded);
    backend.fail({ kind: 'network', path: '/verify/totp' });
    await userEvent.click(await canvas.findByLabelText('Verification code'));
    await userEvent.keyboard(backend.code());
    await expect(await canvas.findByRole('alert')).toHaveTextContent('You seem to be offline.');
  },
};

export const Loading: Story = {
  parameters: mfa({ scenario: 'totp-pending', faults: [{ kind: 'unavailable', path: '/status', times: 3 }] }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Loading…')).toBeInTheDocument();
    await expect(canvas.getByRole('region')).toHaveAttribute('data-state', 'loading');
  },
};

export const StatusUnavailable: Story = {
  name: 'Error: status could not load',
  parameters: mfa({ scenario: 'totp-pending', faults: [{ kind: 'unavailable', path: '/status', times: 3 }] }),
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('The service is unavailable right now.');
  },
};

export const RecoveryCode: Story = {
  name: 'Another method: recovery code',
  play: async ({ canvas, loaded, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Recovery code' }));
    const field = await canvas.findByLabelText('Recovery code');
    await waitFor(() => expect(field).toHaveFocus());
    const [code] = backendOf(loaded).recoveryCodes;
    // Pasted as printed, with the hyphen and in capitals.
    await userEvent.paste((code ?? '').toUpperCase());
    await expect(await canvas.findByText('You’re signed in.')).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('recovery_code');
  },
};

export const Passkey: Story = {
  name: 'Another method: passkey',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'soft' }),
  play: async ({ canvas, args }) => {
    // The app was added last, so it comes first; the passkey is one switch away.
    await canvas.findByLabelText('Verification code');
    await userEvent.click(canvas.getByRole('button', { name: 'Passkey' }));
    const button = await canvas.findByRole('button', { name: 'Use your passkey' });
    await waitFor(() => expect(button).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('You’re signed in.')).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledWith('passkey');
  },
};

export const PasskeyWaiting: Story = {
  name: 'Loading: waiting for the passkey',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'waiting' }),
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Passkey' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Use your passkey' }));
    await expect(await canvas.findByText('Follow the steps your browser shows.')).toBeVisible();
    await expect(canvas.getByRole('region')).toHaveAttribute('data-state', 'pending');
  },
};

export const PasskeyCancelled: Story = {
  name: 'Error: passkey prompt closed',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'cancelled' }),
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Passkey' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Use your passkey' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The passkey request was cancelled');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: mfa({ scenario: 'totp-and-passkey-pending' }),
};

export const German: Story = {
  globals: { locale: 'de' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('region', { name: 'Bestätigung in zwei Schritten' })).toBeVisible();
    await expect(await canvas.findByLabelText('Bestätigungscode')).toBeVisible();
  },
};

export const Arabic: Story = {
  globals: { locale: 'ar' },
  parameters: mfa({ scenario: 'totp-and-passkey-pending' }),
  play: async ({ canvas, loaded }) => {
    await expect(await canvas.findByRole('region', { name: 'التحقق بخطوتين' })).toBeVisible();
    // Arabic-Indic digits from an Arabic keyboard are the code's digits.
    const code = backendOf(loaded).code();
    const arabic = code.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
    await userEvent.click(await canvas.findByLabelText('رمز التحقق'));
    await userEvent.keyboard(arabic);
    await expect(await canvas.findByText('تم تسجيل دخولك.')).toBeVisible();
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  parameters: mfa({ scenario: 'totp-and-passkey-pending' }),
};
