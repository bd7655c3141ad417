import { createMfaClient } from '@mfa-kit/client';
import { MfaProvider } from '@mfa-kit/react';
import { register } from '@mfa-kit/server/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DeviceList } from './device-list/index.js';
import { type Backend, softAssertion, totpCode } from './test/backend.js';

/*
 * Every story runs against the real server inside the page (src/test/backend.ts), through the real
 * hooks. Removing asks for step-up through the StepUpDialog that Storybook's providers mount.
 */

const backendOf = (context: { loaded: unknown }) => (context.loaded as { backend: Backend }).backend;
const body = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body);
const LAST_FACTOR = 'You need at least one way to sign in because two-step verification is required.';

/**
 * Gives the 'enrollment-required' user an authenticator app (and a passkey first, when asked), so the
 * story shows a signed-in user under a policy that requires MFA. createBackend's 'totp' scenarios can't
 * take `policy: { required: true }` yet: the upgraded token of their first enrolment is not kept.
 */
async function enrolUnderRequiredPolicy(backend: Backend, withPasskey = false) {
  const { client } = backend;
  let link: string | undefined;
  if (withPasskey) {
    const creation = await client.getPasskeyRegistrationOptions({ name: 'MacBook Touch ID' });
    const { credential, response } = await register(creation);
    const done = await client.verifyPasskeyRegistration({ response });
    if (done.accessToken) backend.setToken(done.accessToken);
    backend.passkey = credential;
    const request = await client.getPasskeyVerificationOptions({ requestedScopes: ['credential:link'] });
    const assertion = await softAssertion(backend, request);
    link = (
      await client.verifyPasskeyAssertion({ response: assertion, requestedScopes: ['credential:link'] })
    ).elevatedToken;
  }
  const started = await client.enrollTotp({ name: 'Pixel 9', ...(link ? { elevatedToken: link } : {}) });
  const done = await client.verifyTotpEnrollment({
    deviceId: started.deviceId,
    code: totpCode(started.secret, -1),
  });
  if (done.accessToken) backend.setToken(done.accessToken);
  backend.totpSecret = started.secret;
  await client.acknowledgeRecoveryCodes();
}

/** Removes the user's passkey behind the list's back, as another tab would (step-up with the passkey). */
async function removePasskeyElsewhere(backend: Backend) {
  const { client } = backend;
  const request = await client.getPasskeyVerificationOptions({ requestedScopes: ['credential:unlink'] });
  const response = await softAssertion(backend, request);
  const { elevatedToken } = await client.verifyPasskeyAssertion({
    response,
    requestedScopes: ['credential:unlink'],
  });
  const passkey = (await client.getStatus()).devices.find((device) => device.type === 'passkey');
  await client.removeDevice(passkey?.id ?? '', { elevatedToken });
}

/** Answers the mounted StepUpDialog with the authenticator app's current code. */
async function answerStepUp(canvasElement: HTMLElement, backend: Backend) {
  const dialog = await body(canvasElement).findByRole('dialog', { name: /confirm it’s you/i });
  await userEvent.type(within(dialog).getByLabelText('Verification code'), backend.code());
  await waitFor(() => expect(dialog).not.toBeInTheDocument());
}

/** Opens the confirmation of a row's Remove button and confirms it. */
async function confirmRemoval(canvasElement: HTMLElement, name: string) {
  await userEvent.click(within(canvasElement).getByRole('button', { name: `Remove ${name}` }));
  const dialog = await body(canvasElement).findByRole('alertdialog', { name: `Remove ${name}?` });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
}

const meta = {
  title: 'Components/DeviceList',
  component: DeviceList,
  parameters: { mfa: { scenario: 'totp-and-passkey' } },
} satisfies Meta<typeof DeviceList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An authenticator app and a passkey, oldest first, each with its kind, when added and last used. */
export const AppAndPasskey: Story = {
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Sign-in methods' });
    const rows = within(list).getAllByRole('listitem');
    await expect(rows.map((row) => row.getAttribute('data-type'))).toEqual(['passkey', 'totp']);
    await expect(canvas.getByRole('listitem', { name: 'Pixel 9 Authenticator app' })).toHaveTextContent(
      /Added /,
    );
  },
};

/** One authenticator app, MFA optional: it can be removed. */
export const AuthenticatorApp: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas }) => {
    const remove = await canvas.findByRole('button', { name: 'Remove Pixel 9' });
    await expect(remove).not.toHaveAttribute('aria-disabled');
  },
};

