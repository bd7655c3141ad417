/**
 * Flow 2: a passkey as the second factor, held by a CDP virtual authenticator: added on the Security
 * page (with its recovery codes, as a first factor), then used to finish signing in. And a passkey as the
 * first method on the enrolment page, when the policy requires two-step verification.
 */
import { expect, it } from 'vitest';
import {
  freshEmail,
  goTo,
  heading,
  saveRecoveryCodes,
  signIn,
  signOut,
  signUp,
  signUpRequired,
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
  // The first factor brings recovery codes, saved before the dialog closes: shown there, under "Passkey
  // added.", and only there (not again in the page's recovery-codes card behind the dialog).
  await dialog.getByRole('status').filter({ hasText: 'This laptop added.' }).waitFor();
  await dialog.getByRole('list', { name: 'Recovery codes' }).waitFor();
  expect(await page.getByRole('list', { name: 'Recovery codes', includeHidden: true }).count()).toBe(1);
  expect(await dialog.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
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

it('enrols a passkey as the first method, and offers no way out of the enrolment once it exists', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await addVirtualAuthenticator(page);
  await signUpRequired(page, freshEmail('radia'));
  await heading(page, 'Protect your account').waitFor();
  // Until a factor exists, the page's own way out: sign out (the header has one too).
  const leave = page.getByRole('main').getByRole('button', { name: 'Sign out' });
  await leave.waitFor();
  await page.getByRole('tab', { name: 'Passkey' }).click();
  await page.getByRole('button', { name: 'Create a passkey' }).click();

  // The passkey exists and the session is complete; what is left is saving the codes. Leaving now would
  // not undo the passkey and would lose the codes, which are shown once: the page offers no way out.
  const codes = page.getByRole('list', { name: 'Recovery codes' });
  await codes.waitFor();
  expect(await leave.count()).toBe(0);
  expect(await saveRecoveryCodes(page.getByRole('main'))).toHaveLength(10);
  await waitForWallet(page);
});
