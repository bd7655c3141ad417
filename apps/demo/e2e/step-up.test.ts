/**
 * Flow 4: step-up before sensitive actions. A transfer asks for the second step in the StepUpDialog, and
 * the proof covers the next transfer (multi-use, 10 minutes); showing the recovery phrase asks every
 * time (single use).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  confirmWithCode,
  freshEmail,
  goTo,
  signUp,
  stepUpDialog,
  waitForText,
} from './support/acme.js';
import { openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

async function send(page: Page, to: string, amount: string) {
  await page.getByLabel('To (email)').fill(to);
  await page.getByLabel('Amount (USD)').fill(amount);
  await page.getByRole('button', { name: 'Send' }).click();
}

it('asks once for a run of transfers, and every time for the recovery phrase', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await signUp(page, freshEmail('katherine'));
  await goTo(page, 'Security');
  const { app, recoveryCodes } = await addAuthenticatorApp(page);
  await goTo(page, 'Wallet');
  const balance = page.getByTestId('balance');
  const status = page.locator('.send-card').getByRole('status');

  await page.getByText('We’ll ask you to confirm it’s you first.').waitFor();
  await send(page, 'grace@example.com', '25');
  await confirmWithCode(page, app, 'Confirm it’s you to send money');
  await waitForText(status, 'Sent $25.00 to grace@example.com.');
  await waitForText(balance, '$975.00');

  // Within 10 minutes the same proof covers another transfer: it goes through without a prompt (a prompt
  // would hold it until answered).
  await page
    .getByText('You confirmed it’s you a moment ago, so no code is needed for a few minutes.')
    .waitFor();
  await send(page, 'alan@example.com', '10.50');
  await waitForText(status, 'Sent $10.50 to alan@example.com.');
  await waitForText(balance, '$964.50');
  expect(await stepUpDialog(page).count()).toBe(0);
  const history = page.getByRole('list', { name: 'History' });
  await expect
    .poll(() => history.getByRole('listitem').allTextContents())
    .toEqual([
      expect.stringContaining('Sent to alan@example.com'),
      expect.stringContaining('Sent to grace@example.com'),
      expect.stringContaining('Welcome bonus'),
    ]);

  const showPhrase = page.getByRole('button', { name: 'Show recovery phrase' });
  const phrase = page.getByRole('list', { name: 'Your secret recovery phrase' });
  await showPhrase.click();
  await confirmWithCode(page, app, 'Confirm it’s you to show your recovery phrase');
  await expect.poll(() => phrase.getByRole('listitem').count()).toBe(12);
  const words = await phrase.getByRole('listitem').allTextContents();
  await page.getByRole('button', { name: 'Hide phrase' }).click();
  await phrase.waitFor({ state: 'detached' });

  // Single use: the next export asks again. Cancelling shows nothing; the recovery code answers it.
  await showPhrase.click();
  await stepUpDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Cancelled. The phrase stays hidden.').waitFor();
  await showPhrase.click();
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: 'Confirm it’s you to show your recovery phrase' }).waitFor();
  await dialog
    .getByRole('group', { name: 'Use another method' })
    .getByRole('button', { name: 'Recovery code' })
    .click();
  await dialog.getByLabel('Recovery code').fill(recoveryCodes?.[0] ?? '');
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => phrase.getByRole('listitem').allTextContents()).toEqual(words);
});
