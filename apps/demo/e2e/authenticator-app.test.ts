/**
 * Flow 1: sign up, add an authenticator app (its key read off the page, codes from oathtool), save the
 * recovery codes, sign out, sign in: the second step asks for a code, and the code opens the wallet.
 */
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  freshEmail,
  goTo,
  signIn,
  signOut,
  signUp,
  waitForChallenge,
  waitForText,
  waitForWallet,
} from './support/acme.js';
import { openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

it('signs up, adds an authenticator app, saves the recovery codes, and signs in again with a code', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const email = freshEmail('ada');
  await signUp(page, email);
  await waitForText(page.getByTestId('balance'), '$1,000.00');

  await goTo(page, 'Security');
  const { app, recoveryCodes } = await addAuthenticatorApp(page, { name: 'Phone' });
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes ?? []) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
  await page.getByRole('listitem', { name: 'Phone Authenticator app' }).waitFor();
  await page.getByText('You have 10 recovery codes left.').waitFor();

  await signOut(page);
  await signIn(page, email);
  await waitForChallenge(page);
  const field = page.getByLabel('Verification code');
  await expect.poll(() => field.evaluate((element) => element === document.activeElement)).toBe(true);
  await field.fill(await app.nextCode());
  await waitForWallet(page);
  await waitForText(page.getByTestId('balance'), '$1,000.00');
});
