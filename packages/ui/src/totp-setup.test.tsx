import type { Device } from '@mfa-kit/client';
import { MfaProvider, useStepUpPrompt } from '@mfa-kit/react';
import { type ReactNode, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { TotpSetup } from './index.js';
import { type Backend, type BackendOptions, createBackend, totpCode } from './test/backend.js';
import { expectNoFocusRing } from './test/focus.js';

/** A step-up prompt as small as can be: the user answers with the current code, or cancels. */
function Prompt({ backend }: { backend: Backend }) {
  const prompt = useStepUpPrompt();
  if (!prompt) return null;
  return (
    <>
      <button type="button" onClick={() => prompt.submitTotp(backend.code()).catch(() => undefined)}>
        Confirm with code
      </button>
      <button type="button" onClick={prompt.cancel}>
        Cancel step-up
      </button>
    </>
  );
}

function Providers({ backend, children }: { backend: Backend; children: ReactNode }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      {children}
      <Prompt backend={backend} />
    </MfaProvider>
  );
}

/** A backend whose server reads `offset` ms ahead of the browser's clock (enrolments can expire). */
async function backendWithClock(options: BackendOptions) {
  const clock = { offset: 0 };
  const realNow = Date.now;
  Date.now = () => realNow() + clock.offset;
  try {
    return { backend: await createBackend(options), clock };
  } finally {
    Date.now = realNow;
  }
}

const qr = () => page.getByRole('img', { name: 'QR code for your authenticator app' });
const codeField = () => page.getByLabelText('Verification code');
const root = () => document.querySelector('.mfa-totp-setup') as HTMLElement;

async function readKey(): Promise<string> {
  await expect.element(qr()).toBeVisible();
  const trigger = page.getByRole('button', { name: 'Can’t scan it?' });
  if (trigger.element().getAttribute('aria-expanded') !== 'true') await userEvent.click(trigger);
  return (document.querySelector('.mfa-totp-setup-secret-key')?.textContent ?? '').replace(/\s/g, '');
}

async function submit(code: string) {
  await userEvent.type(codeField(), code);
  await expect.poll(() => root().getAttribute('aria-busy')).toBeNull();
}

function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totpCode(secret, step)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) ?? '444444';
}

afterEach(async () => {
  await cdp().send('Emulation.setTouchEmulationEnabled', { enabled: false });
});

