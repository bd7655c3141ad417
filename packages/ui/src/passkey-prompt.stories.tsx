import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, waitFor } from 'storybook/test';
import type { MfaStoryParameters } from '../../../.storybook/backend.js';
import { PasskeyPrompt } from './passkey-prompt/index.js';
import type { Backend } from './test/backend.js';

const mfa = (parameters: MfaStoryParameters) => ({ mfa: parameters });
const backendOf = (loaded: unknown) => (loaded as { backend: Backend }).backend;

/** Answers the step-up dialog that adding a factor asks for, with the app's current code. */
async function confirmStepUp(backend: Backend) {
  await screen.findByRole('dialog', { name: 'Confirm it’s you to change your sign-in methods' });
  const field = await screen.findByLabelText('Verification code');
  await waitFor(() => expect(field).toHaveFocus());
  await userEvent.keyboard(backend.code());
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
}

const meta = {
  title: 'Components/PasskeyPrompt',
  component: PasskeyPrompt,
  parameters: mfa({ scenario: 'new-user', passkeys: 'soft' }),
  args: { mode: 'register', onRegistered: fn(), onVerified: fn() },
} satisfies Meta<typeof PasskeyPrompt>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Register: Story = {
  name: 'Register: idle',
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'Add a passkey' })).toBeVisible();
    const name = canvas.getByLabelText('Passkey name (optional)');
    await expect(name).toHaveAccessibleDescription(
      'Helps you recognise it later, for example “Work laptop”.',
    );
    await expect(canvas.getByRole('button', { name: 'Create a passkey' })).toBeEnabled();
  },
};

export const RegisterSuccess: Story = {
  name: 'Register: success',
  play: async ({ canvas, args, loaded }) => {
    await userEvent.type(canvas.getByLabelText('Passkey name (optional)'), 'Work laptop');
    // Enter in the name field creates the passkey, as submitting a form would.
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('Work laptop added.')).toBeVisible();
    await expect(args.onRegistered).toHaveBeenCalledWith(expect.objectContaining({ name: 'Work laptop' }));
    const { devices } = await backendOf(loaded).client.getStatus();
    await expect(devices.map((device) => device.name)).toEqual(['Work laptop']);
  },
};

export const RegisterWithStepUp: Story = {
  name: 'Register: a second factor asks for step-up first',
  parameters: mfa({ scenario: 'totp', passkeys: 'soft' }),
  play: async ({ canvas, loaded }) => {
    const backend = backendOf(loaded);
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    await confirmStepUp(backend);
    await expect(await canvas.findByText('Passkey added.')).toBeVisible();
  },
};

export const RegisterWaiting: Story = {
  name: 'Register: waiting for the browser (loading)',
  parameters: mfa({ scenario: 'new-user', passkeys: 'waiting' }),
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    await expect(await canvas.findByText('Follow the steps your browser shows.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Create a passkey' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await expect(canvas.getByLabelText('Passkey name (optional)')).toHaveAttribute('readonly');
  },
};

export const RegisterCancelled: Story = {
  name: 'Register: error, prompt closed',
  parameters: mfa({ scenario: 'new-user', passkeys: 'cancelled' }),
  args: { onUseAnotherMethod: fn() },
  play: async ({ canvas, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The passkey request was cancelled or timed out.');
    const retry = canvas.getByRole('button', { name: 'Try again' });
    await expect(retry).toHaveAccessibleDescription(alert.textContent ?? '');
    await userEvent.click(canvas.getByRole('button', { name: 'Use your authenticator app instead' }));
    await expect(args.onUseAnotherMethod).toHaveBeenCalled();
  },
};

export const RegisterAlreadyRegistered: Story = {
  name: 'Register: error, this device already has one',
  parameters: mfa({ scenario: 'totp-and-passkey', passkeys: 'soft' }),
  play: async ({ canvas, loaded }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    await confirmStepUp(backendOf(loaded));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'This device already has a passkey for your account',
    );
  },
};

export const RegisterConflict: Story = {
  name: 'Register: error, the server knows this passkey',
  play: async ({ canvas, loaded }) => {
    backendOf(loaded).fail({ kind: 'conflict', path: '/passkey/register/verify' });
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'This device already has a passkey for your account',
    );
  },
};

