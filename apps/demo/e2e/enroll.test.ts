/**
 * Flow 8: enrolment when the policy requires a second step (the /enroll page, MfaGate.Enrollment): one
 * visible heading above the choice of method, and a passkey as the first factor that says it was added,
 * shows its recovery codes once, and leaves nothing to cancel.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { freshEmail, saveRecoveryCodes, signUpRequired, waitForWallet } from './support/acme.js';
import { addVirtualAuthenticator, openPage } from './support/browser.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

/** The headings a sighted user sees: the visually hidden ones (for screen readers) left out. */
const visibleHeadings = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main h1, main h2, main h3')]
      .filter((heading) => heading.getBoundingClientRect().height > 2)
      .map((heading) => heading.textContent?.trim()),
  );

it('enrols a passkey as the first factor: one heading, "Passkey added.", the codes once, no Sign out', async () => {
  const page = await openPage(demo.browser, demo.server.url, { viewport: { width: 1280, height: 800 } });
  await addVirtualAuthenticator(page);
  await signUpRequired(page, freshEmail('enrol'));
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  // The page's heading, then the app's two steps: no "Set up two-step verification" or "Set up an
  // authenticator app" repeating it (the gate's title is still there for screen readers).
  expect(await visibleHeadings(page)).toEqual([
    'Protect your account',
    'Scan the QR code',
    'Enter the code from the app',
  ]);
  await page.getByRole('region', { name: 'Set up two-step verification' }).waitFor();

  await page.getByRole('tab', { name: 'Passkey' }).click();
  await page.getByRole('button', { name: 'Create a passkey' }).click();
  await page.getByRole('status').filter({ hasText: 'Passkey added.' }).waitFor();
  expect(await page.getByRole('list', { name: 'Recovery codes' }).count()).toBe(1);
  // The passkey exists: nothing to cancel or create any more (the header's Sign out stays).
  const main = page.getByRole('main');
  expect(await main.getByRole('button', { name: /Sign out|Cancel|Create a passkey/ }).count()).toBe(0);

  await saveRecoveryCodes(main);
  await waitForWallet(page);
});
