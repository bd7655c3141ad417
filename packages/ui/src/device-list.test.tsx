import { MfaProvider, useStepUpPrompt } from '@mfa-kit/react';
import type { MfaPolicyInput } from '@mfa-kit/server';
import { register } from '@mfa-kit/server/testing';
import { type ReactNode, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ar } from './i18n/ar.js';
import { de } from './i18n/de.js';
import { DeviceList, type DeviceListProps, MfaUiProvider } from './index.js';
import { StepUpDialog } from './step-up-dialog/index.js';
import { type Backend, createBackend, type Scenario, softAssertion, totpCode } from './test/backend.js';

/** A minimal step-up prompt, as an app could build on useStepUpPrompt(): answers with the current code. */
function CodePrompt({ backend }: { backend: Backend }) {
  const prompt = useStepUpPrompt();
  if (!prompt) return null;
  return (
    <div role="dialog" aria-label="Confirm it’s you">
      <button type="button" onClick={() => prompt.submitTotp(backend.code()).catch(() => {})}>
        Confirm with code
      </button>
      <button type="button" onClick={prompt.cancel}>
        Cancel step-up
      </button>
    </div>
  );
}

/** The app around the list: its own token store, and the step-up prompt (the kit's dialog or a minimal one). */
function App({ backend, dialog, children }: { backend: Backend; dialog?: boolean; children: ReactNode }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      {children}
      {dialog ? <StepUpDialog /> : <CodePrompt backend={backend} />}
    </MfaProvider>
  );
}

/** Answers the kit's StepUpDialog with the authenticator app's current code. */
async function confirmWithCode(backend: Backend) {
  const stepUp = page.getByRole('dialog', { name: /Confirm it’s you/ });
  await userEvent.click(stepUp.getByLabelText('Verification code'));
  await userEvent.keyboard(backend.code());
}

/**
 * The user of 'totp' (and 'totp-and-passkey') under a policy that requires MFA. createBackend's own
 * scenarios can't be combined with `required: true` yet: their first enrolment completes the pending
 * sign-in, and the upgraded token is not kept, so its next call is refused with mfa_required.
 */
