/**
 * The Acme Wallet API: the demo's own routes under `/api` and the MFA protocol routes of @mfa-kit/server
 * at `/api/mfa`, on one PGlite database. Routes and shapes: ../README.md.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createJsonLogger, createMfaServer, type EmailSender, type MfaServer } from '@mfa-kit/server';
import { createPgliteStore } from '@mfa-kit/server/pglite';
import { createSmtpEmailSender } from '@mfa-kit/server/smtp';
import { Hono } from 'hono';
import { accountRoutes } from './accounts.js';
import type { HealthResponse } from './api.js';
import { contactRoutes, getUserContacts } from './contacts.js';
import type { DemoContext } from './context.js';
import { migrate } from './database.js';
import type { DevMailServer } from './dev-mail.js';
import { devRoutes } from './dev-routes.js';
import { DemoError, errorResponse } from './errors.js';
import { createOutbox, createOutboxSmsSender } from './outbox.js';
import { defaultDataDir } from './paths.js';
import { createPolicyStore } from './policy.js';
import { policyRoutes } from './policy-routes.js';
import { createSignInLimiter } from './rate-limit.js';
import { walletRoutes } from './wallet.js';

export interface DemoServerOptions {
  /**
   * Folder of the PGlite database (`<dataDir>/pglite`) and the encryption key (`<dataDir>/encryption-key`),
   * created when missing. `null`: a database in memory and a key per process (tests). Default apps/demo/.data.
   */
  dataDir?: string | null;
  /** The page origin, e.g. `http://localhost:5173`: WebAuthn's allowed origin (its host is the RP ID) and the tokens' issuer. */
  origin: string;
  /** The clock, in ms since the epoch, for the MFA server and the demo alike. Default `Date.now`. */
  now?: () => number;
  /** Log events as JSON lines on stderr (never a secret, a code or a token). Default true. */
  log?: boolean;
  /**
   * Production: no development helpers — no outbox route (`/api/dev/*` is 404), no embedded mail server,
   * no SMS gateway. Default false (development and tests).
   */
  production?: boolean;
  /**
   * A real mail server for the codes, `smtp://user:password@host:587` or `smtps://…:465`. Without it,
   * development and tests deliver to an embedded SMTP server whose mail lands in the outbox, and
   * production sends no email (email codes are then not offered).
   */
  smtpUrl?: string | undefined;
  /** The sender of those emails. Default `Acme Wallet <security@localhost>`. */
  mailFrom?: string | undefined;
}

export interface DemoServer {
  /** Every route under `/api`; anything else answers 404 `not_found`. */
  app: Hono;
  mfa: MfaServer;
  /** Migrates the database and loads keys and the policy; requests wait for it anyway. */
  ready(): Promise<void>;
  /** Closes the database. */
  close(): Promise<void>;
}

/**
 * The MFA encryption key: for a data folder, created once into `encryption-key` (mode 0600) — a
 * development convenience; a real deployment keeps the key out of the data folder. In memory, random
 * per process.
 */
function encryptionKey(dataDir: string | null): string {
  if (dataDir === null) return randomBytes(32).toString('base64url');
  const path = join(dataDir, 'encryption-key');
  if (!existsSync(path) && existsSync(join(dataDir, 'pglite'))) {
    // A new key could not read the signing keys and TOTP secrets already in the database.
    throw new Error(
      `${path} is missing but the database in ${dataDir} is not; delete ${dataDir} to start over`,
    );
  }
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}

