/**
 * Flow 7: flow 1 with the keyboard alone (Tab, Shift+Tab, Enter, Space and typing, never a click), and
 * axe-core on every page and dialog, light and dark: no WCAG 2.2 A or AA violation.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  confirmWithCode,
  freshEmail,
  goTo,
  heading,
  PASSWORD,
  readSetupKey,
  saveRecoveryCodes,
  signIn,
  signOut,
  signUp,
  signUpRequired,
  stepUpDialog,
  waitForChallenge,
  waitForWallet,
} from './support/acme.js';
import { axeViolations, openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';
import { AuthenticatorApp } from './support/totp.js';

const demo = setUpDemo();

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, direction: 'forward' | 'backward' = 'forward') {
  await target.waitFor();
  for (let presses = 0; presses < 60; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(direction === 'forward' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`${target} never got focus`);
}

it('signs up, adds an authenticator app, saves the codes, and signs in again, by keyboard alone', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const email = freshEmail('keyboard');
  await page.goto('/sign-up');
  await heading(page, 'Create your wallet').waitFor();

  // The first Tab reaches the skip link, which takes focus to the main content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  expect(await isFocused(skip)).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

  await tabTo(page, page.getByLabel('Email', { exact: true }));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  expect(await isFocused(page.getByLabel('Password', { exact: true }))).toBe(true);
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await waitForWallet(page);

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }));
  await page.keyboard.press('Enter');
  await heading(page, 'Security').waitFor();

  const add = page.getByRole('button', { name: 'Add authenticator app' });
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add authenticator app' });
  await tabTo(page, dialog.getByLabel('Name (optional)'));
  await page.keyboard.type('Keyboard phone');
  await page.keyboard.press('Enter');
  const disclosure = dialog.getByRole('button', { name: 'Can’t scan it?' });
  await tabTo(page, disclosure);
  await page.keyboard.press('Enter');
  const app = new AuthenticatorApp(await readSetupKey(dialog));
  await tabTo(page, dialog.getByLabel('Verification code'));
  await page.keyboard.type(await app.nextCode());

  await dialog.getByRole('list', { name: 'Recovery codes' }).waitFor();
  await tabTo(page, dialog.getByLabel('I have saved these codes'));
  await page.keyboard.press('Space');
  await tabTo(page, dialog.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('listitem', { name: 'Keyboard phone Authenticator app' }).waitFor();
  // Focus went back to where the dialog was opened from.
  await expect.poll(() => isFocused(add)).toBe(true);

  await tabTo(page, page.getByRole('button', { name: 'Sign out' }), 'backward');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/sign-in');
  await tabTo(page, page.getByLabel('Email', { exact: true }));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');

  await waitForChallenge(page);
  // The code field has focus already: the code is just typed.
  await expect.poll(() => isFocused(page.getByLabel('Verification code'))).toBe(true);
  await page.keyboard.type(await app.nextCode());
  await waitForWallet(page);
});

it('finds no WCAG 2.2 A or AA violations on any page or dialog, light and dark', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const checked: string[] = [];
  const check = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), `${name}, ${colorScheme}`).toEqual([]);
    }
    checked.push(name);
  };

  await page.goto('/sign-in');
  await heading(page, 'Sign in').waitFor();
  await check('sign-in');
  await page.goto('/sign-up');
  await heading(page, 'Create your wallet').waitFor();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Enter your email.').waitFor();
  await check('sign-up with errors');
  await page.goto('/no-such-page');
  await heading(page, 'Page not found').waitFor();
  await check('not found');

  const email = freshEmail('axe');
  await signUp(page, email);
  await check('wallet of a new user');
  await goTo(page, 'Security');
  await page.getByText('No sign-in methods yet').waitFor();
  await check('security without a factor');

  await page.getByRole('button', { name: 'Add authenticator app' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add authenticator app' });
  await dialog.getByRole('button', { name: 'Set up authenticator app' }).click();
  const app = new AuthenticatorApp(await readSetupKey(dialog));
  await check('add authenticator app');
  await dialog.getByLabel('Verification code').fill(app.wrongCode());
  await dialog.getByText('That code isn’t right. Check it and try again.').waitFor();
  await check('add authenticator app, wrong code');
  await dialog.getByLabel('Verification code').fill(await app.nextCode());
  await dialog.getByRole('list', { name: 'Recovery codes' }).waitFor();
  await check('recovery codes to save');
  const recoveryCodes = await saveRecoveryCodes(dialog);
  await dialog.waitFor({ state: 'detached' });
  await check('security with a factor');

  await goTo(page, 'Wallet');
  await page.getByLabel('To (email)').fill('grace@example.com');
  await page.getByLabel('Amount (USD)').fill('12.5');
  await page.getByRole('button', { name: 'Send' }).click();
  await stepUpDialog(page).waitFor();
  await check('step-up dialog');
  await confirmWithCode(page, app, 'Confirm it’s you to send money');
  await page.getByText('Sent $12.50 to grace@example.com.').waitFor();
  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await confirmWithCode(page, app, 'Confirm it’s you to show your recovery phrase');
  await page.getByRole('list', { name: 'Your secret recovery phrase' }).waitFor();
  await check('wallet with history and the phrase');

  await goTo(page, 'Policy');
  await page.getByRole('switch', { name: 'Require a second step' }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();
  await check('policy');

  await signOut(page);
  await signIn(page, email);
  await waitForChallenge(page);
  await check('second step');
  await page
    .getByRole('group', { name: 'Use another method' })
    .getByRole('button', { name: 'Recovery code' })
    .click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
  await waitForWallet(page);

  await signOut(page);
  await signUpRequired(page, freshEmail('axe-enrol'));
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  await check('enrolment required');
  await page.getByLabel('Language').selectOption('ar');
  await page.getByRole('heading', { level: 1, name: 'احمِ حسابك' }).waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
    'ar',
    'rtl',
  ]);
  await check('enrolment required, in Arabic');

  expect(checked).toHaveLength(15);
});
