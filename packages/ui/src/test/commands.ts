/**
 * Commands the browser tests run on the Node side, through Playwright: a CDP virtual authenticator
 * (WebAuthn.addVirtualAuthenticator: CTAP2, internal, resident keys, user verification), so passkey
 * ceremonies run for real in Chromium; and blocked URLs, for code that cannot be loaded.
 */
import type { BrowserCommand } from 'vitest/node';

type PlaywrightContext = Parameters<BrowserCommand<[]>>[0] & {
  page: { context(): { newCDPSession(page: unknown): Promise<CdpSession> } };
};
interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

const sessions = new WeakMap<object, CdpSession>();

async function cdp(context: PlaywrightContext): Promise<CdpSession> {
  const existing = sessions.get(context.page);
  if (existing) return existing;
  const session = await context.page.context().newCDPSession(context.page);
  await session.send('WebAuthn.enable', { enableUI: false });
  sessions.set(context.page, session);
  return session;
}

const addVirtualAuthenticator: BrowserCommand<[options?: { isUserVerified?: boolean }]> = async (
  context,
  options,
) => {
  const session = await cdp(context as PlaywrightContext);
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options?.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return String(authenticatorId);
};

const removeVirtualAuthenticator: BrowserCommand<[authenticatorId: string]> = async (
  context,
  authenticatorId,
) => {
  const session = await cdp(context as PlaywrightContext);
  await session.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
};

/** Makes requests for matching URLs fail, as offline or after a deploy replaced a chunk (CDP). */
const blockUrls: BrowserCommand<[patterns: string[]]> = async (context, patterns) => {
  const session = await cdp(context as PlaywrightContext);
  await session.send('Network.enable');
  await session.send('Network.setBlockedURLs', { urls: patterns });
};

export const browserCommands = { addVirtualAuthenticator, removeVirtualAuthenticator, blockUrls };

declare module 'vitest/browser' {
  interface BrowserCommands {
    addVirtualAuthenticator(options?: { isUserVerified?: boolean }): Promise<string>;
    removeVirtualAuthenticator(authenticatorId: string): Promise<void>;
    blockUrls(patterns: string[]): Promise<void>;
  }
}
