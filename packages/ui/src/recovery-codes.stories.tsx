import { createMfaClient } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { type ReactNode, useEffect, useRef } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { RecoveryCodes } from './recovery-codes/index.js';
import { type Backend, createBackend, totpCode } from './test/backend.js';

/*
 * Every story runs against the real server inside the page (see src/test/backend.ts). Fresh codes exist
 * only in the provider's memory, so the stories that show them add a first factor through the hooks, as
 * an app's enrolment screen would.
 */

const backendOf = (context: { loaded: unknown }) => (context.loaded as { backend: Backend }).backend;

function AddFirstFactor({ children }: { children: ReactNode }) {
  const { status, startTotpEnrollment, confirmTotpEnrollment } = useMfa();
  const started = useRef(false);
  useEffect(() => {
    if (started.current || status !== 'not-required') return;
    started.current = true;
    startTotpEnrollment('Pixel 9')
      .then((enrollment) => confirmTotpEnrollment(totpCode(enrollment.secret)))
      .catch(() => undefined);
  }, [status, startTotpEnrollment, confirmTotpEnrollment]);
  return children;
}

/** A first factor was just added: its ten codes wait to be saved. */
const withFreshCodes: Decorator = (Story) => (
  <AddFirstFactor>
    <Story />
  </AddFirstFactor>
);

/** Holds requests to one route until released: a slow network in front of the real server. */
function withHeldRoute(backend: Backend, route: string): Backend {
  const held = new Promise<void>(() => undefined);
  const transport = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://backend.test');
    const path = url.pathname.replace(/^\/api\/mfa/, '') || '/';
    if (path === route) await held;
    const { signal: _signal, ...rest } = init ?? {};
    return backend.server.fetch(new Request(new URL(path + url.search, 'http://backend.test'), rest));
  };
  return {
    ...backend,
    client: createMfaClient({ baseUrl: '/api/mfa', getAccessToken: backend.getToken, fetch: transport }),
  };
}

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('.mfa-recovery-codes') as HTMLElement;
const status = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('.mfa-recovery-codes-status [role="status"]');
const alert = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('.mfa-recovery-codes-error [role="alert"]');
const codesOnPage = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('.mfa-recovery-codes-code')].map((item) => item.textContent ?? '');

/** Answers the step-up dialog (mounted by the Storybook's providers) with the current code. */
async function answerStepUp(backend: Backend) {
  const dialog = await within(document.body).findByRole('dialog', { name: /confirm it’s you/i });
  await userEvent.type(within(dialog).getByLabelText('Verification code'), backend.code());
  await waitFor(() => expect(dialog).not.toBeInTheDocument());
}

/** Generate new codes, and confirm in the alert dialog. */
async function confirmRegenerate(canvasElement: HTMLElement) {
  await userEvent.click(within(canvasElement).getByRole('button', { name: 'Generate new codes' }));
  const dialog = await within(document.body).findByRole('alertdialog', {
    name: 'Generate new recovery codes?',
  });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Generate new codes' }));
}

const meta = {
  title: 'Components/RecoveryCodes',
  component: RecoveryCodes,
  parameters: { mfa: { scenario: 'totp' } },
  args: {
    onAcknowledged: fn(),
    fileName: 'acme-recovery-codes.txt',
    title: 'Acme Wallet recovery codes',
  },
} satisfies Meta<typeof RecoveryCodes>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Fresh codes: copy, download, then "I have saved these codes" unlocks Continue. */
export const Fresh: Story = {
  parameters: { mfa: { scenario: 'new-user' } },
  decorators: [withFreshCodes],
  play: async ({ canvas, canvasElement, args }) => {
    const list = await canvas.findByRole('list', { name: 'Recovery codes' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    for (const code of codesOnPage(canvasElement)) await expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    await userEvent.click(canvas.getByRole('button', { name: 'Download' }));
    await expect(status(canvasElement)).toHaveTextContent('Downloaded acme-recovery-codes.txt');
    const continueButton = canvas.getByRole('button', { name: 'Continue' });
    await expect(continueButton).toBeDisabled();
    await userEvent.click(canvas.getByLabelText('I have saved these codes'));
    await expect(continueButton).toBeEnabled();
    await userEvent.click(continueButton);
    await waitFor(() => expect(args.onAcknowledged).toHaveBeenCalledOnce());
    await expect(await canvas.findByText('You have 10 recovery codes left.')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Recovery codes' })).toHaveFocus();
  },
};

/** Keyboard only: Tab to the checkbox, Space ticks it, Tab to Continue, Enter saves. */
export const FreshKeyboard: Story = {
  ...Fresh,
  play: async ({ canvas, args }) => {
    await canvas.findByRole('list', { name: 'Recovery codes' });
    canvas.getByRole('button', { name: 'Print' }).focus();
    await userEvent.tab();
    await expect(canvas.getByLabelText('I have saved these codes')).toHaveFocus();
    await userEvent.keyboard(' ');
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(args.onAcknowledged).toHaveBeenCalledOnce());
  },
};

/** No fresh codes: how many are left. */
export const Summary: Story = {
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText('You have 10 recovery codes left.')).toBeVisible();
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'summary');
    await expect(root(canvasElement)).not.toHaveAttribute('data-low');
  },
};

