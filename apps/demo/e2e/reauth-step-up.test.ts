/**
 * Issue 14, done when: a visitor with no second factor sends money and shows the recovery phrase by
 * re-authentication — (a) a code by email, (b) a code by text message once a phone number is verified,
 * (c) a signature of a linked wallet — and a visitor with a second factor is asked for it (no re-auth
 * options) under the default policy, and offered re-authentication once the Policy page allows it with
 * MFA. Codes are read from the demo's outbox (what the Inbox page shows); the wallet is an EIP-1193
 * provider with a real key (support/wallet.ts). Each outcome is checked on the page, and the `amr` of the
 * elevated token the page sent is checked on the request: `otp` (an emailed code, and an authenticator
 * app alike: the outbox tells them apart), `sms` or `pop`.
 */
import { decodeElevatedToken } from '@mfa-kit/client';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  confirmWithCode,
  confirmWithSentCode,
  confirmWithWallet,
  contactsCard,
  freshEmail,
  goTo,
  noteCodeSent,
  outboxCount,
  readCodeFromInbox,
  readCodeFromOutbox,
  signUp,
  stepUpDialog,
  waitForText,
} from './support/acme.js';
import { axeViolations, openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';
import { installWallet } from './support/wallet.js';

const demo = setUpDemo();

const SEND = 'Confirm it’s you to send money';
const EXPORT = 'Confirm it’s you to show your recovery phrase';
const CONTACTS = 'Confirm it’s you to change your phone number or wallets';
const NEEDS_FACTOR =
  'This needs two-step verification or another way to confirm it’s you, and your account has neither yet.';

/** The `amr` of each elevated token the page sends to the wallet's guarded routes, in order. */
function watchElevations(page: Page): { transfer: string[][]; export: string[][] } {
  const seen = { transfer: [] as string[][], export: [] as string[][] };
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const token = request.headers()['x-elevated-token'];
    if (!token) return;
    if (path === '/api/wallet/transfer') seen.transfer.push(decodeElevatedToken(token).amr);
    if (path === '/api/wallet/export') seen.export.push(decodeElevatedToken(token).amr);
  });
  return seen;
}

async function startTransfer(page: Page, to: string, amount: string) {
  await page.getByLabel('To (email)').fill(to);
  await page.getByLabel('Amount (USD)').fill(amount);
  await page.getByRole('button', { name: 'Send' }).click();
}

const sendStatus = (page: Page) => page.locator('.send-card').getByRole('status');
const phrase = (page: Page) => page.getByRole('list', { name: 'Your secret recovery phrase' });

async function showPhraseAndHide(page: Page) {
  await expect.poll(() => phrase(page).getByRole('listitem').count()).toBe(12);
  await page.getByRole('button', { name: 'Hide phrase' }).click();
  await phrase(page).waitFor({ state: 'detached' });
}

/** No "set up two-step verification" notice: the dialog will ask instead. */
async function expectNoNeedsFactor(page: Page) {
  await page.getByText('We’ll ask you to confirm it’s you first.').waitFor();
  expect(await page.getByText(NEEDS_FACTOR).count()).toBe(0);
}

it('(a) without a second factor: an emailed code sends money and shows the phrase, by keyboard', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const seen = watchElevations(page);
  const email = freshEmail('ada');
  await signUp(page, email);
  await expectNoNeedsFactor(page);
  await page.getByText('We ask you to confirm it’s you every time.').waitFor();

  // By keyboard: Enter in the amount field sends the form; the dialog opens on "Send code" (email is
  // the first method the policy offers), Enter sends it, and the code is typed into the focused field.
  await page.getByLabel('To (email)').fill('grace@example.com');
  await page.getByLabel('Amount (USD)').fill('25');
  await page.getByLabel('Amount (USD)').press('Enter');
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: SEND }).waitFor();
  // Outside production it says where the code will arrive: the Inbox, in another tab (the dialog is modal).
  await dialog
    .getByText(
      'We’ll email you a 6-digit code to confirm it’s you. In this demo it arrives on the Inbox page: open it in another tab.',
    )
    .waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Send code');
  expect(await axeViolations(page)).toEqual([]);
  const before = await outboxCount(demo.server.url, email);
  await page.keyboard.press('Enter');
  noteCodeSent('email', email);
  await dialog.getByText(/^We sent a 6-digit code to a/).waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('autocomplete') === 'one-time-code');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.type(await readCodeFromOutbox(demo.server.url, email, before));
  await dialog.waitFor({ state: 'detached' });
  await waitForText(sendStatus(page), 'Sent $25.00 to grace@example.com.');
  await waitForText(page.getByTestId('balance'), '$975.00');
  expect(seen.transfer).toEqual([['otp']]);

  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await confirmWithSentCode(page, demo.server.url, { scope: EXPORT, to: email, by: 'email' });
  await showPhraseAndHide(page);
  expect(seen.export).toEqual([['otp']]);

  // The codes are in the Inbox too, as a visitor reads them there.
  expect(await readCodeFromInbox(page, email)).toMatch(/^\d{6}$/);
});

