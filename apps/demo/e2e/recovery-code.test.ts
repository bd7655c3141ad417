/**
 * Flow 3: signing in with a recovery code, which then counts as used: the same code is refused the
 * second time, and another one still works. New codes (after step-up) replace the old ones.
 */
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  confirmWithCode,
  freshEmail,
  goTo,
  saveRecoveryCodes,
  signIn,
  signOut,
  signUp,
  waitForChallenge,
  waitForWallet,
} from './support/acme.js';
import { openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

it('signs in with a recovery code once, refuses it the second time, and replaces the codes', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const email = freshEmail('alan');
  await signUp(page, email);
  await goTo(page, 'Security');
  const { app, recoveryCodes } = await addAuthenticatorApp(page);
  const [first, second, third] = recoveryCodes ?? [];
  if (!first || !second || !third) throw new Error('no recovery codes were shown');
  await signOut(page);

  const signInWithRecoveryCode = async (code: string) => {
    await signIn(page, email);
    await waitForChallenge(page);
    await page
      .getByRole('group', { name: 'Use another method' })
      .getByRole('button', { name: 'Recovery code' })
      .click();
    // Typed as a person reads it off the saved sheet, hyphen included.
    await page.getByLabel('Recovery code').pressSequentially(code);
  };

  await signInWithRecoveryCode(first);
  await waitForWallet(page);
  await goTo(page, 'Security');
  await page.getByText('You have 9 recovery codes left.').waitFor();

  await signOut(page);
  await signInWithRecoveryCode(first);
  await page.getByText('That code isn’t right. Check it and try again.').waitFor();
  expect(page.url()).toMatch(/\/verify$/);

  await page.getByLabel('Recovery code').pressSequentially(second);
  await waitForWallet(page);

  // New codes, after a confirmation and step-up: the old ones stop working.
  await goTo(page, 'Security');
  await page.getByText('You have 8 recovery codes left.').waitFor();
  await page.getByRole('button', { name: 'Generate new codes' }).click();
  await page
    .getByRole('alertdialog', { name: 'Generate new recovery codes?' })
    .getByRole('button', { name: 'Generate new codes' })
    .click();
  await confirmWithCode(page, app, 'Confirm it’s you to change your sign-in methods');
  const fresh = await saveRecoveryCodes(page.getByRole('main'));
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(third);
  await page.getByText('You have 10 recovery codes left.').waitFor();

  await signOut(page);
  await signInWithRecoveryCode(third);
  await page.getByText('That code isn’t right. Check it and try again.').waitFor();
  await page.getByLabel('Recovery code').pressSequentially(fresh[0] ?? '');
  await waitForWallet(page);
});