/** An authenticator app, and seven of the ten codes used (for step-ups). */
async function threeCodesLeft() {
  const backend = await createBackend({ scenario: 'totp' });
  for (const code of backend.recoveryCodes.slice(0, 7)) {
    await backend.client.verifyRecoveryCode({ code, requestedScopes: ['wallet:export'] });
  }
  return { backend };
}

/** Three left: a warning to generate new ones. */
export const Low: Story = {
  loaders: [threeCodesLeft],
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText('You have 3 recovery codes left.')).toBeVisible();
    await expect(
      canvas.getByText('Only 3 codes are left. Generate new ones before you run out.'),
    ).toBeVisible();
    await expect(root(canvasElement)).toHaveAttribute('data-low');
  },
};

/** No factor yet, so no codes. */
export const None: Story = {
  parameters: { mfa: { scenario: 'new-user' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/when you add your first sign-in method/)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Generate new codes' })).not.toBeInTheDocument();
  },
};

/** Codes were generated (on another device, say) and never confirmed as saved. */
export const Unconfirmed: Story = {
  loaders: [
    async () => {
      const backend = await createBackend({ scenario: 'totp' });
      const { elevatedToken } = await backend.client.verifyTotp({
        code: backend.code(),
        requestedScopes: ['credential:link'],
      });
      await backend.client.regenerateRecoveryCodes({ elevatedToken });
      return { backend };
    },
  ],
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText(/never confirmed as saved/)).toBeVisible();
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'unconfirmed');
    await expect(canvas.getByRole('button', { name: 'Generate new codes' })).toBeEnabled();
  },
};

/** Generate new codes: confirmation, step-up, the new set replaces the old one on the server. */
export const Regenerate: Story = {
  play: async (context) => {
    const { canvas, canvasElement, args } = context;
    const backend = backendOf(context);
    await canvas.findByText('You have 10 recovery codes left.');
    await confirmRegenerate(canvasElement);
    await answerStepUp(backend);
    await canvas.findByRole('list', { name: 'Recovery codes' });
    await waitFor(() =>
      expect(canvas.getByRole('heading', { name: 'Save your recovery codes' })).toHaveFocus(),
    );
    const fresh = codesOnPage(canvasElement);
    await expect(fresh).toHaveLength(10);
    await expect(fresh).not.toContain(backend.recoveryCodes[0]);
    // The old codes stopped working.
    await expect(
      backend.client.verifyRecoveryCode({
        code: backend.recoveryCodes[0] ?? '',
        requestedScopes: ['wallet:export'],
      }),
    ).rejects.toMatchObject({ code: 'invalid_code' });
    await userEvent.click(canvas.getByLabelText('I have saved these codes'));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(args.onAcknowledged).toHaveBeenCalledOnce());
    await expect(await canvas.findByText('Your new recovery codes are ready to use.')).toBeVisible();
  },
};

/** The confirmation before replacing the codes. */
export const ConfirmDialog: Story = {
  play: async ({ canvas }) => {
    await canvas.findByText('You have 10 recovery codes left.');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate new codes' }));
    const dialog = await within(document.body).findByRole('alertdialog', {
      name: 'Generate new recovery codes?',
    });
    await expect(dialog).toHaveAccessibleDescription(/Your old codes will stop working/);
    await expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  },
};

/** Escape closes the confirmation, nothing changes, and focus goes back to the button. */
export const ConfirmCancelled: Story = {
  play: async ({ canvas }) => {
    await canvas.findByText('You have 10 recovery codes left.');
    const trigger = canvas.getByRole('button', { name: 'Generate new codes' });
    await userEvent.click(trigger);
    await within(document.body).findByRole('alertdialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(document.body).queryByRole('alertdialog')).not.toBeInTheDocument());
    await expect(trigger).toHaveFocus();
    await expect(canvas.getByText('You have 10 recovery codes left.')).toBeVisible();
  },
};

/** The user closed the step-up dialog: nothing changed, the old codes still work. */
export const StepUpCancelled: Story = {
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText('You have 10 recovery codes left.');
    await confirmRegenerate(canvasElement);
    await within(document.body).findByRole('dialog', { name: /confirm it’s you/i });
    await userEvent.keyboard('{Escape}');
    await expect(await canvas.findByText('Nothing changed: your old codes still work.')).toBeVisible();
    await expect(canvas.getByText('You have 10 recovery codes left.')).toBeVisible();
  },
};

