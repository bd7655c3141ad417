#!/usr/bin/env node
/**
 * The outsider's path, end to end: each app in examples/ is copied out of the repository, installed with
 * npm from the packed packages (not the workspace links, no lockfile), built with its own build
 * (`vite build`, `next build`), started as it would be in production, and walked through in Chromium:
 * sign in, enrol an authenticator app (QR code shown, first code from oathtool), save the recovery
 * codes, sign out and back in with the second step, step up before the one guarded action, and the
 * app's theme from `:root` applied to the components. Packages are built first by `pnpm build`.
 *
 *   node scripts/check-examples.mjs [vite|next ...] [--keep] [--shots DIR]
 *   --keep leaves the apps in temporary folders; --shots saves a screenshot of each screen of the walk
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from './find-browser.mjs';
import { PACKAGES, packPackages } from './pack-packages.mjs';

const root = new URL('..', import.meta.url).pathname;
const keep = process.argv.includes('--keep');
const shotsAt = process.argv.indexOf('--shots');
/** `--shots DIR`: screenshots of each screen of the walk, to look at. */
const shots = shotsAt > 0 ? process.argv[shotsAt + 1] : null;
const asked = process.argv
  .slice(2)
  .filter((arg, i, args) => !arg.startsWith('--') && args[i - 1] !== '--shots');
const EXAMPLES = asked.length > 0 ? asked : ['vite', 'next'];
const SKIP = new Set(['node_modules', '.data', 'dist', '.next', '.env', 'next-env.d.ts']);
/** The theme colour examples/<name> sets on :root (theme.css / globals.css). */
const ACCENT = 'rgb(11, 122, 83)';

const env = { ...process.env, CI: '1', NEXT_TELEMETRY_DISABLED: '1' };
delete env.NODE_ENV; // each app's own scripts decide (next build and next start set production)
const exec = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: 'pipe', encoding: 'utf8', env });
let tarball;
let browser;

async function checkExample(name, app) {
  cpSync(join(root, 'examples', name), app, {
    recursive: true,
    filter: (source) => !SKIP.has(source.split('/').pop()),
  });
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  for (const pkg of PACKAGES) {
    if (!manifest.dependencies[`@mfa-kit/${pkg}`]) continue;
    manifest.dependencies[`@mfa-kit/${pkg}`] = tarball(pkg);
  }
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(app, '.env'), `MFA_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}\n`);
  exec('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  exec('npm', ['run', 'build'], app);

  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = spawn('npm', ['start'], {
    cwd: app,
    env: { ...env, PORT: String(port), APP_ORIGIN: origin },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  try {
    await waitForServer(origin, server, () => log);
    await walk(origin, name);
  } catch (error) {
    error.message += `\n--- the app's output ---\n${log}`;
    throw error;
  } finally {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  }
}

/** The walk a new user takes, in the words the page shows them. */
async function walk(origin, name) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  const shoot = (screen) =>
    shots ? page.screenshot({ path: join(shots, `${name}-${screen}.png`), fullPage: true }) : null;
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const email = `ada-${Date.now()}@example.com`;
    const signIn = async () => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    await page.goto(origin);
    await shoot('1-sign-in');
    await signIn();

    // Enrolment: the policy requires a second factor, so the first sign-in sets one up.
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await shoot('2-enrol');
    await page.getByRole('button', { name: 'Can’t scan it?' }).click();
    const app = new AuthenticatorApp(await page.getByRole('definition').locator('code').textContent());
    await page.getByLabel('Verification code').fill(await app.nextCode());
    const codes = page.getByRole('list', { name: 'Recovery codes' });
    await codes.waitFor();
    await shoot('3-recovery-codes');
    if ((await codes.getByRole('listitem').count()) < 8) throw new Error('fewer than 8 recovery codes');

    // The app's theme from :root reaches the components (tokens are not re-declared on .mfa-root).
    const accent = await page
      .locator('.mfa-button[data-variant="primary"]')
      .first()
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    if (accent !== ACCENT) throw new Error(`the primary button is ${accent}, not the app's ${ACCENT}`);

    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('You are signed in with two steps.').waitFor();

    // Sign out, and in again: the second step is asked for.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn();
    await page.getByLabel('Verification code').waitFor();
    await shoot('4-challenge');
    await page.getByLabel('Verification code').fill(await app.nextCode());
    await page.getByText('You are signed in with two steps.').waitFor();

    // Step-up before the guarded action.
    await page.getByRole('button', { name: 'Export account data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it’s you to export your account data' });
    await dialog.waitFor();
    await shoot('5-step-up');
    await dialog.getByLabel('Verification code').fill(await app.nextCode());
    await page.getByRole('status').filter({ hasText: 'Exported at' }).waitFor();
    await shoot('6-exported');
    if (errors.length > 0) throw new Error(`errors on the page:\n${errors.join('\n')}`);
  } catch (error) {
    const shot = join(tmpdir(), `mfa-kit-example-failure-${Date.now()}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    error.message += `\n(screenshot: ${shot}; errors on the page: ${errors.join(' | ') || 'none'})`;
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * TOTP codes from oathtool (independent of the server's library), one per 30-second step and never a
 * step twice: the server takes each step once per factor, and the current step or one either side.
 */
class AuthenticatorApp {
  lastStep = Number.NEGATIVE_INFINITY;
  constructor(key) {
    this.secret = String(key).replace(/\s/g, '').toUpperCase();
  }
  async nextCode() {
    for (;;) {
      const now = Date.now();
      const current = Math.floor(now / 30_000);
      const earliest = 30_000 - (now % 30_000) > 10_000 ? current - 1 : current;
      const step = Math.max(this.lastStep + 1, earliest);
      if (step <= current + 1) {
        this.lastStep = step;
        return exec('oathtool', ['--totp', '-b', this.secret, '-N', `@${step * 30}`]).trim();
      }
      await sleep((step - 1) * 30_000 - now + 250);
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(origin, server, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited with ${server.exitCode}`);
    const response = await fetch(origin).catch(() => null);
    if (response?.ok) return;
    await sleep(250);
  }
  throw new Error(`the app did not answer on ${origin} within 60 s\n${log()}`);
}

async function main() {
  if (shots) mkdirSync(shots, { recursive: true });
  const packed = packPackages();
  tarball = packed.tarball;
  const tarballs = packed.dir;
  browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
  try {
    for (const name of EXAMPLES) {
      const app = mkdtempSync(join(tmpdir(), `mfa-kit-example-${name}-`));
      const started = Date.now();
      try {
        await checkExample(name, app);
        console.log(
          `✓ examples/${name}: installed from tarballs, built, started and walked (${Math.round((Date.now() - started) / 1000)} s)`,
        );
        if (!keep) rmSync(app, { recursive: true, force: true });
      } catch (error) {
        const output = `${error.stdout ?? ''}${error.stderr ?? ''}${error.stack ?? error}`;
        console.error(`✗ examples/${name} (${app})\n${output}`);
        process.exitCode = 1;
      }
    }
  } finally {
    await browser.close();
    if (process.exitCode !== 1 && !keep) rmSync(tarballs, { recursive: true, force: true });
  }
}

await main();