it('(b) without a second factor: a texted code, once the phone number is verified', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const seen = watchElevations(page);
  const email = freshEmail('hedy');
  const phone = '+4915155502468';
  await signUp(page, email);

  // Adding the number asks for step-up first (an emailed code), then it is verified by its own code.
  await goTo(page, 'Security');
  const section = contactsCard(page).getByRole('region', { name: 'Phone number' });
  await section.getByLabel('Phone number').fill(phone);
  await section.getByRole('button', { name: 'Send code' }).click();
  await confirmWithSentCode(page, demo.server.url, { scope: CONTACTS, to: email, by: 'email' });
  const code = await readCodeFromInbox(page, phone);
  await goTo(page, 'Security');
  await section.getByLabel('Code from the text message').fill(code);
  await section.getByRole('button', { name: 'Verify number' }).click();
  await waitForText(section.getByRole('status'), 'Your phone number is verified.');

  await goTo(page, 'Wallet');
  await startTransfer(page, 'grace@example.com', '40');
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: SEND }).waitFor();
  // Every method this account has, under "Use another method".
  const others = dialog.getByRole('group', { name: 'Use another method' });
  await others.getByRole('button', { name: 'Text me a code' }).waitFor();
  expect(await others.getByRole('button', { name: 'Confirm with your wallet' }).count()).toBe(0);
  await confirmWithSentCode(page, demo.server.url, { scope: SEND, to: phone, by: 'sms' });
  await waitForText(sendStatus(page), 'Sent $40.00 to grace@example.com.');
  expect(seen.transfer).toEqual([['sms']]);

  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await confirmWithSentCode(page, demo.server.url, { scope: EXPORT, to: phone, by: 'sms' });
  await showPhraseAndHide(page);
  expect(seen.export).toEqual([['sms']]);
});

it('(c) without a second factor: a signature of the linked wallet', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const wallet = await installWallet(page);
  const seen = watchElevations(page);
  const email = freshEmail('satoshi');
  await signUp(page, email);

  await goTo(page, 'Security');
  const wallets = contactsCard(page).getByRole('region', { name: 'Wallets' });
  await wallets.getByRole('button', { name: 'Link a wallet' }).click();
  await confirmWithSentCode(page, demo.server.url, { scope: CONTACTS, to: email, by: 'email' });
  await waitForText(wallets.getByRole('status'), 'Your wallet is linked.');

  await goTo(page, 'Wallet');
  await expectNoNeedsFactor(page);
  await startTransfer(page, 'grace@example.com', '12.50');
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: SEND }).waitFor();
  await dialog.getByRole('button', { name: 'Confirm with your wallet' }).click();
  await dialog.getByRole('button', { name: 'Sign with your wallet' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Sign with your wallet' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitForText(sendStatus(page), 'Sent $12.50 to grace@example.com.');
  expect(seen.transfer).toEqual([['pop']]);
  const signed = wallet.requests.filter((request) => request.method === 'personal_sign');
  expect(signed).toHaveLength(2); // the link, and the step-up

  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await confirmWithWallet(page, EXPORT);
  await showPhraseAndHide(page);
  expect(seen.export).toEqual([['pop']]);
});

it('with a second factor: asked for it alone by default, and offered re-authentication once the policy allows it', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const seen = watchElevations(page);
  const email = freshEmail('katherine');
  await signUp(page, email);
  await goTo(page, 'Security');
  const { app } = await addAuthenticatorApp(page);

  await goTo(page, 'Wallet');
  await startTransfer(page, 'grace@example.com', '5');
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: SEND }).waitFor();
  await dialog.getByLabel('Verification code').waitFor();
  const reauthOptions = dialog.getByRole('button', {
    name: /^(Email me a code|Text me a code|Confirm with your wallet)$/,
  });
  expect(await reauthOptions.count()).toBe(0);
  await confirmWithCode(page, app, SEND);
  await waitForText(sendStatus(page), 'Sent $5.00 to grace@example.com.');
  // Proven by the app (whose amr is `otp` too): no email went out.
  expect(seen.transfer).toEqual([['otp']]);
  expect(await outboxCount(demo.server.url, email)).toBe(0);

  await goTo(page, 'Policy');
  await page.getByRole('switch', { name: 'Also for accounts with a second step' }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();

  await goTo(page, 'Wallet');
  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await dialog.getByRole('heading', { name: EXPORT }).waitFor();
  // The factor first, the emailed code among the others.
  await dialog.getByLabel('Verification code').waitFor();
  const others = dialog.getByRole('group', { name: 'Use another method' });
  await others.getByRole('button', { name: 'Email me a code' }).click();
  await confirmWithSentCode(page, demo.server.url, { scope: EXPORT, to: email, by: 'email' });
  await showPhraseAndHide(page);
  expect(seen.export).toEqual([['otp']]);
  expect(await outboxCount(demo.server.url, email)).toBe(1);
});

it('tells a user to set up two-step verification only when there is no way at all to confirm', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await signUp(page, freshEmail('grace'));
  await goTo(page, 'Policy');
  for (const name of ['Code by email', 'Code by text message', 'Wallet signature']) {
    await page.getByRole('switch', { name }).uncheck();
  }
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();

  await goTo(page, 'Wallet');
  const send = page.locator('.send-card');
  await send.getByText(NEEDS_FACTOR).waitFor();
  await page.locator('.export-card').getByText(NEEDS_FACTOR).waitFor();
  await startTransfer(page, 'alan@example.com', '1');
  await waitForText(send.getByRole('alert'), `${NEEDS_FACTOR} Set it up on the Security page`);
  expect(await stepUpDialog(page).count()).toBe(0);
  await waitForText(page.getByTestId('balance'), '$1,000.00');
});
