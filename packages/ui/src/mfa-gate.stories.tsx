import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { MfaGate } from './mfa-gate.js';
import { type Backend, totpCode } from './test/backend.js';

const meta = {
  title: 'Components/MfaGate',
  component: MfaGate,
  args: {
    children: <p data-testid="protected">Your wallet: 1,000.00 USD</p>,
  },
} satisfies Meta<typeof MfaGate>;

export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (context: { loaded: unknown }) => (context.loaded as { backend: Backend }).backend;

/** The key a user who cannot scan reads off the page. */
async function readKey(canvasElement: HTMLElement): Promise<string> {
  const canvas = within(canvasElement);
  const trigger = await canvas.findByRole('button', { name: /can.t scan it/i });
  if (trigger.getAttribute('aria-expanded') !== 'true') await userEvent.click(trigger);
  const key = canvasElement.querySelector('.mfa-totp-setup-secret-key');
  return (key?.textContent ?? '').replace(/\s/g, '');
}

/** MFA done: the children show. */
export const Satisfied: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByTestId('protected')).toBeVisible();
  },
};

/** A user without MFA under an optional policy: the children show. */
export const NotRequired: Story = {
  parameters: { mfa: { scenario: 'new-user' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByTestId('protected')).toBeVisible();
  },
};

/** A pending sign-in: the challenge, then the children once the code is accepted. */
export const Challenge: Story = {
  parameters: { mfa: { scenario: 'totp-pending' } },
  play: async (context) => {
    const { canvas } = context;
    const field = await canvas.findByLabelText('Verification code');
    await expect(canvas.queryByTestId('protected')).toBeNull();
    await userEvent.type(field, backendOf(context).code());
    await expect(await canvas.findByTestId('protected')).toBeVisible();
  },
};

/** Enrolment required: set up an app, save the codes, then the children. */
export const Enrollment: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('heading', { name: 'Set up two-step verification' });
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const key = await readKey(canvasElement);
    await userEvent.type(canvas.getByLabelText('Verification code'), totpCode(key));
    // The sign-in is complete now, yet the gate stays until the recovery codes are saved.
    const list = await canvas.findByRole('list', { name: 'Recovery codes' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    await expect(canvas.queryByTestId('protected')).toBeNull();
    await userEvent.click(canvas.getByLabelText('I have saved these codes'));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByTestId('protected')).toBeVisible();
  },
};

/** Both factor kinds allowed: the user chooses between an app and a passkey. */
export const EnrollmentChoice: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  play: async ({ canvas }) => {
    const tabs = await canvas.findByRole('tablist', { name: 'How do you want to verify?' });
    await userEvent.click(within(tabs).getByRole('tab', { name: 'Passkey' }));
    await expect(within(tabs).getByRole('tab', { name: 'Passkey' })).toHaveAttribute('aria-selected', 'true');
  },
};

/** Nobody signed in: the `signedOut` slot. */
export const SignedOut: Story = {
  parameters: { mfa: { scenario: 'new-user' } },
  args: { signedOut: <p>Please sign in.</p> },
  play: async (context) => {
    backendOf(context).setToken(null);
    await expect(await context.canvas.findByText('Please sign in.')).toBeVisible();
  },
};

/** The status cannot load: the error, never the children. */
export const Unavailable: Story = {
  parameters: { mfa: { scenario: 'totp', faults: [{ kind: 'unavailable', path: '/status', times: 100 }] } },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent('The service is unavailable right now.');
    await expect(canvas.queryByTestId('protected')).toBeNull();
  },
};

export const Dark: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  globals: { theme: 'dark' },
};

export const German: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  globals: { locale: 'de' },
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: 'Bestätigung in zwei Schritten einrichten' });
  },
};

export const Arabic: Story = {
  parameters: { mfa: { scenario: 'totp-pending' } },
  globals: { locale: 'ar' },
};

export const Mobile: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};
