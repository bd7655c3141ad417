import { MfaProvider, useMfa, useStepUpPrompt } from '@mfa-kit/react';
import { type ReactNode, useEffect, useRef, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ar } from './i18n/ar.js';
import { de } from './i18n/de.js';
import { DeviceList, en, RecoveryCodes, recoveryCodesText } from './index.js';
import { type Backend, createBackend, totpCode } from './test/backend.js';

/** A step-up prompt as small as can be: the user answers with the current code. */
function Prompt({ backend }: { backend: Backend }) {
  const prompt = useStepUpPrompt();
  if (!prompt) return null;
  return (
    <button type="button" onClick={() => prompt.submitTotp(backend.code()).catch(() => undefined)}>
      Confirm with code
    </button>
  );
}

/** Adds a first authenticator app through the hooks, as an enrolment screen would: ten fresh codes. */
function AddFirstFactor() {
  const { status, startTotpEnrollment, confirmTotpEnrollment } = useMfa();
  const started = useRef(false);
  useEffect(() => {
    if (started.current || status !== 'not-required') return;
    started.current = true;
    startTotpEnrollment()
      .then((enrollment) => confirmTotpEnrollment(totpCode(enrollment.secret)))
      .catch(() => undefined);
  }, [status, startTotpEnrollment, confirmTotpEnrollment]);
  return null;
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

/** Renders RecoveryCodes with ten fresh codes, below a page heading. */
async function renderFresh(props: Parameters<typeof RecoveryCodes>[0] = {}) {
  const backend = await createBackend({ scenario: 'new-user' });
  await render(
    <Providers backend={backend}>
      <h1 className="page-heading">Account security</h1>
      <AddFirstFactor />
      <RecoveryCodes {...props} />
    </Providers>,
  );
  await expect.element(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  return backend;
}

const shownCodes = () =>
  [...document.querySelectorAll('.mfa-recovery-codes-code')].map((li) => li.textContent ?? '');

afterEach(async () => {
  vi.restoreAllMocks();
  await cdp().send('Emulation.setEmulatedMedia', { media: '' });
});

describe('RecoveryCodes in Chromium', () => {
  it('copies all codes, one per line, and announces it', async () => {
    await renderFresh();
    await userEvent.click(page.getByRole('button', { name: 'Copy all' }));
    expect(await navigator.clipboard.readText()).toBe(shownCodes().join('\n'));
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Recovery codes copied' }))
      .toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  });

  it('downloads a .txt file named by fileName, with the title, the date and one code per line', async () => {
    await renderFresh({ fileName: 'acme-recovery-codes.txt', title: 'Acme Wallet recovery codes' });
    const session = cdp();
    await session.send('Page.enable');
    // Chromium tells the page's CDP session when it starts a download (`once` and `off` of the session
    // bridge throw in Vitest 4.1, so the listener resolves the first time and stays).
    const started = new Promise<{ url: string; suggestedFilename: string }>((resolve) => {
      session.on('Page.downloadWillBegin', (event) =>
        resolve(event as { url: string; suggestedFilename: string }),
      );
    });
    await userEvent.click(page.getByRole('button', { name: 'Download' }));
    const download = await started;
    expect(download.suggestedFilename).toBe('acme-recovery-codes.txt');
    const text = await (await fetch(download.url)).text();
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Acme Wallet recovery codes', `Created ${date}`]);
    expect(lines.filter((line) => /^[0-9a-z]{5}-[0-9a-z]{5}$/.test(line))).toEqual(shownCodes());
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Downloaded acme-recovery-codes.txt' }))
      .toBeInTheDocument();
  });

  it('prints: opens the print dialog, and paper gets the codes sheet only', async () => {
    await renderFresh({ title: 'Acme Wallet recovery codes' });
    // The browser's own dialog can't be driven from a test; that it is asked for is what we check.
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await userEvent.click(page.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();

    const sheet = document.querySelector('.mfa-recovery-codes-sheet') as HTMLElement;
    const header = sheet.querySelector('.mfa-recovery-codes-print-header') as HTMLElement;
    const continueButton = page.getByRole('button', { name: 'Continue' }).element();
    const pageHeading = document.querySelector('.page-heading') as HTMLElement;
    expect(getComputedStyle(header).display).toBe('none');
    expect(getComputedStyle(pageHeading).display).toBe('block');

    await cdp().send('Emulation.setEmulatedMedia', { media: 'print' });
    expect(matchMedia('print').matches).toBe(true);
    expect(getComputedStyle(sheet).visibility).toBe('visible');
    expect(getComputedStyle(header).display).toBe('block');
    expect(header.textContent).toContain('Acme Wallet recovery codes');
    for (const code of sheet.querySelectorAll('.mfa-recovery-codes-code')) {
      expect(getComputedStyle(code).visibility).toBe('visible');
    }
    for (const hidden of [pageHeading, continueButton, document.querySelector('.mfa-recovery-codes-title')]) {
      expect(getComputedStyle(hidden as Element).display).toBe('none');
    }
    expect(getComputedStyle(sheet.parentElement as Element).visibility).toBe('hidden');
  });

  it('keeps Continue off until "I have saved these codes" is ticked, then tells the server', async () => {
    const onAcknowledged = vi.fn();
    const backend = await renderFresh({ onAcknowledged });
    expect((await backend.client.getStatus()).recoveryCodes.pendingAcknowledgement).toBe(true);
    const continueButton = page.getByRole('button', { name: 'Continue' });
    await expect.element(continueButton).toBeDisabled();
    await userEvent.click(page.getByLabelText('I have saved these codes'));
    await userEvent.click(continueButton);
    await expect.poll(() => onAcknowledged.mock.calls.length).toBe(1);
    expect((await backend.client.getStatus()).recoveryCodes).toEqual({
      remaining: 10,
      pendingAcknowledgement: false,
    });
    await expect.element(page.getByText('You have 10 recovery codes left.')).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'Recovery codes' })).toHaveFocus();
  });

  it('replaces the codes behind a confirmation and step-up; the old ones stop working', async () => {
    const backend = await createBackend({ scenario: 'totp' });
    await render(
      <Providers backend={backend}>
        <RecoveryCodes />
      </Providers>,
    );
    const generate = page.getByRole('button', { name: 'Generate new codes' });
    await userEvent.click(generate);
    const dialog = page.getByRole('alertdialog', { name: 'Generate new recovery codes?' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    // Focus stays in the dialog, and Escape returns it to the button that opened it.
    await userEvent.tab();
    await userEvent.tab();
    await expect.element(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(generate).toHaveFocus();

    await userEvent.click(generate);
    await userEvent.click(dialog.getByRole('button', { name: 'Generate new codes' }));
    await userEvent.click(page.getByRole('button', { name: 'Confirm with code' }));
    await expect.element(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
    const fresh = shownCodes();
    expect(fresh).toHaveLength(10);
    await expect(
      backend.client.verifyRecoveryCode({
        code: backend.recoveryCodes[0] ?? '',
        requestedScopes: ['wallet:export'],
      }),
    ).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(
      backend.client.verifyRecoveryCode({ code: fresh[0] ?? '', requestedScopes: ['wallet:export'] }),
    ).resolves.toMatchObject({ remaining: 9 });
  });

  it('writes the file text in the language of the messages', () => {
    const date = new Date('2026-11-27T12:00:00Z');
    expect(recoveryCodesText(['7kq2m-x9d4f'], { messages: de, date })).toBe(
      'Wiederherstellungscodes\nErstellt am 27. November 2026\n\n' +
        `${de.recoveryCodes.fileInstructions}\n\n7kq2m-x9d4f\n`,
    );
  });

  it('counts what is left with the plural rules of each language', () => {
    expect([0, 1, 3].map(en.recoveryCodes.remaining)).toEqual([
      'You have no recovery codes left.',
      'You have 1 recovery code left.',
      'You have 3 recovery codes left.',
    ]);
    expect([1, 3].map(de.recoveryCodes.remaining)).toEqual([
      'Sie haben noch 1 Wiederherstellungscode.',
      'Sie haben noch 3 Wiederherstellungscodes.',
    ]);
    const three = new Intl.NumberFormat('ar').format(3);
    expect([0, 1, 2, 3].map(ar.recoveryCodes.remaining)).toEqual([
      'لم يتبقَّ لديك أي رمز استرداد.',
      'تبقّى لديك رمز استرداد واحد.',
      'تبقّى لديك رمزا استرداد.',
      `تبقّى لديك ${three} رموز استرداد.`,
    ]);
  });

  it('shows fresh codes once: in the dialog that added the first factor, not on the page behind it too', async () => {
    const backend = await createBackend({ scenario: 'new-user' });
    await render(
      <Providers backend={backend}>
        <DeviceList />
        <RecoveryCodes />
      </Providers>,
    );
    await userEvent.click(page.getByRole('button', { name: 'Add authenticator app' }));
    const dialog = page.getByRole('dialog', { name: 'Add authenticator app' });
    await userEvent.click(dialog.getByRole('button', { name: 'Set up authenticator app' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Can’t scan it?' }));
    const key = (document.querySelector('.mfa-totp-setup-secret-key')?.textContent ?? '').replace(/\s/g, '');
    await userEvent.fill(dialog.getByLabelText('Verification code'), totpCode(key));
    await expect.element(dialog.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
    // One list in the whole document (printing keeps every list), and the page counts them meanwhile.
    expect(document.querySelectorAll('.mfa-recovery-codes-list')).toHaveLength(1);
    await expect.element(page.getByText('You have 10 recovery codes left.')).toBeInTheDocument();

    // Closed before saving: the codes are not lost, the page shows them now.
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
    expect(document.querySelectorAll('.mfa-recovery-codes-list')).toHaveLength(1);
  });
});