/** The first load, with a network that has not answered yet: skeleton rows, `aria-busy`. */
export const Loading: Story = {
  render: function Render(args, context) {
    const backend = backendOf(context);
    const [client] = useState(() =>
      createMfaClient({
        baseUrl: '/api/mfa',
        getAccessToken: backend.getToken,
        fetch: () => new Promise<Response>(() => undefined),
      }),
    );
    return (
      <MfaProvider client={client} accessToken={backend.getToken()} onAccessToken={backend.setToken}>
        <DeviceList {...args} />
      </MfaProvider>
    );
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('region', { name: 'Sign-in methods' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await expect(canvas.getByText('Loading your sign-in methods…')).toBeInTheDocument();
  },
};

/** A user without a factor: the empty state and the kinds they can add. */
export const Empty: Story = {
  parameters: { mfa: { scenario: 'new-user' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No sign-in methods yet')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add authenticator app' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add passkey' })).toBeVisible();
  },
};

/** A policy that allows authenticator apps only: no "Add passkey". */
export const AuthenticatorAppsOnly: Story = {
  parameters: { mfa: { scenario: 'new-user', policy: { methods: ['totp'] } } },
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: 'Add authenticator app' });
    await expect(canvas.queryByRole('button', { name: 'Add passkey' })).not.toBeInTheDocument();
  },
};

/** MFA is required and this is the only factor: Remove is blocked, and says why. */
export const RequiredLastFactor: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  beforeEach: async (context) => {
    await enrolUnderRequiredPolicy(backendOf(context));
  },
  play: async ({ canvas, canvasElement }) => {
    const remove = await canvas.findByRole('button', { name: 'Remove Pixel 9' });
    await expect(remove).toHaveAttribute('aria-disabled', 'true');
    await expect(remove).toHaveAccessibleDescription(LAST_FACTOR);
    await expect(canvas.getByText(LAST_FACTOR)).toBeVisible();
    await userEvent.click(remove);
    await expect(body(canvasElement).queryByRole('alertdialog')).not.toBeInTheDocument();
  },
};

/** Rename with the keyboard: Enter saves, focus returns to Rename, the change is announced. */
export const Rename: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas }) => {
    const rename = await canvas.findByRole('button', { name: 'Rename Pixel 9' });
    rename.focus();
    await userEvent.keyboard('{Enter}');
    const field = canvas.getByRole('textbox', { name: 'Name' });
    await expect(field).toHaveFocus();
    await userEvent.keyboard('Work phone{Enter}');
    await expect(await canvas.findByRole('button', { name: 'Rename Work phone' })).toHaveFocus();
    await expect(canvas.getByText('Renamed to Work phone.')).toBeVisible();
  },
};

/** Escape ends a rename without saving and gives focus back to Rename. */
export const RenameCancelled: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Rename Pixel 9' }));
    await userEvent.keyboard('Something else{Escape}');
    await expect(canvas.getByRole('button', { name: 'Rename Pixel 9' })).toHaveFocus();
    await expect(canvas.queryByRole('textbox', { name: 'Name' })).not.toBeInTheDocument();
  },
};

/** A name the server refuses (blank): explained at the field (`invalid_request`). */
export const RenameInvalid: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Rename Pixel 9' }));
    const field = canvas.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(field);
    await userEvent.type(field, '   {Enter}');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    await expect(field).toHaveAccessibleDescription(/1 to 64 characters/);
    await expect(field).toHaveFocus();
  },
};

/** The store is unavailable while saving a name (`unavailable`): said at the field, nothing lost. */
export const RenameUnavailable: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async (context) => {
    const { canvas } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Rename Pixel 9' }));
    backendOf(context).fail({ kind: 'unavailable', path: '/devices' });
    await userEvent.type(canvas.getByRole('textbox', { name: 'Name' }), ' Pro{Enter}');
    await expect(await canvas.findByText(/unavailable right now/)).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'Name' })).toHaveValue('Pixel 9 Pro');
  },
};

/** The confirmation before a removal; Cancel has focus first. */
export const ConfirmRemoval: Story = {
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove Pixel 9' }));
    const dialog = await body(canvasElement).findByRole('alertdialog', { name: 'Remove Pixel 9?' });
    await expect(dialog).toHaveAccessibleDescription('You won’t be able to use it to sign in.');
    await expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  },
};

/** Confirm, step up with a code, and the row is gone; focus moves to the next row. */
export const RemoveWithStepUp: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    await canvas.findByRole('list', { name: 'Sign-in methods' });
    await confirmRemoval(canvasElement, 'MacBook Touch ID');
    await answerStepUp(canvasElement, backendOf(context));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Rename Pixel 9' })).toHaveFocus());
    await expect(canvas.queryByRole('listitem', { name: /MacBook Touch ID/ })).not.toBeInTheDocument();
    await expect(canvas.getByText('MacBook Touch ID was removed.')).toBeVisible();
  },
};

/** Without the `required` prop, the hooks refuse the last factor (`conflict`); the list says why. */
export const RemoveConflict: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  // Not told that MFA is required (the prop overrides the policy), the list learns it from the refusal.
  args: { required: false },
  beforeEach: async (context) => {
    await enrolUnderRequiredPolicy(backendOf(context));
  },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('list', { name: 'Sign-in methods' });
    await confirmRemoval(canvasElement, 'Pixel 9');
    const alert = await canvas.findByText(LAST_FACTOR);
    await expect(alert).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Remove Pixel 9' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

