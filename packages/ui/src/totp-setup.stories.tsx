import { createMfaClient } from '@mfa-kit/client';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { type Backend, type BackendOptions, createBackend, totpCode } from './test/backend.js';
import { TotpSetup } from './totp-setup/index.js';

/*
 * Every story runs against the real server inside the page (see src/test/backend.ts). Play functions
 * read the setup key off the page, as a user who can't scan would, and compute the app's code from it.
 */

type Loaded = { backend: Backend; clock?: Clock; gate?: Gate };
const loadedOf = (context: { loaded: unknown }) => context.loaded as Loaded;

/** A clock for the server only: `advance` makes it live in the future (enrolments expire). */
interface Clock {
  offset: number;
  advance(ms: number): void;
}

/** A backend whose server reads `clock` instead of the browser's time. */
async function backendWithClock(options: BackendOptions): Promise<{ backend: Backend; clock: Clock }> {
  const clock: Clock = {
    offset: 0,
    advance(ms) {
      clock.offset += ms;
    },
  };
  const realNow = Date.now;
  // createMfaServer takes `Date.now` as its clock when it is created; only that moment is patched.
  Date.now = () => realNow() + clock.offset;
  try {
    return { backend: await createBackend(options), clock };
  } finally {
    Date.now = realNow;
  }
}

/** Holds requests to one route until `release()`: a slow network in front of the real server. */
interface Gate {
  release(): void;
}

function withGate(backend: Backend, route: string): { backend: Backend; gate: Gate } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const transport = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://backend.test');
    const path = url.pathname.replace(/^\/api\/mfa/, '') || '/';
    if (path === route) await opened;
    const { signal: _signal, ...rest } = init ?? {};
    return backend.server.fetch(new Request(new URL(path + url.search, 'http://backend.test'), rest));
  };
  const client = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: backend.getToken, fetch: transport });
  return { backend: { ...backend, client }, gate: { release: open } };
}

/** The setup key as shown under "Can't scan it?", without its spaces. */
async function readKey(canvasElement: HTMLElement): Promise<string> {
  const canvas = within(canvasElement);
  const trigger = await canvas.findByRole('button', {
    name: /can.t scan it|scannen funktioniert nicht|لا يمكنك المسح/i,
  });
  if (trigger.getAttribute('aria-expanded') !== 'true') await userEvent.click(trigger);
  const key = canvasElement.querySelector('.mfa-totp-setup-secret-key');
  await expect(key).toBeVisible();
  return (key?.textContent ?? '').replace(/\s/g, '');
}

/** A code no clock skew can make valid for `secret`. */
function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totpCode(secret, step)));
  return (
    ['000000', '111111', '222222', '333333', '444444', '555555'].find((code) => !valid.has(code)) ?? '999999'
  );
}

const root = (canvasElement: HTMLElement) => canvasElement.querySelector('.mfa-totp-setup') as HTMLElement;
const field = (canvasElement: HTMLElement) => within(canvasElement).getByLabelText('Verification code');
/** The error shown under the code field. */
const codeError = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('.mfa-totp-setup-verify [role="alert"]');

/** Types a code into the verify field and waits for the server's answer. */
async function submitCode(canvasElement: HTMLElement, code: string) {
  await userEvent.type(field(canvasElement), code);
  await waitFor(() => expect(root(canvasElement)).not.toHaveAttribute('aria-busy'));
}

/** Starts from the first screen and waits for the QR code. */
async function start(canvasElement: HTMLElement, name?: string) {
  const canvas = within(canvasElement);
  if (name) await userEvent.type(canvas.getByLabelText('Name (optional)'), name);
  await userEvent.click(canvas.getByRole('button', { name: 'Set up authenticator app' }));
  await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
}

/** Answers the step-up dialog (mounted by the Storybook's providers) with the current code. */
async function answerStepUp(backend: Backend) {
  const dialog = await within(document.body).findByRole('dialog', { name: /confirm it’s you/i });
  await userEvent.type(within(dialog).getByLabelText('Verification code'), backend.code());
  await waitFor(() => expect(dialog).not.toBeInTheDocument());
}

const meta = {
  title: 'Components/TotpSetup',
  component: TotpSetup,
  parameters: { mfa: { scenario: 'new-user' } },
  args: { onComplete: fn() },
} satisfies Meta<typeof TotpSetup>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The first screen: an optional name, then Start. */
export const Start: Story = {
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByLabelText('Name (optional)')).toHaveAccessibleDescription(/recognise this app/);
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'idle');
  },
};

/** A real enrolment of the in-browser server: scanning this QR code with a phone works. */
export const Idle: Story = {
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const key = await readKey(canvasElement);
    // The link and the QR code carry the server's otpauth URI; its secret is the key shown.
    const link = canvasElement.querySelector('a.mfa-totp-setup-open-link');
    const uri = new URL(link?.getAttribute('href') ?? '');
    await expect(uri.protocol).toBe('otpauth:');
    await expect(uri.searchParams.get('secret')).toBe(key);
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'scanning');
  },
};