/** Offline when the new codes are requested (after step-up). */
export const NetworkError: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const backend = backendOf(context);
    await canvas.findByText('You have 10 recovery codes left.');
    backend.fail({ kind: 'network', path: '/recovery-codes' });
    await confirmRegenerate(canvasElement);
    await answerStepUp(backend);
    await waitFor(() => expect(alert(canvasElement)).toHaveTextContent('You seem to be offline'));
  },
};

/** The store is down when saving is confirmed (503): the codes stay, Continue tries again. */
export const Unavailable: Story = {
  ...Fresh,
  play: async (context) => {
    const { canvas, canvasElement, args } = context;
    const backend = backendOf(context);
    await canvas.findByRole('list', { name: 'Recovery codes' });
    backend.fail({ kind: 'unavailable', path: '/recovery-codes/acknowledge' });
    await userEvent.click(canvas.getByLabelText('I have saved these codes'));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(alert(canvasElement)).toHaveTextContent('The service is unavailable right now'),
    );
    await expect(canvas.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
    await expect(args.onAcknowledged).not.toHaveBeenCalled();
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(args.onAcknowledged).toHaveBeenCalledOnce());
  },
};

/** A pending sign-in can't replace codes before the second step is done. */
export const PendingSignIn: Story = {
  parameters: { mfa: { scenario: 'totp-pending' } },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText('You have 10 recovery codes left.');
    await confirmRegenerate(canvasElement);
    await waitFor(() =>
      expect(alert(canvasElement)).toHaveTextContent('Finish signing in with your second step first.'),
    );
  },
};

/** The status is loading (the request is held). */
export const Loading: Story = {
  loaders: [async () => ({ backend: withHeldRoute(await createBackend({ scenario: 'totp' }), '/status') })],
  play: async ({ canvasElement }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'loading');
    await expect(root(canvasElement)).toHaveAttribute('aria-busy', 'true');
  },
};

export const Disabled: Story = {
  ...Fresh,
  args: { disabled: true },
  play: async ({ canvas }) => {
    await canvas.findByRole('list', { name: 'Recovery codes' });
    for (const name of ['Copy all', 'Download', 'Print', 'Continue']) {
      await expect(canvas.getByRole('button', { name })).toBeDisabled();
    }
    await expect(canvas.getByLabelText('I have saved these codes')).toBeDisabled();
  },
};

export const Dark: Story = {
  ...Fresh,
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await canvas.findByRole('list', { name: 'Recovery codes' });
  },
};

/** The confirmation in the dark theme: the portal takes the theme of the page. */
export const DarkConfirmDialog: Story = {
  ...ConfirmDialog,
  globals: { theme: 'dark' },
  play: async (context) => {
    await ConfirmDialog.play?.(context);
    const dialog = within(document.body).getByRole('alertdialog');
    await expect(dialog.closest('.mfa-portal')).toHaveAttribute('data-theme', 'dark');
  },
};

export const German: Story = {
  ...Fresh,
  globals: { locale: 'de' },
  play: async ({ canvas }) => {
    await canvas.findByRole('list', { name: 'Wiederherstellungscodes' });
    await expect(canvas.getByRole('button', { name: 'Weiter' })).toBeDisabled();
    await userEvent.click(canvas.getByLabelText('Ich habe diese Codes gespeichert'));
    await expect(canvas.getByRole('button', { name: 'Weiter' })).toBeEnabled();
  },
};

export const GermanSummary: Story = {
  globals: { locale: 'de' },
  loaders: [threeCodesLeft],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Sie haben noch 3 Wiederherstellungscodes.')).toBeVisible();
  },
};

export const Arabic: Story = {
  ...Fresh,
  globals: { locale: 'ar' },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'رموز الاسترداد' });
    // Codes read left to right inside the right-to-left page.
    await expect(list).toHaveAttribute('dir', 'ltr');
  },
};

export const ArabicSummary: Story = {
  globals: { locale: 'ar' },
  loaders: [threeCodesLeft],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-low'));
  },
};

export const Mobile: Story = {
  ...Fresh,
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  play: async ({ canvas }) => {
    await canvas.findByRole('list', { name: 'Recovery codes' });
  },
};
