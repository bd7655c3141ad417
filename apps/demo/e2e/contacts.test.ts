/**
 * Issue 14, the demo's part: the contacts that step-up by re-authentication uses. A phone number is
 * added with the code read off the Inbox page (the demo's SMS gateway), and a wallet is linked through
 * an EIP-1193 provider in the page (support/wallet.ts: a real key signs the server's EIP-4361 message).
 * Each is a way to step up, so adding or removing one asks for step-up first (account:contacts): these
 * users have no second factor, so the dialog sends a code to their sign-up email.
 */
import type { Page } from 'playwright-core';
import { generatePrivateKey } from 'viem/accounts';
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  confirmWithCode,
  confirmWithSentCode,
  contactsCard,
  freshEmail,
  goTo,
  readCodeFromInbox,
  signUp,
  stepUpDialog,
  waitForText,
} from './support/acme.js';
import { axeViolations, openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';
import { installWallet } from './support/wallet.js';

const demo = setUpDemo();

const phoneSection = (page: Page) => contactsCard(page).getByRole('region', { name: 'Phone number' });
const walletSection = (page: Page) => contactsCard(page).getByRole('region', { name: 'Wallets' });
const SCOPE = 'Confirm it’s you to change your phone number or wallets';
/** Answers the step-up for account:contacts with a code sent to the sign-up email. */
const confirmByEmail = (page: Page, email: string) =>
  confirmWithSentCode(page, demo.server.url, { scope: SCOPE, to: email, by: 'email' });

it('adds a phone number with the code from the inbox; a wrong code changes nothing', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const email = freshEmail('hedy');
  await signUp(page, email);
  await goTo(page, 'Security');
  const phone = phoneSection(page);
  await contactsCard(page).getByText(email).waitFor();
  await contactsCard(page)
    .getByText('Adding or removing a number or a wallet asks you to confirm it’s you first', { exact: false })
    .waitFor();
  await phone.getByLabel('Phone number').fill('+49 151 5550 1234');
  await phone.getByRole('button', { name: 'Send code' }).click();
  // A new number is a new way to step up: the dialog asks first, by a code to the sign-up email, and
  // nothing is texted before it is answered.
  await stepUpDialog(page).getByRole('heading', { name: SCOPE }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await confirmByEmail(page, email);
  await phone.getByText('We sent a code to +4915155501234. It works for 10 minutes.').waitFor();
  // The code field takes focus.
  await page.waitForFunction(() => document.activeElement?.getAttribute('autocomplete') === 'one-time-code');

  const code = await readCodeFromInbox(page, '+4915155501234');
  // The sign-up email's inbox is there too (empty so far), and the page is accessible.
  expect(await axeViolations(page)).toEqual([]);

  await goTo(page, 'Security');
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await phone.getByLabel('Code from the text message').fill(wrong);
  await phone.getByRole('button', { name: 'Verify number' }).click();
  await waitForText(phone.getByRole('alert').first(), 'That code isn’t right. 4 tries left.');
  expect(await phone.getByText('Verified', { exact: true }).count()).toBe(0);

  await phone.getByLabel('Code from the text message').fill(code);
  await phone.getByRole('button', { name: 'Verify number' }).click();
  await waitForText(phone.getByRole('status'), 'Your phone number is verified.');
  await phone.getByText('+4915155501234').waitFor();
  await phone.getByText('Verified', { exact: true }).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // Removed, after another step-up (single use): the form is back.
  await phone.getByRole('button', { name: 'Remove number' }).click();
  await confirmByEmail(page, email);
  await waitForText(phone.getByRole('status'), 'Your phone number was removed.');
  await phone.getByLabel('Phone number').waitFor();
});

it('links a wallet by a signature in the browser’s wallet, refuses a declined one, and removes it', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const wallet = await installWallet(page);
  const email = freshEmail('satoshi');
  await signUp(page, email);
  await goTo(page, 'Security');
  const wallets = walletSection(page);
  await wallets.getByText('No wallet linked yet.').waitFor();

  // The user declines the signature in the wallet: nothing is linked.
  wallet.rejectRequests(['personal_sign'], { once: true });
  await wallets.getByRole('button', { name: 'Link a wallet' }).click();
  await confirmByEmail(page, email);
  await waitForText(wallets.getByRole('alert'), 'You declined in your wallet. Nothing was linked.');
  await wallets.getByText('No wallet linked yet.').waitFor();

  // Trying again signs the same message: no second step-up for it.
  await wallets.getByRole('button', { name: 'Link a wallet' }).click();
  await waitForText(wallets.getByRole('status'), 'Your wallet is linked.');
  await wallets.getByText(wallet.address).waitFor();
  const signed = wallet.requests.filter((request) => request.method === 'personal_sign').at(-1);
  expect(String(signed?.params[0])).toContain(
    `${new URL(demo.server.url).host} wants you to sign in with your Ethereum account:\n${wallet.address}`,
  );
  expect(await axeViolations(page)).toEqual([]);

  // Another account on another chain is a second wallet.
  await wallet.switchAccount(generatePrivateKey());
  await wallet.switchChain(10);
  await wallets.getByRole('button', { name: 'Link a wallet' }).click();
  await confirmByEmail(page, email);
  await wallets.getByText(wallet.address).waitFor();
  await wallets.getByText('Chain 10').waitFor();
  expect(await wallets.getByRole('listitem').count()).toBe(2);

  // Cancelling the step-up removes nothing; answering it does.
  await wallets.getByRole('button', { name: `Remove wallet ${wallet.address}` }).click();
  await stepUpDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await waitForText(wallets.getByRole('status'), 'Cancelled. Nothing was changed.');
  expect(await wallets.getByRole('listitem').count()).toBe(2);
  await wallets.getByRole('button', { name: `Remove wallet ${wallet.address}` }).click();
  await confirmByEmail(page, email);
  await waitForText(wallets.getByRole('status'), 'The wallet was removed.');
  expect(await wallets.getByRole('listitem').count()).toBe(1);
});

it('says so when the browser has no wallet', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await signUp(page, freshEmail('ada'));
  await goTo(page, 'Security');
  await walletSection(page)
    .getByText('This browser has no Ethereum wallet. Add a wallet extension, then reload this page.')
    .waitFor();
});

it('asks a user with an authenticator app for its code before a phone number is added, never an email', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const email = freshEmail('radia');
  await signUp(page, email);
  await goTo(page, 'Security');
  const { app } = await addAuthenticatorApp(page);
  const phone = phoneSection(page);
  await phone.getByLabel('Phone number').fill('+49 151 5550 9876');
  await phone.getByRole('button', { name: 'Send code' }).click();
  const dialog = stepUpDialog(page);
  await dialog.getByRole('heading', { name: SCOPE }).waitFor();
  // The factor only: no code by email or SMS, no wallet.
  expect(
    await dialog
      .getByRole('button', { name: /Email me a code|Text me a code|Confirm with your wallet/ })
      .count(),
  ).toBe(0);
  await confirmWithCode(page, app, SCOPE);
  await phone.getByText('We sent a code to +4915155509876. It works for 10 minutes.').waitFor();
  const inbox = await fetch(`${demo.server.url}/api/dev/outbox?to=${encodeURIComponent(email)}`);
  expect(await inbox.json()).toEqual([]);
});
