/**
 * The app's own forms, as someone who changes their mind, or their language, uses them: the send-money
 * form forgets an earlier "Sent" once a new attempt is refused, reads amounts as the page's language
 * writes them, and errors already shown on it and on sign-in and sign-up follow a language switch.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { chooseLanguage, freshEmail, goTo, heading, signUp, waitForText } from './support/acme.js';
import { openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

/** Transfers without step-up, so that these tests are about the form alone (the policy is the server's). */
async function noStepUpForTransfers(page: Page) {
  await goTo(page, 'Policy');
  const toggle = page.getByRole('switch', { name: 'Confirm before sending money' });
  if (!(await toggle.isChecked())) return;
  await toggle.uncheck();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Saved. It applies to your account from the next request.').waitFor();
}

/** A user with the welcome bonus, $1,000.00, on the wallet. */
async function walletUser(): Promise<Page> {
  const page = await openPage(demo.browser, demo.server.url);
  await signUp(page, freshEmail('amelia'));
  await noStepUpForTransfers(page);
  await goTo(page, 'Wallet');
  return page;
}

const sendForm = (page: Page) => page.locator('.send-card');

/** Fills and sends the form through its fields' labels in `labels`' language. */
async function send(
  page: Page,
  amount: string,
  labels = { to: 'To (email)', amount: 'Amount (USD)', send: 'Send' },
) {
  const form = sendForm(page);
  await form.getByLabel(labels.to).fill('grace@example.com');
  await form.getByLabel(labels.amount).fill(amount);
  await form.getByRole('button', { name: labels.send, exact: true }).click();
}

const GERMAN = { to: 'An (E-Mail)', amount: 'Betrag (USD)', send: 'Senden' };
const ARABIC = { to: 'إلى (البريد الإلكتروني)', amount: 'المبلغ (دولار أمريكي)', send: 'إرسال' };

const amountError = (page: Page) => sendForm(page).locator('.field-error');
const status = (page: Page) => sendForm(page).getByRole('status');

it('takes an earlier “Sent” away when the next transfer is refused', async () => {
  const page = await walletUser();
  await send(page, '10');
  await waitForText(status(page), 'Sent $10.00 to grace@example.com.');

  await send(page, '5000');
  await waitForText(amountError(page), 'That’s more than your balance.');
  // Beside that error, an old success would read as if this transfer had gone through.
  await waitForText(status(page), '');
  expect(await page.getByText('Sent $10.00').count()).toBe(0);
});

it('reads amounts as the page’s language writes them, and refuses another language’s separators', async () => {
  const page = await walletUser();
  const balance = page.getByTestId('balance');

  await chooseLanguage(page, 'de');
  // German writes the currency after the amount, with a no-break space.
  await sendForm(page).getByText('Zum Beispiel 25 oder 12,50.').waitFor();
  await send(page, '12,50', GERMAN);
  await waitForText(status(page), '12,50\u00a0$ an grace@example.com gesendet.');
  await waitForText(balance, '987,50\u00a0$');
  // Read the German way, 12.50 would be 1250: refused, with how to write it here, and nothing sent.
  await send(page, '12.50', GERMAN);
  await waitForText(
    amountError(page),
    'Verwenden Sie ein Komma vor den Cent und Punkte zwischen den Tausendern, zum Beispiel 1.234,50.',
  );
  await waitForText(status(page), '');
  // Grouped the German way: 1000.50, more than the 987.50 left (not 1.0005, nor 100050 refused as too many digits).
  await send(page, '1.000,50', GERMAN);
  await waitForText(amountError(page), 'Das ist mehr als Ihr Kontostand.');
  // A group that is not three digits is no grouping at all.
  await send(page, '1.00,50', GERMAN);
  await waitForText(
    amountError(page),
    'Geben Sie einen Betrag von 0,01 bis 1.000.000 mit höchstens zwei Nachkommastellen ein.',
  );
  await waitForText(balance, '987,50\u00a0$');

  await chooseLanguage(page, 'en');
  await send(page, '12,50');
  await waitForText(
    amountError(page),
    'Use a point before the cents and commas between thousands, for example 1,234.50.',
  );
  await send(page, '1,000.50');
  await waitForText(amountError(page), 'That’s more than your balance.');
  await send(page, '2.5');
  await waitForText(status(page), 'Sent $2.50 to grace@example.com.');
  await waitForText(balance, '$985.00');

  // Arabic: Latin digits as the page shows them, and Arabic-Indic digits with the Arabic decimal separator
  // as an Arabic keyboard types them.
  await chooseLanguage(page, 'ar');
  await send(page, '١٢٫٥٠', ARABIC);
  await waitForText(status(page), /^أُرسل \u2066\u200f?12\.50\sUS\$\u2069 إلى/);
  await waitForText(balance, /972\.50/);
  await send(page, '12,50', ARABIC);
  await waitForText(
    amountError(page),
    'استخدم النقطة قبل السنتات والفاصلة بين الآلاف، مثل \u20661,234.50\u2069.',
  );
  await waitForText(balance, /972\.50/);
});