/** The whole first-factor flow: name, key, first code, recovery codes saved, done. */
export const Success: Story = {
  args: { recoveryCodes: { fileName: 'acme-recovery-codes.txt', title: 'Acme Wallet recovery codes' } },
  play: async ({ canvas, canvasElement, args }) => {
    await start(canvasElement, 'Work phone');
    await expect(canvas.getByRole('heading', { name: 'Scan the QR code' })).toHaveFocus();
    const key = await readKey(canvasElement);
    await submitCode(canvasElement, totpCode(key));
    await expect(await canvas.findByRole('heading', { name: 'Authenticator app added' })).toHaveFocus();
    const list = canvas.getByRole('list', { name: 'Recovery codes' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    await expect(args.onComplete).not.toHaveBeenCalled();
    const continueButton = canvas.getByRole('button', { name: 'Continue' });
    await expect(continueButton).toBeDisabled();
    await userEvent.click(canvas.getByLabelText('I have saved these codes'));
    await userEvent.click(continueButton);
    await waitFor(() =>
      expect(args.onComplete).toHaveBeenCalledWith(expect.objectContaining({ name: 'Work phone' })),
    );
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'complete');
    await expect(
      canvas.getByText('“Work phone” is ready. You’ll use its codes when you sign in.'),
    ).toBeVisible();
  },
};

/** A pending sign-in that must enrol: the first code completes the sign-in too. */
export const EnrollmentRequired: Story = {
  parameters: { mfa: { scenario: 'enrollment-required' } },
  args: { autoStart: true },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { backend } = loadedOf(context);
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    await submitCode(canvasElement, totpCode(await readKey(canvasElement)));
    await canvas.findByRole('list', { name: 'Recovery codes' });
    // The server now accepts the session's token as a completed sign-in (it refuses pending ones).
    await expect(backend.server.verifyAccessToken(backend.getToken() ?? '')).resolves.toMatchObject({
      sub: backend.userId,
    });
  },
};

/** A second factor: the server wants step-up first, asked through the mounted dialog. No new codes. */
export const AddSecondApp: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async (context) => {
    const { canvas, canvasElement, args } = context;
    const { backend } = loadedOf(context);
    await userEvent.click(canvas.getByRole('button', { name: 'Set up authenticator app' }));
    await answerStepUp(backend);
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    // The step-up dialog closed; focus went on to the next step, not back to the page's top.
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Scan the QR code' })).toHaveFocus());
    await submitCode(canvasElement, totpCode(await readKey(canvasElement)));
    await waitFor(() =>
      expect(args.onComplete).toHaveBeenCalledWith(expect.objectContaining({ name: null })),
    );
    await expect(canvas.getByText(/“Authenticator app 2” is ready/)).toBeVisible();
    await expect(canvas.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
  },
};

/** The user closed the step-up dialog: nothing started, and they can try again. */
export const StepUpCancelled: Story = {
  parameters: { mfa: { scenario: 'totp' } },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Set up authenticator app' }));
    await within(document.body).findByRole('dialog', { name: /confirm it’s you/i });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-error', 'stepup_cancelled'));
    await expect(await canvas.findByText(/first confirm it’s you/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Set up authenticator app' })).toBeEnabled();
  },
};

/** Two wrong codes: the error, then the hint about the phone's clock. */
export const WrongCode: Story = {
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const key = await readKey(canvasElement);
    await submitCode(canvasElement, wrongCode(key));
    await expect(codeError(canvasElement)).toHaveTextContent('That code isn’t right');
    await expect(field(canvasElement)).toHaveAttribute('aria-invalid', 'true');
    await expect(field(canvasElement)).toHaveValue('');
    await expect(field(canvasElement)).toHaveFocus();
    await submitCode(canvasElement, wrongCode(key));
    await expect(codeError(canvasElement)).toHaveTextContent('check that the date and time on your phone');
  },
};

/**
 * Five wrong codes lock the enrolment for 30 s: the fifth says so itself, so the field is off and the
 * wait counts down at once.
 */
export const RateLimited: Story = {
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const key = await readKey(canvasElement);
    for (let attempt = 0; attempt < 4; attempt++) await submitCode(canvasElement, wrongCode(key));
    await expect(codeError(canvasElement)).toHaveTextContent('1 attempt left.');
    await submitCode(canvasElement, wrongCode(key));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-locked'));
    await expect(codeError(canvasElement)).toHaveTextContent(/Too many attempts. Try again in 0:(30|29)/);
    await expect(field(canvasElement)).toBeDisabled();
  },
};

