/**
 * The policy page is a playground for every visitor, so what one visitor switches off applies to their
 * own account only: another account keeps asking for its second step at sign-in and before a transfer.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  confirmWithCode,
  freshEmail,
  goTo,
  signIn,
  signOut,
  signUp,
  stepUpDialog,
  waitForChallenge,
  waitForText,
  waitForWallet,
} from './support/acme.js';
import { openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

async function switchEverythingOff(page: Page) {
  await goTo(page, 'Policy');
  for (const name of [
    'Ask at every sign-in',
    'Confirm before sending money',
    'Confirm before showing the recovery phrase',
  ]) {
    await page.getByRole('switch', { name }).uncheck();
  }
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();
}

it('lets a visitor switch MFA off for their own account only, never for anyone else', async () => {
  // Ada has an authenticator app, under the default policy.
  const ada = await openPage(demo.browser, demo.server.url);
  const adaEmail = freshEmail('ada');
  await signUp(ada, adaEmail);
  await goTo(ada, 'Security');
  const { app } = await addAuthenticatorApp(ada);
  await signOut(ada);

  // Mallory, another visitor, switches everything off on the policy page; it holds for Mallory.
  const mallory = await openPage(demo.browser, demo.server.url);
  const malloryEmail = freshEmail('mallory');
  await signUp(mallory, malloryEmail);
  await goTo(mallory, 'Security');
  const mallorys = await addAuthenticatorApp(mallory);
  await switchEverythingOff(mallory);
  await signOut(mallory);
  await signIn(mallory, malloryEmail);
  await waitForWallet(mallory); // no second step at sign-in for Mallory's own account
  expect(mallorys.recoveryCodes).toHaveLength(10);

  // Ada still proves her app at sign-in, and still confirms before sending money.
  await signIn(ada, adaEmail);
  await waitForChallenge(ada);
  await ada.getByLabel('Verification code').fill(await app.nextCode());
  await waitForWallet(ada);
  await ada.getByLabel('To (email)').fill(malloryEmail);
  await ada.getByLabel('Amount (USD)').fill('5');
  await ada.getByRole('button', { name: 'Send' }).click();
  await confirmWithCode(ada, app, 'Confirm it’s you to send money');
  await waitForText(ada.locator('.send-card').getByRole('status'), `Sent $5.00 to ${malloryEmail}.`);
  expect(await stepUpDialog(ada).count()).toBe(0);
  // And her policy page shows her own, untouched policy.
  await goTo(ada, 'Policy');
  expect(await ada.getByRole('switch', { name: 'Ask at every sign-in' }).isChecked()).toBe(true);
  expect(await ada.getByRole('switch', { name: 'Confirm before sending money' }).isChecked()).toBe(true);
});
