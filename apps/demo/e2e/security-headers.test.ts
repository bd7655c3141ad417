/**
 * The security headers in Chromium: every answer the browser gets (pages, scripts, the stylesheet, API
 * answers, errors) carries the Content-Security-Policy, nosniff, Referrer-Policy and Permissions-Policy,
 * and the app runs under them with no violation, built (as `pnpm start` serves it) and in development
 * (Vite in middleware mode with HMR, as `pnpm dev` runs it). Headers per kind of answer, exactly:
 * server/http.test.ts.
 */
import type { Page, Response } from 'playwright-core';
import { expect, it } from 'vitest';
import { startDemoHttp } from '../server/http.js';
import {
  addAuthenticatorApp,
  chooseLanguage,
  confirmWithCode,
  freshEmail,
  goTo,
  heading,
  signIn,
  signOut,
  signUp,
  stepUpDialog,
  waitForText,
} from './support/acme.js';
import { openPage, watchSecurityPolicies } from './support/browser.js';
import { APP_DIR } from './support/build.js';
import { setUpDemo } from './support/server.js';

const demo = setUpDemo();

interface Answer {
  url: string;
  status: number;
  type: string;
  headers: Record<string, string>;
}

/** Records every answer of `origin` that the page receives; `settled()` gives them, headers read. */
function recordAnswers(page: Page, origin: string): { settled(): Promise<Answer[]> } {
  const answers: Answer[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    if (!response.url().startsWith(origin)) return;
    reading.push(
      response.allHeaders().then((headers) => {
        answers.push({
          url: response.url().slice(origin.length),
          status: response.status(),
          type: response.request().resourceType(),
          headers,
        });
      }),
    );
  });
  return {
    async settled() {
      await Promise.all(reading);
      return answers;
    },
  };
}

function expectSecurityHeaders(answers: Answer[]) {
  for (const { url, headers } of answers) {
    expect(headers['content-security-policy'], url).toMatch(/^default-src 'none'; .*frame-ancestors 'none'$/);
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['referrer-policy'], url).toBe('no-referrer');
    expect(headers['permissions-policy'], url).toMatch(
      /^publickey-credentials-get=\(self\), publickey-credentials-create=\(self\), .*camera=\(\)/,
    );
  }
}

/** A walk through the pages and dialogs: sign-up, an authenticator app, a transfer and an export behind step-up, languages and themes. */
async function walk(page: Page) {
  const email = freshEmail('csp');
  await signUp(page, email);
  await goTo(page, 'Security');
  // The dialog (Radix, with its scroll lock), the lazily loaded QR code, the recovery codes.
  const { app } = await addAuthenticatorApp(page);
  await goTo(page, 'Wallet');
  await page.getByLabel('To (email)').fill('grace@example.com');
  await page.getByLabel('Amount (USD)').fill('25');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await confirmWithCode(page, app, 'Confirm it’s you to send money');
  await waitForText(page.locator('.send-card').getByRole('status'), 'Sent $25.00 to grace@example.com.');
  await page.getByRole('button', { name: 'Show recovery phrase' }).click();
  await stepUpDialog(page).waitFor();
  await page.keyboard.press('Escape');
  await stepUpDialog(page).waitFor({ state: 'detached' });
  await goTo(page, 'Policy');
  await page.getByLabel('Theme').selectOption('dark');
  await chooseLanguage(page, 'ar');
  await page.locator('html[dir="rtl"][data-theme="dark"]').waitFor();
  await chooseLanguage(page, 'en');
  // A reload runs /saved-preferences.js before the first paint.
  await page.reload();
  await heading(page, 'Policy').waitFor();
  await signOut(page);
  // An error answer: a wrong password.
  await signIn(page, email, 'not the password at all');
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
}

/** An inline script added to the page neither runs nor goes unreported: the policy holds, and the watch works. */
async function expectInlineScriptRefused(page: Page, violations: string[]) {
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
  });
  // Both ways of seeing it: the page's event and Chromium's console message.
  await expect.poll(() => violations.length).toBe(2);
  expect(violations).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^script-src-elem refused inline /),
      expect.stringMatching(
        /^console error: Executing inline script violates .* The action has been blocked\.$/,
      ),
    ]),
  );
  expect(await page.evaluate(() => 'inlineScriptRan' in window)).toBe(false);
}

it('runs the built app with no CSP violation, every answer carrying the security headers', async () => {
  const page = await openPage(demo.browser, demo.server.url);
  const violations = await watchSecurityPolicies(page);
  const recorded = recordAnswers(page, demo.server.url);

  await walk(page);
  expect(violations).toEqual([]);

  const answers = await recorded.settled();
  const kinds = new Set(answers.map((answer) => answer.type));
  for (const kind of ['document', 'script', 'stylesheet', 'fetch']) expect(kinds).toContain(kind);
  expect(answers.some((answer) => answer.url.startsWith('/api/') && answer.status >= 400)).toBe(true);
  expectSecurityHeaders(answers);
  // The built app runs no inline script at all: no nonce for scripts.
  const shell = answers.find((answer) => answer.type === 'document');
  expect(shell?.headers['content-security-policy']).toMatch(/script-src 'self';/);

  await expectInlineScriptRefused(page, violations);
});

it('runs in development, Vite with HMR, under the nonce policy with no violation', async () => {
  const http = await startDemoHttp({
    frontEnd: { kind: 'vite', root: APP_DIR },
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    log: false,
  });
  try {
    await http.demo.ready();
    const page = await openPage(demo.browser, http.origin);
    const violations = await watchSecurityPolicies(page);
    const recorded = recordAnswers(page, http.origin);
    const hmr = page.waitForEvent('console', {
      predicate: (message) => message.text() === '[vite] connected.',
    });

    await walk(page);
    await hmr;
    expect(violations).toEqual([]);

    const answers = await recorded.settled();
    expectSecurityHeaders(answers);
    // Vite's one inline script (the React Fast Refresh preamble) runs by the nonce, not 'unsafe-inline'.
    const document = answers.find((answer) => answer.type === 'document');
    const policy = document?.headers['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*';/);
    expect(policy).not.toContain('unsafe');
    expect(policy).toContain(`connect-src 'self' ${http.origin.replace('http', 'ws')};`);

    await expectInlineScriptRefused(page, violations);
  } finally {
    await http.close();
  }
});
