/**
 * Flow 5: the device list. Rename a factor; remove one behind step-up; and while the policy requires two-
 * step verification, the last factor cannot be removed.
 */
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  confirmWithCode,
  confirmWithPasskey,
  freshEmail,
  goTo,
  signUp,
  stepUpDialog,
  waitForText,
} from './support/acme.js';
import { addVirtualAuthenticator, openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

it('renames a factor, removes one after step-up, and keeps the last one while MFA is required', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await addVirtualAuthenticator(page);
  await signUp(page, freshEmail('barbara'));
  await goTo(page, 'Security');
  const { app } = await addAuthenticatorApp(page, { name: 'Phone' });

  // A second factor: adding it asks for the first.
  await page.getByRole('button', { name: 'Add passkey' }).click();
  const add = page.getByRole('dialog', { name: 'Add passkey' });
  await add.getByLabel('Passkey name (optional)').fill('Laptop');
  await add.getByRole('button', { name: 'Create a passkey' }).click();
  await confirmWithCode(page, app, 'Confirm it’s you to change your sign-in methods');
  await add.waitFor({ state: 'detached' });
  const list = page.getByRole('list', { name: 'Sign-in methods' });
  await expect.poll(() => list.getByRole('listitem').count()).toBe(2);

  await page.getByRole('button', { name: 'Rename Laptop' }).click();
  const name = list.getByLabel('Name', { exact: true });
  await name.fill('Work laptop');
  await name.press('Enter');
  await page.getByText('Renamed to Work laptop.').waitFor();
  await list.getByRole('listitem', { name: 'Work laptop Passkey' }).waitFor();

  await page.getByRole('button', { name: 'Remove Phone' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove Phone?' });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  // The passkey is the newest factor, so the step-up offers it first.
  await confirmWithPasskey(page, 'Confirm it’s you to remove a sign-in method');
  await page.getByText('Phone was removed.').waitFor();
  await expect.poll(() => list.getByRole('listitem').count()).toBe(1);

  await goTo(page, 'Policy');
  await page.getByRole('switch', { name: 'Require a second step' }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();

  await goTo(page, 'Security');
  const remove = page.getByRole('button', { name: 'Remove Work laptop' });
  await waitForText(
    page.locator(`#${await remove.getAttribute('aria-describedby')}`),
    'You need at least one way to sign in because two-step verification is required.',
  );
  // Blocked, not disabled: it stays focusable, so its reason is heard; pressing it does nothing.
  expect(await remove.getAttribute('aria-disabled')).toBe('true');
  await remove.focus();
  await page.keyboard.press('Enter');
  // Two frames: long enough for a dialog that was going to open to be on the page.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await page.getByRole('alertdialog').count()).toBe(0);
  expect(await stepUpDialog(page).count()).toBe(0);
  await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
});