export function createDemoServer(options: DemoServerOptions): DemoServer {
  const origin = new URL(options.origin);
  const dataDir = options.dataDir === undefined ? defaultDataDir() : options.dataDir;
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const now = options.now ?? Date.now;
  const logger = createJsonLogger({ level: options.log === false ? 'silent' : 'info', now });

  const key = encryptionKey(dataDir); // before the database opens: a missing key stops the start
  // One database for the MFA store (tables mfa_*) and the demo (tables demo_*).
  const db = new PGlite(dataDir === null ? undefined : join(dataDir, 'pglite'));
  const policy = createPolicyStore(db, now);
  const production = options.production ?? false;
  const outbox = createOutbox(now);
  const from = options.mailFrom ?? 'Acme Wallet <security@localhost>';

  // Email: the shipped SMTP sender (nodemailer), to SMTP_URL or, outside production, to the embedded
  // SMTP server, which starts with the database (ready()) on a free port of 127.0.0.1.
  let devMail: Promise<DevMailServer> | null = null;
  let email: EmailSender | undefined;
  if (options.smtpUrl) {
    email = createSmtpEmailSender({ transport: options.smtpUrl, from });
  } else if (!production) {
    devMail = import('./dev-mail.js').then(({ startDevMailServer }) => startDevMailServer(outbox));
    devMail.catch(() => {}); // reported by ready()
    const sender = devMail.then((server) => createSmtpEmailSender({ transport: server.url, from }));
    sender.catch(() => {});
    email = async (message) => (await sender)(message);
  }
  // SMS: the demo has no phone network; outside production, text messages land in the outbox.
  const sms = production ? undefined : createOutboxSmsSender(outbox, now);
  const sendText = production
    ? null
    : async (to: string, text: string) => outbox.add({ channel: 'sms', to, subject: null, text });

  const mfa = createMfaServer({
    store: createPgliteStore({ db }),
    encryptionKey: key,
    issuer: origin.origin,
    audience: 'acme-wallet',
    webauthn: { rpId: origin.hostname, rpName: 'Acme Wallet', origins: [origin.origin] },
    getUserName: async (userId) => {
      const { rows } = await db.query<{ email: string }>('SELECT email FROM demo_users WHERE id = $1', [
        userId,
      ]);
      return rows[0]?.email ?? userId;
    },
    // Per account: each visitor's switches apply to their own sign-ins and actions only.
    policy: ({ userId }) => policy.mfaPolicy(userId),
    // Verified contacts only: the sign-up email, a phone number whose code was typed back, wallets that
    // signed (server/contacts.ts).
    getUserContacts: (userId) => getUserContacts(db, userId),
    senders: { email, sms },
    now,
    logger,
  });
  const ctx: DemoContext = { db, mfa, policy, limiter: createSignInLimiter(db, now), now, logger, outbox };
  // Keys the hashes of phone-verification codes; derived from the encryption key, never stored.
  const codeKey = createHmac('sha256', key).update('acme-wallet phone verification codes').digest();

  let starting: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    starting ??= (async () => {
      await migrate(db, now());
      await mfa.ready();
      await devMail;
    })().catch((error: unknown) => {
      starting = null; // a failed start is tried again by the next request
      throw error;
    });
    return starting;
  };

  const app = new Hono();
  app.onError((error) => errorResponse(error, logger));
  app.notFound(() => errorResponse(new DemoError('not_found', 'no such route'), logger));
  app.use('*', async (c, next) => {
    try {
      await ready();
    } catch (cause) {
      logger.error('demo.start.failed', {
        error: cause instanceof Error ? cause.message.slice(0, 300) : 'unknown',
      });
      throw new DemoError('unavailable', 'the database is unavailable; nothing was changed', { cause });
    }
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.get('/api/health', (c) => c.json({ status: 'ok' } satisfies HealthResponse));
  app.route('/api/auth', accountRoutes(ctx));
  app.route('/api/wallet', walletRoutes(ctx));
  app.route('/api/policy', policyRoutes(ctx));
  app.route('/api/account', contactRoutes(ctx, { origin, codeKey, sendText }));
  if (!production) app.route('/api/dev', devRoutes(outbox));
  app.mount('/api/mfa', mfa.fetch);

  let closing: Promise<void> | null = null;
  return {
    app,
    mfa,
    ready,
    close: () => {
      closing ??= (async () => {
        await starting?.catch(() => {});
        await mfa.close(); // closes the store, and with it the shared database
        await (await devMail?.catch(() => null))?.close();
      })();
      return closing;
    },
  };
}