/** The passkey was removed in another tab; the server refuses the app after step-up (`conflict`). */
export const RemoveConflictFromServer: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  args: { required: true },
  beforeEach: async (context) => {
    await enrolUnderRequiredPolicy(backendOf(context), true);
  },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const backend = backendOf(context);
    await canvas.findByRole('listitem', { name: 'MacBook Touch ID Passkey' });
    await removePasskeyElsewhere(backend);
    await confirmRemoval(canvasElement, 'Pixel 9');
    await answerStepUp(canvasElement, backend);
    await expect(await canvas.findByText(LAST_FACTOR)).toBeVisible();
    await waitFor(() => expect(canvas.queryByRole('listitem', { name: /MacBook/ })).not.toBeInTheDocument());
  },
};

/** The store is unavailable when the list loads (after two automatic retries): why, and Retry. */
export const LoadUnavailable: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  beforeEach: (context) => {
    backendOf(context).fail({ kind: 'unavailable', path: '/status', times: 3 });
  },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('We couldn’t load your sign-in methods.');
    await expect(alert).toHaveTextContent(/unavailable right now/);
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** Retry after a failed load: the list loads, focus stays in it (on the heading). */
export const LoadRetry: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  beforeEach: (context) => {
    backendOf(context).fail({ kind: 'unavailable', path: '/status', times: 3 });
  },
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Try again' }, { timeout: 10_000 }));
    await expect(await canvas.findByRole('listitem', { name: 'Pixel 9 Authenticator app' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Sign-in methods' })).toHaveFocus();
  },
};

/** Offline when the list loads (`network_error`). */
export const LoadOffline: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  beforeEach: (context) => {
    backendOf(context).fail({ kind: 'network', path: '/status', times: 3 });
  },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent(/offline/);
  },
};

/** The app handles adding (its own pages): the buttons call `onAddTotp` / `onAddPasskey`. */
export const AddWithCallbacks: Story = {
  args: { onAddTotp: fn(), onAddPasskey: fn() },
  play: async ({ canvas, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add authenticator app' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Add passkey' }));
    await expect(args.onAddTotp).toHaveBeenCalledTimes(1);
    await expect(args.onAddPasskey).toHaveBeenCalledTimes(1);
  },
};

/** Without callbacks, "Add authenticator app" opens TotpSetup in a dialog. */
export const AddAuthenticatorApp: Story = {
  parameters: { mfa: { scenario: 'new-user' } },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add authenticator app' }));
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add authenticator app' });
    const start = within(dialog).getByRole('button', { name: 'Set up authenticator app' });
    await waitFor(() => expect(start).toBeVisible());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Add authenticator app' })).toHaveFocus());
  },
};

/** Without callbacks, "Add passkey" opens PasskeyPrompt (register) in a dialog. */
export const AddPasskey: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Add passkey' }));
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add passkey' });
    const create = within(dialog).getByRole('button', { name: 'Create a passkey' });
    await waitFor(() => expect(create).toBeVisible());
  },
};

/** Every action disabled (the page is busy with something else). */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Rename Pixel 9' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Remove Pixel 9' })).toBeDisabled();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const German: Story = {
  globals: { locale: 'de' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'Anmeldemethoden' })).toBeVisible();
    await expect(await canvas.findByRole('button', { name: 'Pixel 9 umbenennen' })).toBeVisible();
    await expect(canvas.getByRole('listitem', { name: 'Pixel 9 Authenticator-App' })).toHaveTextContent(
      /Hinzugefügt am/,
    );
  },
};

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByRole('heading', { name: 'طرق تسجيل الدخول' })).toBeVisible();
    await userEvent.click(await canvas.findByRole('button', { name: /^إزالة \W?Pixel 9\W?$/ }));
    const dialog = await body(canvasElement).findByRole('alertdialog', { name: /^إزالة \W?Pixel 9\W?؟$/ });
    await expect(dialog.closest('.mfa-portal')).toHaveAttribute('dir', 'rtl');
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};

/** The parts, composed by hand: a level-3 heading of its own, no description and no Add buttons. */
export const Composed: Story = {
  render: (args) => (
    <DeviceList.Root {...args}>
      <DeviceList.Title level={3}>Your keys and apps</DeviceList.Title>
      <DeviceList.Loading rows={1} />
      <DeviceList.Error />
      <DeviceList.Empty />
      <DeviceList.Items>
        {(device) => (
          <DeviceList.Item device={device}>
            <DeviceList.Icon />
            <div className="mfa-device-list-body">
              <DeviceList.Name />
              <DeviceList.Meta />
            </div>
            <div className="mfa-device-list-item-actions">
              <DeviceList.Rename />
              <DeviceList.Remove />
            </div>
            <DeviceList.Note />
            <DeviceList.ItemError />
          </DeviceList.Item>
        )}
      </DeviceList.Items>
      <DeviceList.Status />
    </DeviceList.Root>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 3, name: 'Your keys and apps' })).toBeVisible();
    await expect(await canvas.findAllByRole('listitem')).toHaveLength(2);
  },
};
