/**
 * Screenshots of every page of Acme Wallet, to look at: light and dark at 1024 px, light at 320 px (a
 * phone), and a few in Arabic. Builds the front end, starts the demo on a free port with a fresh data
 * folder, and walks through the app as a user would. Never part of the tests.
 *
 *   pnpm --filter @mfa-kit/demo screenshots [--out .artifacts/screenshots] [--only wallet,security] [--docs]
 *
 * The output folder (default apps/demo/.artifacts/screenshots) is git-ignored. `--docs` also writes the
 * README's pictures to apps/demo/docs/ (the visible part of the page only, to keep them small).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  confirmWithCode,
  confirmWithSentCode,
  confirmWithWallet,
  contactsCard,
  freshEmail,
  goTo,
  heading,
  readCodeFromInbox,
  readSetupKey,
  saveRecoveryCodes,
  signIn,
  signOut,
  signUp,
  signUpRequired,
  stepUpDialog,
  waitForChallenge,
  waitForText,
} from './support/acme.js';
import { launchBrowser, openPage } from './support/browser.js';
import { APP_DIR, buildClient } from './support/build.js';
import { startTestServer } from './support/server.js';
import { AuthenticatorApp } from './support/totp.js';
import { installWallet } from './support/wallet.js';

const arg = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 ? process.argv[index + 1] : undefined;
};
const out = resolve(APP_DIR, arg('out') ?? '.artifacts/screenshots');
const only = arg('only')?.split(',');
const docs = process.argv.includes('--docs');

interface Variant {
  name: string;
  width: number;
  scheme: 'light' | 'dark';
}
const VARIANTS: Variant[] = [
  { name: 'light', width: 1024, scheme: 'light' },
  { name: 'dark', width: 1024, scheme: 'dark' },
  { name: 'phone', width: 320, scheme: 'light' },
];

async function shoot(page: Page, name: string, variants = VARIANTS): Promise<void> {
  if (only && !only.includes(name)) return;
  for (const variant of variants) {
    await page.setViewportSize({ width: variant.width, height: variant.width < 600 ? 640 : 768 });
    await page.emulateMedia({ colorScheme: variant.scheme, reducedMotion: 'reduce' });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(250);
    const file = join(out, `${name}--${variant.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
  }
}

/** A picture for the README: what a screen of this size shows, no more. */
async function forDocs(page: Page, file: string, variant: Variant & { height: number }): Promise<void> {
  if (!docs) return;
  await page.setViewportSize({ width: variant.width, height: variant.height });
  await page.emulateMedia({ colorScheme: variant.scheme, reducedMotion: 'reduce' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(250);
  const path = join(APP_DIR, 'docs', file);
  await page.screenshot({ path });
  process.stdout.write(`${path}\n`);
}

async function inArabic(page: Page, name: string): Promise<void> {
  if (only && !only.includes(name)) return;
  await page.getByLabel('Language').selectOption('ar');
  await shoot(page, `${name}-ar`, [{ name: 'light', width: 1024, scheme: 'light' }]);
  await page.getByLabel('اللغة').selectOption('en');
}

mkdirSync(out, { recursive: true });
if (docs) mkdirSync(join(APP_DIR, 'docs'), { recursive: true });
const clientDir = mkdtempSync(join(tmpdir(), 'acme-wallet-client-'));
await buildClient(clientDir);
const server = await startTestServer(clientDir);
const browser = await launchBrowser();
try {
  const page = await openPage(browser, server.url);
  await installWallet(page);

  await page.goto('/sign-up');
  await heading(page, 'Create your wallet').waitFor();
  await shoot(page, 'sign-up');
  await page.goto('/sign-in');
  await heading(page, 'Sign in').waitFor();
  await shoot(page, 'sign-in');
  await inArabic(page, 'sign-in');
  await page.goto('/no-such-page');
  await heading(page, 'Page not found').waitFor();
  await shoot(page, 'not-found');

  const email = freshEmail('ada');
  await signUp(page, email);
  await shoot(page, 'wallet-new');

  // Ways to confirm it's you: a phone number by the code in the Inbox, a wallet by a signature. Each
  // asks for step-up first (account:contacts): without a second factor, a code to the sign-up email.
  await goTo(page, 'Security');
  const contacts = contactsCard(page);
  await contacts.getByRole('textbox', { name: 'Phone number' }).fill('+49 151 5550 1234');
  await contacts.getByRole('button', { name: 'Send code' }).click();
  const contactsScope = 'Confirm it’s you to change your phone number or wallets';
  await stepUpDialog(page).getByRole('heading', { name: contactsScope }).waitFor();
  await shoot(page, 'step-up-contacts');
  await inArabic(page, 'step-up-contacts');
  await confirmWithSentCode(page, server.url, { scope: contactsScope, to: email, by: 'email' });
  await contacts.getByLabel('Code from the text message').waitFor();
  await shoot(page, 'security-phone-code');
  const smsCode = await readCodeFromInbox(page, '+4915155501234');
  await shoot(page, 'inbox');
  await inArabic(page, 'inbox');
  await goTo(page, 'Security');
  await contacts.getByLabel('Code from the text message').fill(smsCode);
  await contacts.getByRole('button', { name: 'Verify number' }).click();
  await contacts.getByText('Your phone number is verified.').waitFor();
  await contacts.getByRole('button', { name: 'Link a wallet' }).click();
  await confirmWithSentCode(page, server.url, { scope: contactsScope, to: email, by: 'email' });
  await contacts.getByText('Your wallet is linked.').waitFor();
  await shoot(page, 'security-contacts');
  await inArabic(page, 'security-contacts');

  // Still without a second factor: the recovery phrase asks by re-authentication, every way offered.
  await goTo(page, 'Wallet');
  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await stepUpDialog(page).getByRole('group', { name: 'Use another method' }).waitFor();
  await shoot(page, 'step-up-reauth');
  await inArabic(page, 'step-up-reauth');
  await stepUpDialog(page).getByRole('button', { name: 'Confirm with your wallet' }).click();
  await stepUpDialog(page).getByRole('button', { name: 'Sign with your wallet' }).waitFor();
  await shoot(page, 'step-up-wallet');
  await confirmWithWallet(page, 'Confirm it’s you to show your recovery phrase');
  await page.getByRole('button', { name: 'Hide phrase' }).click();

  await goTo(page, 'Security');
  await page.getByRole('button', { name: 'Add authenticator app' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add authenticator app' });
  await addDialog.getByLabel('Name (optional)').fill('Pixel 9');
  await addDialog.getByRole('button', { name: 'Set up authenticator app' }).click();
  const app = new AuthenticatorApp(await readSetupKey(addDialog));
  await shoot(page, 'add-app');
  await addDialog.getByLabel('Verification code').fill(await app.nextCode());
  await addDialog.getByRole('list', { name: 'Recovery codes' }).waitFor();
  await shoot(page, 'recovery-codes');
  await saveRecoveryCodes(addDialog);
  await addDialog.waitFor({ state: 'detached' });

  await goTo(page, 'Wallet');
  await page.getByLabel('To (email)').fill('grace@example.com');
  await page.getByLabel('Amount (USD)').fill('250.50');
  await page.getByRole('button', { name: 'Send' }).click();
  await stepUpDialog(page).waitFor();
  await shoot(page, 'step-up');
  await forDocs(page, 'step-up-dark.png', { name: 'dark', width: 1024, height: 700, scheme: 'dark' });
  await confirmWithCode(page, app, 'Confirm it’s you to send money');
  await waitForText(page.getByTestId('balance'), '$749.50');
  await page.getByLabel('To (email)').fill('alan@example.com');
  await page.getByLabel('Amount (USD)').fill('42');
  await page.getByRole('button', { name: 'Send' }).click();
  await waitForText(page.getByTestId('balance'), '$707.50');
  await shoot(page, 'wallet');
  await forDocs(page, 'wallet.png', { name: 'light', width: 1024, height: 700, scheme: 'light' });
  await inArabic(page, 'wallet');
  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await confirmWithCode(page, app, 'Confirm it’s you to show your recovery phrase');
  await page.getByRole('list', { name: 'Your secret recovery phrase' }).waitFor();
  await shoot(page, 'wallet-phrase');

  await goTo(page, 'Security');
  await page.getByText('You have 10 recovery codes left.').waitFor();
  await shoot(page, 'security');
  await forDocs(page, 'security.png', { name: 'light', width: 1024, height: 700, scheme: 'light' });

  await goTo(page, 'Policy');
  await page.getByRole('switch', { name: 'Require a second step' }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();
  await shoot(page, 'policy');

  await signOut(page);
  await signIn(page, email);
  await waitForChallenge(page);
  await shoot(page, 'verify');
  await forDocs(page, 'phone-sign-in.png', { name: 'phone', width: 320, height: 640, scheme: 'light' });
  await inArabic(page, 'verify');
  await page.getByRole('button', { name: 'Cancel and sign out' }).click();
  await page.waitForURL('**/sign-in');

  await signUpRequired(page, freshEmail('grace'));
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  await shoot(page, 'enroll');
} finally {
  await browser.close();
  await server.close();
  rmSync(clientDir, { recursive: true, force: true });
}