async function requiredBackend(withPasskey = false): Promise<Backend> {
  const backend = await createBackend({ scenario: 'enrollment-required' });
  const { client } = backend;
  let link: string | undefined;
  if (withPasskey) {
    const { credential, response } = await register(
      await client.getPasskeyRegistrationOptions({ name: 'MacBook Touch ID' }),
    );
    const done = await client.verifyPasskeyRegistration({ response });
    if (done.accessToken) backend.setToken(done.accessToken);
    backend.passkey = credential;
    const request = await client.getPasskeyVerificationOptions({ requestedScopes: ['credential:link'] });
    link = (
      await client.verifyPasskeyAssertion({
        response: await softAssertion(backend, request),
        requestedScopes: ['credential:link'],
      })
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
  return backend;
}

let current: { unmount(): Promise<void> } | null = null;
afterEach(async () => {
  await current?.unmount();
  current = null;
});

async function setup(
  scenario: Scenario | 'totp-required' | 'totp-and-passkey-required',
  options: {
    policy?: MfaPolicyInput;
    props?: DeviceListProps;
    wrap?: (node: ReactNode) => ReactNode;
    dialog?: boolean;
  } = {},
) {
  const backend =
    scenario === 'totp-required' || scenario === 'totp-and-passkey-required'
      ? await requiredBackend(scenario === 'totp-and-passkey-required')
      : await createBackend({ scenario, ...(options.policy ? { policy: options.policy } : {}) });
  const list = <DeviceList {...options.props} />;
  current = await render(
    <App backend={backend} dialog={options.dialog ?? false}>
      {options.wrap ? options.wrap(list) : list}
    </App>,
  );
  return backend;
}

const row = (name: string) => page.getByRole('listitem', { name });
const active = () => document.activeElement;

describe('DeviceList in Chromium', () => {
  it('lists every factor, oldest first, with its kind, when it was added and last used', async () => {
    await setup('totp-and-passkey');
    await expect.element(row('MacBook Touch ID Passkey')).toBeVisible();
    const items = page.getByRole('listitem').elements();
    expect(items.map((item) => item.querySelector('.mfa-device-list-name')?.textContent)).toEqual([
      'MacBook Touch ID',
      'Pixel 9',
    ]);
    const pixel = row('Pixel 9 Authenticator app');
    await expect.element(pixel).toHaveTextContent(/Added [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await expect.element(pixel).toHaveTextContent(/Last used just now|Not used yet/);
    expect(pixel.element().querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect.element(page.getByRole('list', { name: 'Sign-in methods' })).toBeVisible();
  });

  it('renames with the keyboard alone: Enter saves and focus returns to Rename', async () => {
    await setup('totp');
    const rename = page.getByRole('button', { name: 'Rename Pixel 9' });
    await expect.element(rename).toBeVisible();
    (rename.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const field = page.getByRole('textbox', { name: 'Name' });
    await expect.element(field).toHaveFocus();
    const input = field.element() as HTMLInputElement;
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 'Pixel 9'.length]);
    await userEvent.keyboard('Work phone{Enter}');
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Renamed' }))
      .toHaveTextContent('Renamed to Work phone.');
    await expect.element(page.getByRole('button', { name: 'Rename Work phone' })).toHaveFocus();
    await expect.element(row('Work phone Authenticator app')).toBeVisible();
  });

  it('cancels a rename with Escape and gives focus back to the Rename button', async () => {
    const backend = await setup('totp');
    await userEvent.click(page.getByRole('button', { name: 'Rename Pixel 9' }));
    await userEvent.keyboard('Something else{Escape}');
    await expect.element(page.getByRole('textbox', { name: 'Name' })).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Rename Pixel 9' })).toHaveFocus();
    const { devices } = await backend.client.getStatus();
    expect(devices[0]?.name).toBe('Pixel 9');
  });

  it('shows the server’s refusal of a name at the field, and keeps the field', async () => {
    await setup('totp');
    await userEvent.click(page.getByRole('button', { name: 'Rename Pixel 9' }));
    await userEvent.fill(page.getByRole('textbox', { name: 'Name' }), '   ');
    await userEvent.click(page.getByRole('button', { name: 'Save' }));
    const field = page.getByRole('textbox', { name: 'Name' });
    await expect.element(field).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field).toHaveAccessibleDescription(/1 to 64 characters/);
    await expect.element(page.getByRole('alert').filter({ hasText: '64' })).toBeVisible();
    await expect.element(field).toHaveFocus();
  });

  it('says when a renamed factor was removed elsewhere (not_found from the server)', async () => {
    const backend = await setup('totp-and-passkey');
    await userEvent.click(page.getByRole('button', { name: 'Rename MacBook Touch ID' }));
    // Removed in another tab: step up with the passkey and delete it behind the list's back.
    const options = await backend.client.getPasskeyVerificationOptions({
      requestedScopes: ['credential:unlink'],
    });
    const response = await softAssertion(backend, options);
    const { elevatedToken } = await backend.client.verifyPasskeyAssertion({
      response,
      requestedScopes: ['credential:unlink'],
    });
    const passkey = (await backend.client.getStatus()).devices.find((d) => d.type === 'passkey');
    await backend.client.removeDevice(passkey?.id ?? '', { elevatedToken });
    await userEvent.fill(page.getByRole('textbox', { name: 'Name' }), 'Laptop');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alert').filter({ hasText: 'couldn’t find' })).toBeVisible();
  });

  it('confirms before removing, traps focus in the dialog, and returns focus to Remove on Cancel', async () => {
    await setup('totp-and-passkey');
    const remove = page.getByRole('button', { name: 'Remove Pixel 9' });
    await expect.element(remove).toBeVisible();
    (remove.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const dialog = page.getByRole('alertdialog', { name: 'Remove Pixel 9?' });
    await expect.element(dialog).toHaveAccessibleDescription('You won’t be able to use it to sign in.');
    // The safe choice has focus first.
    await expect.element(page.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    await expect.element(dialog.getByRole('button', { name: 'Remove' })).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    await expect.element(page.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(remove).toHaveFocus();
    await expect.element(row('Pixel 9 Authenticator app')).toBeVisible();
  });

  it('removes after step-up in the kit’s StepUpDialog and moves focus to the next row’s first action', async () => {
    const backend = await setup('totp-and-passkey', { dialog: true });
    await userEvent.click(page.getByRole('button', { name: 'Remove MacBook Touch ID' }));
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }));
    await confirmWithCode(backend);
    await expect.element(row('MacBook Touch ID Passkey')).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Rename Pixel 9' })).toHaveFocus();
    await expect
      .element(page.getByRole('status').filter({ hasText: 'removed' }))
      .toHaveTextContent('MacBook Touch ID was removed.');
  });

  it('moves focus to the heading when the last row is removed (MFA optional)', async () => {
    const backend = await setup('totp');
    await userEvent.click(page.getByRole('button', { name: 'Remove Pixel 9' }));
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }));
    await userEvent.click(page.getByRole('button', { name: 'Confirm with code' }));
    await expect.element(page.getByText('No sign-in methods yet')).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'Sign-in methods' })).toHaveFocus();
    expect((await backend.client.getStatus()).devices).toEqual([]);
  });

  it('removes nothing and says nothing when the step-up is cancelled', async () => {
    await setup('totp');
    await userEvent.click(page.getByRole('button', { name: 'Remove Pixel 9' }));
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }));
    await userEvent.click(page.getByRole('button', { name: 'Cancel step-up' }));
    const remove = page.getByRole('button', { name: 'Remove Pixel 9' });
    await expect.element(remove).not.toHaveAttribute('aria-busy');
    await expect.element(row('Pixel 9 Authenticator app')).toBeVisible();
    expect(row('Pixel 9 Authenticator app').element().querySelector('[role="alert"]')?.textContent).toBe('');
  });

  it('blocks removing the last factor while the policy requires MFA, and says why', async () => {
    // Known from the server's policy (useMfa().required): no prop needed.
    await setup('totp-required');
    const remove = page.getByRole('button', { name: 'Remove Pixel 9' });
    await expect.element(remove).toHaveAttribute('aria-disabled', 'true');
    await expect
      .element(remove)
      .toHaveAccessibleDescription(
        'You need at least one way to sign in because two-step verification is required.',
      );
    // Still focusable, so the explanation is heard; pressing it opens nothing.
    (remove.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    // Playwright refuses to click what is aria-disabled unless forced; a user's click does nothing either.
    await userEvent.click(remove, { force: true });
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(active()).toBe(remove.element());
  });

  it('explains the refusal when the hooks answer conflict, then blocks Remove', async () => {
    // Not told that MFA is required (the prop overrides the policy), the list learns it from the refusal.
    await setup('totp-required', { props: { required: false } });
    const remove = page.getByRole('button', { name: 'Remove Pixel 9' });
    await expect.element(remove).not.toHaveAttribute('aria-disabled');
    await userEvent.click(remove);
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }));
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'at least one way' }))
      .toHaveTextContent('You need at least one way to sign in because two-step verification is required.');
    await expect.element(remove).toHaveAttribute('aria-disabled', 'true');
    await expect.element(remove).toHaveAccessibleDescription(/at least one way to sign in/);
    await expect.element(remove).toHaveFocus();
  });

  it('explains a conflict the server answers after step-up (a factor was removed elsewhere)', async () => {
    const backend = await setup('totp-and-passkey-required', { props: { required: true } });
    await expect.element(row('MacBook Touch ID Passkey')).toBeVisible();
    const options = await backend.client.getPasskeyVerificationOptions({
      requestedScopes: ['credential:unlink'],
    });
    const response = await softAssertion(backend, options);
    const { elevatedToken } = await backend.client.verifyPasskeyAssertion({
      response,
      requestedScopes: ['credential:unlink'],
    });
    const passkey = (await backend.client.getStatus()).devices.find((d) => d.type === 'passkey');
    await backend.client.removeDevice(passkey?.id ?? '', { elevatedToken });

    // The list still shows both; removing the app is refused by the server itself.
    await userEvent.click(page.getByRole('button', { name: 'Remove Pixel 9' }));
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }));
    await userEvent.click(page.getByRole('button', { name: 'Confirm with code' }));
    await expect.element(page.getByRole('alert').filter({ hasText: 'at least one way' })).toBeVisible();
    await expect.element(row('MacBook Touch ID Passkey')).not.toBeInTheDocument();
    await expect
      .element(page.getByRole('button', { name: 'Remove Pixel 9' }))
      .toHaveAttribute('aria-disabled', 'true');
  });

  it('is busy with skeleton rows while loading, shows a failure with Retry, and loads on Retry', async () => {
    const backend = await createBackend({ scenario: 'totp' });
    backend.fail({ kind: 'unavailable', path: '/status', times: 3 });
    current = await render(
      <App backend={backend}>
        <DeviceList />
      </App>,
    );
    const section = page.getByRole('region', { name: 'Sign-in methods' });
    await expect.element(section).toHaveAttribute('aria-busy', 'true');
    expect(document.querySelector('.mfa-device-list-loading ul')?.getAttribute('aria-hidden')).toBe('true');
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'couldn’t load' }), { timeout: 10_000 })
      .toHaveTextContent(/unavailable right now/);
    await expect.element(section).not.toHaveAttribute('aria-busy');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.element(row('Pixel 9 Authenticator app')).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'Sign-in methods' })).toHaveFocus();
  });

  it('says when the list cannot be loaded while offline', async () => {
    const backend = await createBackend({ scenario: 'totp' });
    backend.fail({ kind: 'network', path: '/status', times: 3 });
    current = await render(
      <App backend={backend}>
        <DeviceList />
      </App>,
    );
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'couldn’t load' }), { timeout: 10_000 })
      .toHaveTextContent(/offline/);
  });

  it('offers only the kinds the policy allows, and hands them to the app', async () => {
    const onAddTotp = vi.fn();
    const onAddPasskey = vi.fn();
    await setup('new-user', { policy: { methods: ['totp'] }, props: { onAddTotp, onAddPasskey } });
    await expect.element(page.getByText('No sign-in methods yet')).toBeVisible();
    const add = page.getByRole('button', { name: 'Add authenticator app' });
    await expect.element(add).toBeVisible();
    expect(page.getByRole('button', { name: 'Add passkey' }).elements()).toHaveLength(0);
    await userEvent.click(add);
    expect(onAddTotp).toHaveBeenCalledTimes(1);
    expect(onAddPasskey).not.toHaveBeenCalled();
  });

  it('adds a passkey in a dialog (step-up first), then shows and announces the new row', async () => {
    const authenticator = await commands.addVirtualAuthenticator();
    try {
      const backend = await setup('totp', { dialog: true });
      const add = page.getByRole('button', { name: 'Add passkey' });
      await userEvent.click(add);
      const dialog = page.getByRole('dialog', { name: 'Add passkey' });
      await userEvent.fill(dialog.getByLabelText('Passkey name (optional)'), 'YubiKey');
      await userEvent.click(dialog.getByRole('button', { name: 'Create a passkey' }));
      await confirmWithCode(backend);
      await expect.element(row('YubiKey Passkey')).toBeVisible();
      await expect.element(dialog).not.toBeInTheDocument();
      await expect
        .element(page.getByRole('status').filter({ hasText: 'was added' }))
        .toHaveTextContent('YubiKey was added.');
      await expect.element(add).toHaveFocus();
    } finally {
      await commands.removeVirtualAuthenticator(authenticator);
    }
  });

  it('adds a first passkey: says it was added, shows its codes to save, and no Cancel once it exists', async () => {
    const authenticator = await commands.addVirtualAuthenticator();
    try {
      await setup('new-user');
      await userEvent.click(page.getByRole('button', { name: 'Add passkey' }));
      const dialog = page.getByRole('dialog', { name: 'Add passkey' });
      await expect.element(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
      await userEvent.click(dialog.getByRole('button', { name: 'Create a passkey' }));
      await expect.element(dialog.getByRole('status').filter({ hasText: 'Passkey added.' })).toBeVisible();
      await expect.element(dialog.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
      expect(dialog.getByRole('button', { name: 'Cancel' }).query()).toBeNull();
      await userEvent.click(dialog.getByLabelText('I have saved these codes'));
      await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
      await expect.element(dialog).not.toBeInTheDocument();
      await expect
        .element(page.getByRole('status').filter({ hasText: 'was added' }))
        .toHaveTextContent('Passkey was added.');
    } finally {
      await commands.removeVirtualAuthenticator(authenticator);
    }
  });

  it('fits the authenticator-app dialog in a 1280 × 800 window, and scrolls it within a phone’s', async () => {
    await setup('new-user');
    await page.viewport(1280, 800);
    try {
      await userEvent.click(page.getByRole('button', { name: 'Add authenticator app' }));
      const dialog = page.getByRole('dialog', { name: 'Add authenticator app' });
      await userEvent.click(dialog.getByRole('button', { name: 'Set up authenticator app' }));
      await expect.element(dialog.getByRole('img', { name: /QR code/ })).toBeVisible();
      const box = dialog.element() as HTMLElement;
      // Everything, down to Cancel, without scrolling: the code field is not below the fold.
      expect(box.scrollHeight).toBeLessThanOrEqual(box.clientHeight);
      const cancel = dialog.getByRole('button', { name: 'Cancel' }).element();
      expect(cancel.getBoundingClientRect().bottom).toBeLessThanOrEqual(800);

      await page.viewport(375, 667);
      await expect.poll(() => box.getBoundingClientRect().width).toBeLessThan(375);
      // Too tall for a phone: the dialog scrolls inside the window, never past its edges.
      expect(box.scrollHeight).toBeGreaterThan(box.clientHeight);
      expect(getComputedStyle(box).overflowY).toBe('auto');
      const { top, bottom } = box.getBoundingClientRect();
      expect(top).toBeGreaterThanOrEqual(0);
      expect(bottom).toBeLessThanOrEqual(667);
    } finally {
      await page.viewport(414, 896);
    }
  });

  it('gives the passkey button focus in a step-up asked for from inside the add dialog', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.addFactor('passkey');
    current = await render(
      <App backend={backend} dialog>
        <DeviceList />
      </App>,
    );
    const add = page.getByRole('button', { name: 'Add authenticator app' });
    await expect.element(add).toBeVisible();
    (add.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const dialog = page.getByRole('dialog', { name: 'Add authenticator app' });
    await userEvent.click(dialog.getByRole('button', { name: 'Set up authenticator app' }));
    const stepUp = page.getByRole('dialog', { name: /Confirm it’s you/ });
    // Two modal dialogs: the step-up one takes focus from the other, to its passkey button, not Cancel.
    await expect.element(stepUp.getByRole('button', { name: 'Use your passkey' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(stepUp).not.toBeInTheDocument();
  });

  it('disables every action when disabled', async () => {
    await setup('totp', { props: { disabled: true, onAddTotp: () => {} } });
    await expect.element(page.getByRole('button', { name: 'Rename Pixel 9' })).toBeDisabled();
    await expect.element(page.getByRole('button', { name: 'Remove Pixel 9' })).toBeDisabled();
    await expect.element(page.getByRole('button', { name: 'Add authenticator app' })).toBeDisabled();
  });

  it('speaks German with German dates', async () => {
    await setup('totp', { wrap: (node) => <MfaUiProvider messages={de}>{node}</MfaUiProvider> });
    const pixel = row('Pixel 9 Authenticator-App');
    await expect.element(pixel).toHaveTextContent(/Hinzugefügt am \d{1,2}\. \S+ \d{4}/);
    await expect.element(page.getByRole('button', { name: 'Pixel 9 umbenennen' })).toBeVisible();
  });

  it('names factors given no name in the reader’s language, numbered by kind, oldest first', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.addFactor('totp');
    await backend.addFactor('totp');
    await backend.addFactor('passkey');
    await backend.addFactor('totp', 'Pixel 9');
    current = await render(
      <App backend={backend}>
        <MfaUiProvider messages={de}>
          <DeviceList />
        </MfaUiProvider>
      </App>,
    );
    await expect.element(page.getByRole('list', { name: 'Anmeldemethoden' })).toBeVisible();
    const names = [...document.querySelectorAll('.mfa-device-list-name')].map((name) => name.textContent);
    expect(names).toEqual(['Authenticator-App', 'Authenticator-App 2', 'Passkey', 'Pixel 9']);
    await expect.element(page.getByRole('button', { name: 'Authenticator-App 2 entfernen' })).toBeVisible();
    // Renaming starts from an empty field with the default as its placeholder: saving it unchanged must
    // not store the German default as the factor's name.
    await userEvent.click(page.getByRole('button', { name: 'Authenticator-App 2 umbenennen' }));
    const field = page.getByRole('textbox', { name: 'Name' });
    await expect.element(field).toHaveValue('');
    await expect.element(field).toHaveAttribute('placeholder', 'Authenticator-App 2');
    await userEvent.keyboard('{Enter}');
    await expect.element(field).not.toBeInTheDocument();
    expect((await backend.client.getStatus()).devices.map((device) => device.name)).toEqual([
      null,
      null,
      null,
      'Pixel 9',
    ]);
  });

  it('names each row once: its name, and its kind only when the name doesn’t say it already', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.addFactor('totp');
    await backend.addFactor('passkey', 'YubiKey');
    await backend.addFactor('totp', 'authenticator app');
    current = await render(
      <App backend={backend}>
        <DeviceList />
      </App>,
    );
    const rows = page.getByRole('listitem');
    await expect.element(rows.nth(0)).toHaveAccessibleName('Authenticator app');
    await expect.element(rows.nth(1)).toHaveAccessibleName('YubiKey Passkey');
    await expect.element(rows.nth(2)).toHaveAccessibleName('authenticator app');
    // Seen too: the kind is not repeated under a default name.
    expect(
      rows
        .nth(0)
        .element()
        .textContent?.match(/Authenticator app/g),
    ).toHaveLength(1);
    expect(rows.nth(1).element().querySelector('.mfa-device-list-meta')?.textContent).toMatch(/^Passkey/);
  });

  it('says “Not used yet” for a new factor of either kind, beside when it was added', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.addFactor('totp');
    await backend.addFactor('passkey');
    current = await render(
      <App backend={backend}>
        <DeviceList />
      </App>,
    );
    await expect.poll(() => page.getByRole('listitem').elements().length).toBe(2);
    for (const row of page.getByRole('listitem').elements()) {
      const meta = row.querySelector('.mfa-device-list-meta');
      expect(meta?.textContent).toMatch(/^Added [A-Z][a-z]{2} \d{1,2}, \d{4}Not used yet$/);
    }
  });

  it('names a factor without a name by its default when removing it and announcing it', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await backend.addFactor('totp');
    await backend.addFactor('totp');
    current = await render(
      <App backend={backend}>
        <DeviceList />
      </App>,
    );
    await userEvent.click(page.getByRole('button', { name: 'Remove Authenticator app 2' }));
    await expect
      .element(page.getByRole('alertdialog', { name: 'Remove Authenticator app 2?' }))
      .toBeVisible();
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }));
    await userEvent.click(page.getByRole('button', { name: 'Confirm with code' }));
    await expect
      .element(page.getByRole('status').filter({ hasText: 'removed' }))
      .toHaveTextContent('Authenticator app 2 was removed.');
    expect([...document.querySelectorAll('.mfa-device-list-name')].map((name) => name.textContent)).toEqual([
      'Authenticator app',
    ]);
  });

  it('carries the direction and an explicit dark theme into the portalled confirmation', async () => {
    await setup('totp', {
      wrap: (node) => (
        <div data-theme="dark" dir="rtl">
          <MfaUiProvider messages={ar}>{node}</MfaUiProvider>
        </div>
      ),
    });
    await userEvent.click(page.getByRole('button', { name: /^إزالة \W?Pixel 9\W?$/ }));
    const dialog = page.getByRole('alertdialog', { name: /^إزالة \W?Pixel 9\W?؟$/ });
    await expect.element(dialog).toBeVisible();
    const portal = dialog.element().closest('.mfa-portal');
    expect(portal?.getAttribute('dir')).toBe('rtl');
    expect(portal?.getAttribute('data-theme')).toBe('dark');
    expect(getComputedStyle(dialog.element()).backgroundColor).toBe('rgb(21, 23, 28)');
  });
});