export const RegisterUnavailable: Story = {
  name: 'Register: error, service unavailable',
  play: async ({ canvas, loaded }) => {
    backendOf(loaded).fail({ kind: 'unavailable', path: '/passkey/register/options' });
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The service is unavailable right now.');
    // Nothing was created: trying again works.
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByText('Passkey added.')).toBeVisible();
  },
};

export const RegisterOffline: Story = {
  name: 'Register: error, offline',
  play: async ({ canvas, loaded }) => {
    backendOf(loaded).fail({ kind: 'network', path: '/passkey/register/options' });
    await userEvent.click(canvas.getByRole('button', { name: 'Create a passkey' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('You seem to be offline.');
  },
};

export const Unsupported: Story = {
  name: 'Browser without passkeys',
  parameters: mfa({ scenario: 'new-user', passkeys: 'unsupported' }),
  args: { onUseAnotherMethod: fn() },
  play: async ({ canvas, args }) => {
    await expect(canvas.getByText(/This browser can’t create passkeys\./)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Create a passkey' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Use your authenticator app instead' }));
    await expect(args.onUseAnotherMethod).toHaveBeenCalled();
  },
};

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Create a passkey' })).toBeDisabled();
    await expect(canvas.getByLabelText('Passkey name (optional)')).toBeDisabled();
  },
};

export const Verify: Story = {
  name: 'Verify: idle',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'soft' }),
  args: { mode: 'verify' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'Use your passkey' })).toBeVisible();
    await expect(canvas.queryByLabelText('Passkey name (optional)')).toBeNull();
  },
};

export const VerifySuccess: Story = {
  name: 'Verify: success (completes the sign-in)',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'soft' }),
  args: { mode: 'verify' },
  play: async ({ canvas, args, loaded }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Use your passkey' }));
    await expect(await canvas.findByText('Passkey confirmed.')).toBeVisible();
    await expect(args.onVerified).toHaveBeenCalled();
    await expect(await backendOf(loaded).client.getStatus()).toMatchObject({ requiresAdditionalAuth: false });
  },
};

export const VerifyCancelled: Story = {
  name: 'Verify: error, prompt closed',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'cancelled' }),
  args: { mode: 'verify', onUseAnotherMethod: fn() },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Use your passkey' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The passkey request was cancelled');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Use your authenticator app instead' })).toBeVisible();
  },
};

export const VerifyRateLimited: Story = {
  name: 'Verify: error, locked after wrong codes',
  parameters: mfa({ scenario: 'totp-and-passkey-pending', passkeys: 'soft' }),
  args: { mode: 'verify' },
  play: async ({ canvas, loaded }) => {
    const backend = backendOf(loaded);
    // Five wrong codes elsewhere lock the user; the server then refuses a passkey too, until it opens.
    for (let attempt = 0; attempt < 5; attempt++) {
      await backend.client.verifyTotp({ code: '000000' }).catch(() => undefined);
    }
    await userEvent.click(canvas.getByRole('button', { name: 'Use your passkey' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(/Too many attempts\. Try again in 0:(30|29)\./);
    await expect(canvas.getByRole('button', { name: 'Use your passkey' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const German: Story = {
  globals: { locale: 'de' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'Passkey hinzufügen' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Passkey erstellen' }));
    await expect(await canvas.findByText('Passkey hinzugefügt.')).toBeVisible();
  },
};

export const Arabic: Story = {
  globals: { locale: 'ar' },
  parameters: mfa({ scenario: 'new-user', passkeys: 'cancelled' }),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'إضافة مفتاح مرور' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'إنشاء مفتاح مرور' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('أُلغي طلب مفتاح المرور');
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  args: { onUseAnotherMethod: fn() },
};
