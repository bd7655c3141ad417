/**
 * Chromium for the end-to-end tests, through playwright-core: the system's browser (never a download),
 * pages on the test server, a CDP virtual authenticator for passkeys, and axe-core for accessibility.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../../../../scripts/find-browser.mjs';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
}

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  /** Default 1024 × 768. */
  viewport?: { width: number; height: number };
  /** The browser's language; the app picks its own from it. Default en-US. */
  locale?: string;
}

/** A page in a context of its own (its own storage), on the server at `baseURL`. */
export async function openPage(browser: Browser, baseURL: string, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? { width: 1024, height: 768 },
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/**
 * A platform authenticator on this page (CTAP2, internal, resident keys, user verification that
 * succeeds, presence given automatically), so passkey ceremonies run for real without a prompt.
 */
export async function addVirtualAuthenticator(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core on the whole document, WCAG 2.0 to 2.2 A and AA; the violations, summarised. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through CDP, which the page's Content-Security-Policy does not govern; a <script> tag
  // (page.addScriptTag) would be an inline script, which it refuses.
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: object): Promise<AxeResults> };
    };
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/**
 * Collects what the page's Content-Security-Policy and Permissions-Policy refuse or complain about: every
 * `securitypolicyviolation` event (from a script the test adds, which CDP runs outside the page's CSP)
 * and every console message of Chromium's about either policy. The array fills as the page runs.
 */
export async function watchSecurityPolicies(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.exposeFunction('__reportPolicyViolation', (text: string) => found.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportPolicyViolation(text: string): void })
        .__reportPolicyViolation;
      report(
        `${event.effectiveDirective} refused ${event.blockedURI || 'something'} ` +
          `(${event.sourceFile || 'the page'}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (/content security policy|permissions.policy/i.test(message.text())) {
      found.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  return found;
}
