/**
 * Acme Wallet as a user drives it, by what the page shows (roles, labels, text), in English. Each helper
 * waits for the page it leads to, so a test reads as the steps a person takes.
 */
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { AuthenticatorApp } from './totp.js';

export const PASSWORD = 'correct horse battery staple';

/** An email no other test uses. */
export function freshEmail(name = 'user'): string {
  return `${name}-${randomBytes(4).toString('hex')}@example.com`;
}

export const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true });

/** Waits until `locator`'s text is `expected` (trimmed), or fails with what it was. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = 15_000) {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = ((await locator.textContent({ timeout: 1000 }).catch(() => null)) ?? '').trim();
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${String(expected)}, the text was ${JSON.stringify(last)}`);
}

/** Fills and sends the sign-up form; where it leads (wallet, or enrolment) is the caller's to check. */
export async function submitSignUp(page: Page, email: string): Promise<void> {
  await page.goto('/sign-up');
  await heading(page, 'Create your wallet').waitFor();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Signs up under the default policy: the wallet opens. */
export async function signUp(page: Page, email: string): Promise<void> {
  await submitSignUp(page, email);
  await waitForWallet(page);
}

/**
 * Signs up, switches the new account's own policy to "Require a second step" (the demo's policy is per
 * account), and signs in again: the sign-in lands on the enrolment the policy now asks for.
 */
export async function signUpRequired(page: Page, email: string): Promise<void> {
  await signUp(page, email);
  await goTo(page, 'Policy');
  await page.getByRole('switch', { name: 'Require a second step' }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();
  await signOut(page);
  await signIn(page, email);
  await page.waitForURL('**/enroll');
}

/** Email and password; the page that follows (wallet, second step or enrolment) is the caller's to check. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await heading(page, 'Sign in').waitFor();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await page.getByRole('status').filter({ hasText: 'You signed out.' }).waitFor();
}

/** Through the navigation, as a user gets there. */
export async function goTo(page: Page, name: 'Wallet' | 'Security' | 'Policy' | 'Inbox'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await heading(page, name).waitFor();
}

/** The second step of a sign-in (MfaChallenge). */
export async function waitForChallenge(page: Page): Promise<void> {
  await page.waitForURL('**/verify');
  await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
}

export async function waitForWallet(page: Page): Promise<void> {
  await page.waitForURL('**/wallet');
  await heading(page, 'Wallet').waitFor();
  await page.getByTestId('balance').waitFor();
}

/** The StepUpDialog, for whatever scope it asks. */
export const stepUpDialog = (page: Page) => page.getByRole('dialog', { name: /^Confirm it’s you to / });

/** Opens "Can’t scan it?" in `scope` and reads the setup key, as a person types it into an app. */
export async function readSetupKey(scope: Locator): Promise<string> {
  const trigger = scope.getByRole('button', { name: 'Can’t scan it?' });
  if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
  const key = await scope.getByRole('definition').locator('code').textContent();
  if (!key) throw new Error('no setup key on the page');
  return key;
}

/** Reads the fresh recovery codes in `scope`, ticks "I have saved these codes" and continues. */
export async function saveRecoveryCodes(scope: Locator): Promise<string[]> {
  const list = scope.getByRole('list', { name: 'Recovery codes' });
  await list.waitFor();
  const codes = (await list.getByRole('listitem').allTextContents()).map((code) => code.trim());
  await scope.getByLabel('I have saved these codes').check();
  await scope.getByRole('button', { name: 'Continue' }).click();
  await list.waitFor({ state: 'detached' });
  return codes;
}

export interface AddedApp {
  app: AuthenticatorApp;
  /** The codes that came with a first factor; null for a later one. */
  recoveryCodes: string[] | null;
}

/**
 * Security → Add authenticator app: the dialog with TotpSetup, the key read off the page, the app's first
 * code, and the recovery codes of a first factor. `confirm` answers the step-up that adding a second
 * factor asks for.
 */
export async function addAuthenticatorApp(
  page: Page,
  options: { name?: string; confirm?: () => Promise<void> } = {},
): Promise<AddedApp> {
  await page.getByRole('button', { name: 'Add authenticator app' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add authenticator app' });
  await dialog.waitFor();
  if (options.name) await dialog.getByLabel('Name (optional)').fill(options.name);
  await dialog.getByRole('button', { name: 'Set up authenticator app' }).click();
  if (options.confirm) await options.confirm();
  await dialog.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  const app = new AuthenticatorApp(await readSetupKey(dialog));
  await dialog.getByLabel('Verification code').fill(await app.nextCode());
  const first = dialog.getByRole('list', { name: 'Recovery codes' });
  const added = dialog.getByRole('heading', { name: 'Authenticator app added' });
  await first.or(added).first().waitFor();
  const recoveryCodes = (await first.isVisible()) ? await saveRecoveryCodes(dialog) : null;
  await dialog.waitFor({ state: 'detached' });
  return { app, recoveryCodes };
}

/** Answers the step-up dialog with the app's next code. */
export async function confirmWithCode(page: Page, app: AuthenticatorApp, scope: RegExp | string) {
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: scope }).waitFor();
  await dialog.getByLabel('Verification code').fill(await app.nextCode());
  await dialog.waitFor({ state: 'detached' });
}

/** Answers the step-up dialog with a passkey of the page's virtual authenticator. */
export async function confirmWithPasskey(page: Page, scope: RegExp | string) {
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: scope }).waitFor();
  const button = dialog.getByRole('button', { name: 'Use your passkey' });
  if (!(await button.isVisible())) {
    await dialog
      .getByRole('group', { name: 'Use another method' })
      .getByRole('button', { name: 'Passkey' })
      .click();
  }
  await dialog.getByRole('button', { name: 'Use your passkey' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The header's language switcher, whatever language the page is in now; waits for `<html lang>`. */
export async function chooseLanguage(page: Page, language: 'en' | 'de' | 'ar'): Promise<void> {
  await page
    .getByRole('combobox')
    .filter({ has: page.locator('option[value="ar"]') })
    .selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor();
}

/** The Security page's card "Ways to confirm it’s you" (phone number, wallets). */
export const contactsCard = (page: Page) => page.getByRole('region', { name: 'Ways to confirm it’s you' });

/**
 * Inbox (through the navigation): the code of the newest message to `to`, read off the page as a
 * visitor reads it. Waits until a message newer than `after` (ISO time) is there.
 */
export async function readCodeFromInbox(page: Page, to: string, after = ''): Promise<string> {
  await goTo(page, 'Inbox');
  const message = page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ hasText: to })
    .first();
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (await message.isVisible()) {
      const sentAt = (await message.locator('time').getAttribute('datetime')) ?? '';
      const code = /\b(\d{6})\b/.exec((await message.locator('.inbox-text').textContent()) ?? '')?.[1];
      if (code && sentAt > after) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no new code for ${to} in the inbox`);
}

/**
 * How many messages the demo's outbox holds for `to` (an email address or a phone number): what the
 * Inbox page shows, read through its API (`GET /api/dev/outbox`), because the step-up dialog is modal
 * and the Inbox is a page away.
 */
export async function outboxCount(origin: string, to: string): Promise<number> {
  const response = await fetch(`${origin}/api/dev/outbox?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as unknown[]).length;
}

/** The code of the newest message to `to`, once there are more than `before` messages. */
export async function readCodeFromOutbox(origin: string, to: string, before: number): Promise<string> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const response = await fetch(`${origin}/api/dev/outbox?to=${encodeURIComponent(to)}`);
    const messages = (await response.json()) as { text: string }[];
    const code = /\b(\d{6})\b/.exec(messages[0]?.text ?? '')?.[1];
    if (messages.length > before && code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no new code for ${to} in the outbox`);
}

/**
 * Answers the step-up dialog by re-authentication with a code sent to `to`: by email (the method it
 * opens with for a user without a second factor) or by text message ("Use another method" → "Text me a
 * code"). Sends the code, reads it from the outbox and types it; the dialog closes.
 */
const lastCodeSent = new Map<string, number>();

/** For a test that pressed "Send code" itself: the next confirmWithSentCode waits its turn after it. */
export function noteCodeSent(by: 'email' | 'sms', to: string): void {
  lastCodeSent.set(`${by} ${to}`, Date.now());
}

export async function confirmWithSentCode(
  page: Page,
  origin: string,
  options: { scope: RegExp | string; to: string; by: 'email' | 'sms' },
): Promise<void> {
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: options.scope }).waitFor();
  if (options.by === 'sms') {
    await dialog
      .getByRole('group', { name: 'Use another method' })
      .getByRole('button', { name: 'Text me a code' })
      .click();
  }
  // The MFA server sends one code per user and method every 30 s (as a person would wait to resend).
  const sentAt = lastCodeSent.get(`${options.by} ${options.to}`) ?? 0;
  const wait = sentAt + 31_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const before = await outboxCount(origin, options.to);
  await dialog.getByRole('button', { name: 'Send code' }).click();
  noteCodeSent(options.by, options.to);
  await dialog.getByText(/^We sent a 6-digit code to /).waitFor();
  const code = await readCodeFromOutbox(origin, options.to, before);
  await dialog.getByLabel('Verification code').fill(code);
  await dialog.waitFor({ state: 'detached' });
}

/** Answers the step-up dialog with a signature of the page's wallet (support/wallet.ts), linked before. */
export async function confirmWithWallet(page: Page, scope: RegExp | string): Promise<void> {
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: scope }).waitFor();
  const sign = dialog.getByRole('button', { name: 'Sign with your wallet' });
  if (!(await sign.isVisible()))
    await dialog.getByRole('button', { name: 'Confirm with your wallet' }).click();
  await sign.click();
  await dialog.waitFor({ state: 'detached' });
}