/** The enrolment outlived its 10 minutes (the server's clock moved on): start again, then finish. */
export const Expired: Story = {
  loaders: [async () => backendWithClock({ scenario: 'new-user' })],
  args: { autoStart: true },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { clock } = loadedOf(context);
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const oldKey = await readKey(canvasElement);
    clock?.advance(11 * 60_000);
    await submitCode(canvasElement, totpCode(oldKey, 22));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('This setup has expired');
    const again = canvas.getByRole('button', { name: 'Start again' });
    await expect(again).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const key = await readKey(canvasElement);
    await expect(key).not.toBe(oldKey);
    await submitCode(canvasElement, totpCode(key, 22));
    await canvas.findByRole('heading', { name: 'Authenticator app added' });
  },
};

/** The enrolment is gone on the server (404, e.g. finished in another tab): the same way forward as expired. */
export const EnrolmentGone: Story = {
  args: { autoStart: true },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { backend } = loadedOf(context);
    const key = await readKey(canvasElement);
    backend.fail({ kind: 'not_found', path: '/totp/enroll/verify' });
    await submitCode(canvasElement, totpCode(key));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-error', 'not_found'));
    await expect(canvas.getByRole('alert')).toHaveTextContent('This setup has expired');
    await expect(canvas.getByRole('button', { name: 'Start again' })).toHaveFocus();
  },
};

/** In a dialog: Cancel forgets the unfinished enrolment and tells the app. */
export const WithCancel: Story = {
  args: { autoStart: true, onCancel: fn() },
  play: async ({ canvas, canvasElement, args }) => {
    await readKey(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    await expect(args.onCancel).toHaveBeenCalledOnce();
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'idle');
  },
};

/** The store is down when the code is checked (503): the code stays, Verify tries again. */
export const Unavailable: Story = {
  args: { autoStart: true },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { backend } = loadedOf(context);
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    const key = await readKey(canvasElement);
    backend.fail({ kind: 'unavailable', path: '/totp/enroll/verify' });
    const code = totpCode(key);
    await submitCode(canvasElement, code);
    await expect(codeError(canvasElement)).toHaveTextContent('The service is unavailable right now');
    await expect(field(canvasElement)).toHaveValue(code);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await canvas.findByRole('heading', { name: 'Authenticator app added' });
  },
};

/** Offline when starting: the error, and Start tries again. */
export const NetworkError: Story = {
  play: async (context) => {
    const { canvas } = context;
    const { backend } = loadedOf(context);
    backend.fail({ kind: 'network', path: '/totp/enroll' });
    await userEvent.click(canvas.getByRole('button', { name: 'Set up authenticator app' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('You seem to be offline');
  },
};

/** Retrying after the network error works. */
export const NetworkErrorRetry: Story = {
  ...NetworkError,
  play: async (context) => {
    await NetworkError.play?.(context);
    await userEvent.click(context.canvas.getByRole('button', { name: 'Set up authenticator app' }));
    await context.canvas.findByRole('img', { name: 'QR code for your authenticator app' });
  },
};

/** A pending sign-in of a user who has a factor can't add another before proving it. */
export const PendingSignIn: Story = {
  parameters: { mfa: { scenario: 'totp-pending' } },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Set up authenticator app' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Finish signing in with your second step first.',
    );
  },
};

/** The enrolment is being created (the request is held). */
export const Loading: Story = {
  loaders: [async () => withGate(await createBackend({ scenario: 'new-user' }), '/totp/enroll')],
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'starting'));
    await expect(canvas.getByRole('button', { name: 'Set up authenticator app' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
  },
};

/** The code is being checked (the request is held). */
export const Verifying: Story = {
  loaders: [async () => withGate(await createBackend({ scenario: 'new-user' }), '/totp/enroll/verify')],
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('img', { name: 'QR code for your authenticator app' });
    await userEvent.type(field(canvasElement), totpCode(await readKey(canvasElement)));
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'verifying');
    await expect(field(canvasElement)).toHaveAttribute('aria-busy', 'true');
  },
};

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Set up authenticator app' })).toBeDisabled();
    await expect(canvas.getByLabelText('Name (optional)')).toBeDisabled();
  },
};

export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { autoStart: true },
  play: async ({ canvasElement }) => {
    await readKey(canvasElement);
  },
};

export const German: Story = {
  globals: { locale: 'de' },
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('img', { name: 'QR-Code für Ihre Authenticator-App' });
    const key = await readKey(canvasElement);
    await userEvent.type(canvas.getByLabelText('Bestätigungscode'), totpCode(key));
    await canvas.findByRole('heading', { name: 'Authenticator-App hinzugefügt' });
    await expect(canvas.getByRole('heading', { name: 'Wiederherstellungscodes speichern' })).toBeVisible();
  },
};

export const Arabic: Story = {
  globals: { locale: 'ar' },
  args: { autoStart: true },
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('img', { name: 'رمز QR لتطبيق المصادقة' });
    const key = await readKey(canvasElement);
    await expect(key).toMatch(/^[A-Z2-7]{32,}$/);
  },
};

export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  args: { autoStart: true },
  play: async ({ canvasElement }) => {
    await readKey(canvasElement);
  },
};
