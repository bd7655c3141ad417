#!/usr/bin/env node
/**
 * The components under a strict Content-Security-Policy, in Chromium: scripts/csp-page.tsx bundled with
 * esbuild (code split, as an app's bundler does: Radix's dialogs and the QR code load on demand), the
 * stylesheet a file, served with
 *
 *   Content-Security-Policy: default-src 'self'; style-src 'self'; script-src 'self'
 *
 * A user's walk through DeviceList (add an app: dialog, QR code, key, recovery codes; rename; remove
 * behind a confirmation and the step-up dialog), RecoveryCodes (regenerate, confirmation, step-up) and
 * MfaChallenge (every method, a wrong code) collects every `securitypolicyviolation` event and prints
 * them. Never part of the tests; packages/ui/README.md says what it found.
 *
 * `--nonce` adds a nonce for styles (`style-src 'self' 'nonce-…'`) and hands it to the style element that
 * Radix's scroll lock injects, the way an app would: `window.__webpack_nonce__`, set by a script file.
 *
 *   node packages/ui/scripts/check-csp.mjs [--nonce] [--headed]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Secret, TOTP } from 'otpauth';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../../../scripts/find-browser.mjs';

const NONCE = process.argv.includes('--nonce') ? 'bWZhLWtpdC1jc3AtY2hlY2s' : null;
export const POLICY = `default-src 'self'; style-src 'self'${NONCE ? ` 'nonce-${NONCE}'` : ''}; script-src 'self'`;

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'mfa-kit-csp-'));
await build({
  entryPoints: { 'csp-page': here('./csp-page.tsx'), styles: here('../src/styles.css') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@mfa-kit/source'],
  jsx: 'automatic',
  outdir: out,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>mfa-kit under a strict CSP</title>
    <link rel="stylesheet" href="/styles.css" />
  </head>
  <body>
    <div id="root"></div>${NONCE ? '\n    <script src="/nonce.js"></script>' : ''}
    <script type="module" src="/csp-page.js"></script>
  </body>
</html>
`,
);

// What an app's server would write into a script of its own (get-nonce reads this global).
writeFileSync(join(out, 'nonce.js'), `window.__webpack_nonce__ = ${JSON.stringify(NONCE)};\n`);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = join(out, path === '/' ? 'index.html' : path);
  try {
    const body = readFileSync(file);
    response.writeHead(200, {
      'Content-Type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`,
      'Content-Security-Policy': POLICY,
    });
    response.end(body);
  } catch {
    response.writeHead(404, { 'Content-Security-Policy': POLICY });
    response.end();
  }
});
await new Promise((resolve) => server.listen(0, 'localhost', () => resolve(undefined)));
const address = server.address();
const origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;

const code = (secret, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

const browser = await chromium.launch({
  executablePath: findBrowser(),
  args: CHROMIUM_ARGS,
  headless: !process.argv.includes('--headed'),
});
const found = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  // Before any of the page's own code: every refusal, with where it came from.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: event.sourceFile,
        line: event.lineNumber,
      });
    });
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  let scrollLocked = false;
  page.on('pageerror', (error) => errors.push(error.message));
  /** The module a line of a chunk came from: esbuild heads each with a `// path` comment. */
  const moduleAt = (source, line) => {
    if (!source?.startsWith(origin)) return undefined;
    const lines = readFileSync(join(out, new URL(source).pathname), 'utf8').split('\n');
    for (let index = line - 1; index >= 0; index -= 1) {
      const match = /^\/\/ (\S+)$/.exec(lines[index] ?? '');
      if (match) return match[1]?.replace(/.*node_modules\//, '');
    }
    return undefined;
  };
  const collect = async (step) => {
    const violations = await page.evaluate(() => window.__violations.splice(0));
    for (const violation of violations) {
      found.push({ step, ...violation, module: moduleAt(violation.source, violation.line) });
    }
  };

  // DeviceList, RecoveryCodes and StepUpDialog, for a new user.
  await page.goto(`${origin}/?view=devices`);
  await page.getByRole('button', { name: 'Add authenticator app' }).click();
  const add = page.getByRole('dialog', { name: 'Add authenticator app' });
  await add.getByRole('button', { name: 'Set up authenticator app' }).click();
  await add.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  // Radix locks the page's scrolling with a <style> element, which this policy refuses.
  scrollLocked = await page.evaluate(() => getComputedStyle(document.body).overflow === 'hidden');
  await add.getByRole('button', { name: 'Can’t scan it?' }).click();
  await add.getByRole('button', { name: 'Copy key' }).click();
  const secret = ((await add.locator('.mfa-totp-setup-secret-key').textContent()) ?? '').replace(/\s/g, '');
  await add.getByLabel('Verification code').fill(code(secret));
  await add.getByRole('list', { name: 'Recovery codes' }).waitFor();
  await add.getByRole('button', { name: 'Copy all' }).click();
  await add.getByLabel('I have saved these codes').check();
  await add.getByRole('button', { name: 'Continue' }).click();
  await add.waitFor({ state: 'detached' });
  await collect('add an authenticator app (dialog, QR code, key, recovery codes)');

  await page.getByRole('button', { name: /^Rename / }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Phone');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Rename Phone' }).waitFor();
  await page.getByRole('button', { name: 'Remove Phone' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  const stepUp = page.getByRole('dialog', { name: /Confirm it’s you/ });
  await stepUp.getByLabel('Verification code').fill('000000');
  await stepUp.getByRole('alert').waitFor();
  await page.keyboard.press('Escape');
  await stepUp.waitFor({ state: 'detached' });
  await collect('rename, remove behind a confirmation and the step-up dialog, a wrong code');

  await page.getByRole('button', { name: 'Generate new codes' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Generate new codes' }).click();
  await stepUp.getByLabel('Verification code').fill(code(secret, 1));
  await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
  await collect('regenerate recovery codes behind a confirmation and step-up');

  // MfaChallenge with an app, a passkey and recovery codes.
  await page.goto(`${origin}/?view=challenge`);
  const field = page.getByLabel('Verification code');
  await field.fill('000000');
  await page.getByRole('alert').waitFor();
  await page.getByRole('button', { name: 'Recovery code' }).click();
  await page.getByRole('button', { name: 'Passkey' }).click();
  await page.getByRole('button', { name: 'Use your passkey' }).waitFor();
  await collect('MfaChallenge: a wrong code, every method');

  process.stdout.write(
    `${JSON.stringify({ policy: POLICY, scrollLocked, violations: found, pageErrors: errors }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