describe('TotpSetup in Chromium', () => {
  it('adds a first app with the keyboard alone, from the key shown on the page, then saves the codes', async () => {
    const backend = await createBackend({ scenario: 'enrollment-required' });
    const onComplete = vi.fn<(device: Device) => void>();
    await render(
      <Providers backend={backend}>
        <TotpSetup onComplete={onComplete} />
      </Providers>,
    );
    await userEvent.tab();
    await expect.element(page.getByLabelText('Name (optional)')).toHaveFocus();
    await userEvent.keyboard('Work phone{Enter}');
    await expect.element(qr()).toBeVisible();
    const scan = page.getByRole('heading', { name: 'Scan the QR code' });
    await expect.element(scan).toHaveFocus();
    // Focused for screen readers, after a key press: no focus ring on a heading nobody can operate.
    expectNoFocusRing(scan.element());

    // Tab reaches "Can't scan it?" (the phone-only link is not shown on a desktop).
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Can’t scan it?' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const key = (document.querySelector('.mfa-totp-setup-secret-key')?.textContent ?? '').replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32,}$/);
    await userEvent.tab(); // Copy key
    await userEvent.tab();
    await expect.element(codeField()).toHaveFocus();
    await userEvent.keyboard(totpCode(key));

    const added = page.getByRole('heading', { name: 'Authenticator app added' });
    await expect.element(added).toHaveFocus();
    expectNoFocusRing(added.element());
    expect(onComplete).not.toHaveBeenCalled();
    // Copy all, Download, Print, then the checkbox and Continue.
    for (let i = 0; i < 4; i++) await userEvent.tab();
    await expect.element(page.getByLabelText('I have saved these codes')).toHaveFocus();
    await userEvent.keyboard(' ');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => onComplete.mock.calls.length).toBe(1);
    expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ type: 'totp', name: 'Work phone' });

    const status = await backend.client.getStatus();
    expect(status).toMatchObject({
      requiresAdditionalAuth: false,
      recoveryCodes: { pendingAcknowledgement: false },
    });
    expect(status.devices.map((device) => device.name)).toEqual(['Work phone']);
  });

  it('copies the setup key without spaces and announces it', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const key = await readKey();
    await userEvent.click(page.getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(key);
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Setup key copied' }))
      .toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  });

  it('offers "Open in authenticator app" on touch screens only, linking the otpauth URI', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    await expect.element(qr()).toBeVisible();
    const link = document.querySelector('a.mfa-totp-setup-open-link') as HTMLAnchorElement;
    expect(getComputedStyle(link).display).toBe('none');
    await cdp().send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    await expect.element(page.getByRole('link', { name: 'Open in authenticator app' })).toBeVisible();
    const uri = new URL(link.getAttribute('href') ?? '');
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(await readKey());
    expect(uri.searchParams.get('issuer')).toBe('Acme Wallet');
  });

  it('keeps the QR code black on white, with its quiet zone, in the dark theme', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <div data-theme="dark">
        <Providers backend={backend}>
          <TotpSetup autoStart />
        </Providers>
      </div>,
    );
    await expect.element(qr()).toBeVisible();
    const svg = qr().element() as SVGSVGElement;
    expect(svg.getBoundingClientRect().width).toBeGreaterThanOrEqual(200);
    expect(getComputedStyle(svg.parentElement as Element).backgroundColor).toBe('rgb(255, 255, 255)');
    expect(getComputedStyle(root()).color).not.toBe('rgb(22, 24, 29)'); // the dark theme is on
    const paths = svg.querySelectorAll('path');
    expect(paths[0]?.getAttribute('fill')).toBe('#ffffff');
    expect(paths[1]?.getAttribute('fill')).toBe('#000000');
    // Four modules of quiet zone: the first dark module starts at 4.
    expect(paths[1]?.getAttribute('d')).toMatch(/^M4 4/);
  });

  it('adds a second app after step-up, without new recovery codes, named by its place', async () => {
    const backend = await createBackend({ scenario: 'totp' });
    const onComplete = vi.fn<(device: Device) => void>();
    await render(
      <Providers backend={backend}>
        <TotpSetup onComplete={onComplete} />
      </Providers>,
    );
    await userEvent.click(page.getByRole('button', { name: 'Set up authenticator app' }));
    await expect.element(root()).toHaveAttribute('data-state', 'starting');
    await userEvent.click(page.getByRole('button', { name: 'Confirm with code' }));
    await expect.element(qr()).toBeVisible();
    await submit(totpCode(await readKey()));
    await expect.poll(() => onComplete.mock.calls.length).toBe(1);
    // Added without a name: the server stores none, and the UI names it in its language and number.
    expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ name: null });
    await expect
      .element(page.getByText('“Authenticator app 2” is ready. You’ll use its codes when you sign in.'))
      .toBeVisible();
    expect(document.querySelector('.mfa-recovery-codes')).toBeNull();
    expect((await backend.client.getStatus()).devices).toHaveLength(2);
  });

  it('says what happened when step-up is cancelled, and Start asks again', async () => {
    const backend = await createBackend({ scenario: 'totp' });
    await render(
      <Providers backend={backend}>
        <TotpSetup />
      </Providers>,
    );
    const start = page.getByRole('button', { name: 'Set up authenticator app' });
    await userEvent.click(start);
    await userEvent.click(page.getByRole('button', { name: 'Cancel step-up' }));
    await expect
      .element(page.getByText('To add an app, first confirm it’s you.', { exact: false }))
      .toBeVisible();
    await userEvent.click(start);
    await userEvent.click(page.getByRole('button', { name: 'Confirm with code' }));
    await expect.element(qr()).toBeVisible();
  });

  it('clears a wrong code, keeps focus in the field, and hints at the clock after two', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const key = await readKey();
    await submit(wrongCode(key));
    const error = page.getByRole('alert').filter({ hasText: 'That code isn’t right' });
    await expect.element(error).toBeVisible();
    await expect.element(codeField()).toHaveValue('');
    await expect.element(codeField()).toHaveFocus();
    expect(codeField().element().getAttribute('aria-describedby')).toContain(error.element().id);
    await expect.element(page.getByText(/date and time on your phone/)).not.toBeInTheDocument();
    await submit(wrongCode(key));
    await expect.element(page.getByText(/date and time on your phone/)).toBeVisible();
    await submit(totpCode(key));
    await expect.element(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
  });

  it('turns the field off while rate limited, counts down, then gives it back', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const key = await readKey();
    backend.fail({ kind: 'rate_limited', retryAfter: 2, path: '/totp/enroll/verify' });
    await submit(totpCode(key));
    await expect.element(root()).toHaveAttribute('data-locked');
    await expect.element(codeField()).toBeDisabled();
    const alert = page.getByRole('alert').filter({ hasText: 'Too many attempts' });
    // Announced once (hidden text); the visible countdown ticks.
    expect(alert.element().querySelector('.mfa-visually-hidden')?.textContent).toBe(
      'Too many attempts. Try again in 0:02.',
    );
    await expect.poll(() => codeField().element().hasAttribute('disabled'), { timeout: 4000 }).toBe(false);
    await expect.element(codeField()).toHaveFocus();
    await userEvent.click(page.getByRole('button', { name: 'Verify' }));
    await expect.element(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
  });

  it('says how many tries are left, and counts down at once when a wrong code locks the setup', async () => {
    const backend = await createBackend({
      scenario: 'new-user',
      rateLimit: { maxAttempts: 2, lockoutSeconds: 2 },
    });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const key = await readKey();
    await submit(wrongCode(key));
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'That code isn’t right' }))
      .toHaveTextContent('That code isn’t right. Check it and try again. 1 attempt left.');
    await submit(wrongCode(key));
    await expect.element(root()).toHaveAttribute('data-locked');
    await expect.element(codeField()).toBeDisabled();
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Too many attempts' }))
      .toHaveTextContent(/Try again in 0:0[12]\./);
    await expect.poll(() => codeField().element().hasAttribute('disabled'), { timeout: 4000 }).toBe(false);
    await submit(totpCode(key));
    await expect.element(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
  });

  it('starts over when wrong codes lock the setup for good (a new setup counts afresh)', async () => {
    const backend = await createBackend({ scenario: 'new-user', rateLimit: { maxConsecutiveFailures: 2 } });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const oldKey = await readKey();
    await submit(wrongCode(oldKey));
    await submit(wrongCode(oldKey));
    await expect.element(root()).toHaveAttribute('data-state', 'expired');
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Too many wrong codes for this setup' }))
      .toBeVisible();
    expect(document.body.textContent).not.toMatch(/Contact support|Try again in/);
    await expect.element(page.getByRole('button', { name: 'Start again' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const key = await readKey();
    expect(key).not.toBe(oldKey);
    await submit(totpCode(key));
    await expect.element(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
  });

  it('starts again after the enrolment expired on the server, and focus moves to Start again', async () => {
    const { backend, clock } = await backendWithClock({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const oldKey = await readKey();
    clock.offset = 11 * 60_000;
    await submit(totpCode(oldKey, 22));
    await expect.element(root()).toHaveAttribute('data-state', 'expired');
    await expect.element(page.getByRole('alert').filter({ hasText: 'This setup has expired' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Start again' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const key = await readKey();
    expect(key).not.toBe(oldKey);
    await submit(totpCode(key, 22));
    await expect.element(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
  });

  it('keeps the code after a network failure, so Verify can send it again', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <TotpSetup autoStart />
      </Providers>,
    );
    const key = await readKey();
    backend.fail({ kind: 'network', path: '/totp/enroll/verify' });
    const code = totpCode(key);
    await submit(code);
    await expect.element(page.getByRole('alert').filter({ hasText: 'You seem to be offline' })).toBeVisible();
    await expect.element(codeField()).toHaveValue(code);
    await userEvent.click(page.getByRole('button', { name: 'Verify' }));
    await expect.element(page.getByRole('heading', { name: 'Authenticator app added' })).toBeVisible();
  });
});
