/**
 * Flow 2: a passkey as the second factor, held by a CDP virtual authenticator: added on the Security
 * page (with its recovery codes, as a first factor), then used to finish signing in.
 */
import { expect, it } from 'vitest';
import {
  freshEmail,
  goTo,
  saveRecoveryCodes,
  signIn,
  signOut,
  signUp,
  waitForChallenge,
  waitForWallet,
} from './support/acme.js';
import { addVirtualAuthenticator, openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

it('adds a passkey as the second factor and signs in with it', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await addVirtualAuthenticator(page);
  const email = freshEmail('grace');
  await signUp(page, email);

  await goTo(page, 'Security');
  await page.getByRole('button', { name: 'Add passkey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add passkey' });
  await dialog.getByLabel('Passkey name (optional)').fill('This laptop');
  await dialog.getByRole('button', { name: 'Create a passkey' }).click();
  // The first factor brings recovery codes, saved before the dialog closes.
  expect(await saveRecoveryCodes(dialog)).toHaveLength(10);
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('listitem', { name: 'This laptop Passkey' }).waitFor();

  await signOut(page);
  await signIn(page, email);
  await waitForChallenge(page);
  // The passkey is the user's only factor kind, so the challenge offers it first.
  await page.getByRole('button', { name: 'Use your passkey' }).click();
  await waitForWallet(page);

  await goTo(page, 'Security');
  await page.getByRole('listitem', { name: 'This laptop Passkey' }).getByText('Last used just now').waitFor();
});
