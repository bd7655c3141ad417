/**
 * Flow 6: what goes wrong, said on the page. A wrong password, a wrong code, a code used once already,
 * and the lockout after too many wrong codes, whose countdown ticks down. And the loading and error states
 * when the service is slow, unavailable or out of reach.
 */
import { expect, it } from 'vitest';
import {
  addAuthenticatorApp,
  freshEmail,
  goTo,
  heading,
  signIn,
  signOut,
  signUp,
  waitForChallenge,
  waitForWallet,
} from './support/acme.js';
import { openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

const WRONG = 'That code isn’t right. Check it and try again.';
const REUSED = 'That code was already used. Wait for a new code and try again.';
const LOCKED = /^Too many attempts\. Try again in (\d+):(\d\d)\.$/;

it('says a password or code is wrong, refuses a used code, and counts a lockout down', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const email = freshEmail('hedy');
  await signUp(page, email);
  await goTo(page, 'Security');
  const { app } = await addAuthenticatorApp(page);
  await signOut(page);

  await signIn(page, email, 'not the password at all');
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForChallenge(page);

  const field = page.getByLabel('Verification code');
  const error = page.locator('.mfa-challenge').getByText(WRONG);
  await field.fill(app.wrongCode());
  await error.waitFor();
  // The latest step the demo.server takes: replayed below, it is still within the window (so the demo.server
  // recognises it as used, rather than as too old).
  await field.fill(await app.nextCode({ late: true }));
  await waitForWallet(page);

  // The code that just signed in is refused when it is replayed.
  await signOut(page);
  await signIn(page, email);
  await waitForChallenge(page);
  await field.fill(app.lastCode());
  await page.locator('.mfa-challenge').getByText(REUSED).waitFor();

  // Wrong codes until the demo.server locks the second step: the field says how long, counting down.
  const countdown = page.locator('.mfa-challenge [aria-hidden="true"]').filter({ hasText: LOCKED });
  for (let attempt = 0; attempt < 6; attempt += 1) {
    await field.fill(app.wrongCode());
    // A refused code is cleared from the field once the answer is in.
    await expect.poll(() => field.inputValue()).toBe('');
    if (await countdown.isVisible()) break;
    await page.locator('.mfa-challenge').getByText(WRONG).waitFor();
  }
  await countdown.waitFor();
  const seconds = async () => {
    const [, minutes = '0', rest = '0'] = LOCKED.exec((await countdown.textContent()) ?? '') ?? [];
    return Number(minutes) * 60 + Number(rest);
  };
  const first = await seconds();
  expect(first).toBeGreaterThan(0);
  await expect.poll(seconds, { timeout: 5000 }).toBeLessThan(first);
  // Screen readers hear the wait once, from a copy that does not tick.
  await page
    .getByRole('alert')
    .filter({ hasText: /Too many attempts/ })
    .first()
    .waitFor();
  // While locked, the field takes nothing.
  expect(await field.getAttribute('readonly')).not.toBeNull();
});

it('shows loading, says when the service is unavailable or unreachable, and loads again on Retry', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  await signUp(page, freshEmail('lin'));
  const unavailable = {
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'unavailable', message: 'the database is unavailable' } }),
  };

  // Slow, then down: the loading state, then the error (after the two retries of a transient failure).
  let down = true;
  await page.route('**/api/wallet', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (down) await route.fulfill(unavailable);
    else await route.fallback();
  });
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'Loading your wallet…' }).waitFor();
  const walletError = page.getByRole('alert').filter({ hasText: 'We couldn’t load your wallet.' });
  await walletError.waitFor();
  await walletError.getByText('The service is unavailable right now. Try again in a moment.').waitFor();
  down = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByTestId('balance').waitFor();

  // Offline: the request never reaches the demo.server.
  await page.route('**/api/policy', (route) => route.abort('internetdisconnected'));
  await goTo(page, 'Policy');
  await page.getByRole('alert').filter({ hasText: 'You seem to be offline.' }).waitFor();
  await page.unroute('**/api/policy');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('switch', { name: 'Require a second step' }).waitFor();

  // The MFA status itself: the page can't tell where the user stands, and says so.
  await page.route('**/api/mfa/status', (route) => route.fulfill(unavailable));
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'We couldn’t check your sign-in' }).waitFor();
  await page.unroute('**/api/mfa/status');
  await page.getByRole('button', { name: 'Try again' }).click();
  await heading(page, 'Policy').waitFor();
});