it('puts the errors already shown on sign-in and sign-up into the language switched to', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  for (const [path, title] of [
    ['/sign-up', 'Create your wallet'],
    ['/sign-in', 'Sign in'],
  ] as const) {
    await page.goto(path);
    await chooseLanguage(page, 'en');
    await heading(page, title).waitFor();
    const submit = page
      .locator('form')
      .getByRole('button', { name: title === 'Sign in' ? 'Sign in' : 'Create account' });
    await submit.click();
    const errors = page.locator('form .field-error');
    await expect.poll(() => errors.allTextContents()).toEqual(['Enter your email.', 'Enter your password.']);
    await chooseLanguage(page, 'de');
    await expect
      .poll(() => errors.allTextContents())
      .toEqual(['Geben Sie Ihre E-Mail-Adresse ein.', 'Geben Sie Ihr Passwort ein.']);
    await chooseLanguage(page, 'ar');
    await expect
      .poll(() => errors.allTextContents())
      .toEqual(['أدخل بريدك الإلكتروني.', 'أدخل كلمة المرور.']);
  }

  // Sign-up's own checks, in German first, then in English.
  await page.goto('/sign-up');
  await chooseLanguage(page, 'de');
  await page.getByLabel('E-Mail', { exact: true }).fill('not an email');
  await page.getByLabel('Passwort', { exact: true }).fill('short');
  await page.locator('form').getByRole('button', { name: 'Konto erstellen' }).click();
  const errors = page.locator('form .field-error');
  await expect
    .poll(() => errors.allTextContents())
    .toEqual([
      'Geben Sie eine E-Mail-Adresse ein, zum Beispiel ada@example.com.',
      'Verwenden Sie 10 bis 200 Zeichen, und nicht Ihre E-Mail-Adresse.',
    ]);
  await chooseLanguage(page, 'en');
  await expect
    .poll(() => errors.allTextContents())
    .toEqual([
      'Enter an email address, such as ada@example.com.',
      'Use 10 to 200 characters, and not your email.',
    ]);
});

it('puts the errors already shown on the send-money form into the language switched to', async () => {
  const wallet = await walletUser();
  const form = sendForm(wallet);
  await form.getByLabel('To (email)').fill('nobody');
  await form.getByLabel('Amount (USD)').fill('0');
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  const fieldErrors = form.locator('.field-error');
  await expect
    .poll(() => fieldErrors.allTextContents())
    .toEqual([
      'Enter the email address of someone else.',
      'Enter an amount from 0.01 to 1,000,000 with at most two decimals.',
    ]);
  await chooseLanguage(wallet, 'de');
  await expect
    .poll(() => fieldErrors.allTextContents())
    .toEqual([
      'Geben Sie die E-Mail-Adresse einer anderen Person ein.',
      'Geben Sie einen Betrag von 0,01 bis 1.000.000 mit höchstens zwei Nachkommastellen ein.',
    ]);
});
