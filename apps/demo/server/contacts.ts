/**
 * `/api/account`: what the account can prove it controls again, for step-up by re-authentication
 * (docs/protocol.md §8). The MFA server reads it through `getUserContacts`, and takes verified values only:
 *
 * - the email the account signed up with, which the demo treats as verified (README: why, and why only a
 *   demo may);
 * - a phone number once the code sent to it by SMS was typed back;
 * - wallets once they signed an EIP-4361 message the server wrote, bound to this account and session.
 *
 * Codes are stored as keyed hashes, never as they are, and never logged. Sends and wrong codes are
 * limited per account in the database, like sign-ins: a new code resets neither count.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MfaServerOptions } from '@mfa-kit/server';
import { Hono } from 'hono';
import {
  CONTACTS_SCOPE,
  type ContactsResponse,
  type LinkedWallet,
  type PendingPhone,
  type WalletChallengeResponse,
} from './api.js';
import { type ApiEnv, type DemoContext, randomId } from './context.js';
import type { Sql } from './database.js';
import { DemoError, invalid, rateLimited } from './errors.js';
import * as input from './input.js';
import { lockAfter } from './rate-limit.js';
import { requireElevation } from './step-up.js';

export const PHONE_LIMITS = {
  /** A code works this long. */
  codeTtlMs: 10 * 60_000,
  /** Another code no sooner than this. */
  resendAfterMs: 30_000,
  /** At most this many codes per account and hour. */
  sendsPerWindow: 5,
  windowMs: 60 * 60_000,
  /** Wrong tries one code takes before only a new one can succeed. */
  triesPerCode: 5,
} as const;

export const WALLET_LIMITS = {
  /** A message to sign works this long (rule 31: at most 10 minutes). */
  challengeTtlMs: 5 * 60_000,
  /** Wrong signatures one message takes before it is spent. */
  triesPerChallenge: 5,
  /** Messages waiting per account; a new one replaces the oldest beyond this. */
  openChallenges: 5,
  /** Linked wallets per account. */
  walletsPerAccount: 10,
} as const;

const STATEMENT = 'Link this wallet to your Acme Wallet account.';

type UserContacts = Awaited<ReturnType<NonNullable<MfaServerOptions['getUserContacts']>>>;

/** What the demo tells the MFA server about a user: verified values only. */
export async function getUserContacts(db: Sql, userId: string): Promise<UserContacts> {
  const contacts = await readContacts(db, userId, 0);
  return {
    email: contacts?.email ?? null,
    phone: contacts?.phone ?? null,
    wallets: (contacts?.wallets ?? []).map(({ address, chainId }) => ({ address, chainId })),
  };
}

async function readContacts(db: Sql, userId: string, now: number): Promise<ContactsResponse | null> {
  const [user, phone, pending, wallets] = await Promise.all([
    db.query<{ email: string }>('SELECT email FROM demo_users WHERE id = $1', [userId]),
    db.query<{ phone: string }>('SELECT phone FROM demo_phones WHERE user_id = $1', [userId]),
    db.query<{ phone: string; expires_at: number; last_sent_at: number | null }>(
      `SELECT c.phone, c.expires_at, l.last_sent_at FROM demo_phone_challenges c
       LEFT JOIN demo_phone_limits l ON l.user_id = c.user_id WHERE c.user_id = $1`,
      [userId],
    ),
    db.query<{ address: string; chain_id: number; linked_at: number }>(
      'SELECT address, chain_id, linked_at FROM demo_linked_wallets WHERE user_id = $1 ORDER BY linked_at, address',
      [userId],
    ),
  ]);
  const email = user.rows[0]?.email;
  if (email === undefined) return null;
  const waiting = pending.rows[0];
  let pendingPhone: PendingPhone | null = null;
  if (waiting && Number(waiting.expires_at) > now) {
    const lastSent = Number(waiting.last_sent_at ?? 0);
    pendingPhone = {
      phone: waiting.phone,
      expiresAt: new Date(Number(waiting.expires_at)).toISOString(),
      resendAfter: Math.max(0, Math.ceil((lastSent + PHONE_LIMITS.resendAfterMs - now) / 1000)),
    };
  }
  return {
    email,
    phone: phone.rows[0]?.phone ?? null,
    pendingPhone,
    wallets: wallets.rows.map(
      (row): LinkedWallet => ({
        address: row.address,
        chainId: Number(row.chain_id),
        linkedAt: new Date(Number(row.linked_at)).toISOString(),
      }),
    ),
  };
}

// Digits as Arabic and Persian keyboards type them, read as ASCII digits.
const foreignDigits = (value: string) =>
  value.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) =>
    String((digit.codePointAt(0) ?? 0) - (digit >= '\u06f0' ? 0x06f0 : 0x0660)),
  );

/** A phone number in E.164, from what a person types: `+49 151 1234-5678`, `+1 (415) 555 0100`. */
export function phoneNumber(body: input.Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length > 40) throw invalid(`${key} must be a string`);
  const compact = foreignDigits(value).replace(/[ ().\-\u00a0]/g, '');
  if (!/^\+[1-9][0-9]{6,14}$/.test(compact)) {
    throw invalid(`${key} must be a phone number with its country code, such as +4915112345678`);
  }
  return compact;
}

/** A code of 6 digits, as typed (spaces and Arabic-Indic digits allowed). */
function smsCode(body: input.Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length > 20) throw invalid(`${key} must be a string`);
  const compact = foreignDigits(value).replace(/[ \u00a0]/g, '');
  if (!/^[0-9]{6}$/.test(compact)) throw invalid(`${key} must be the 6 digits of the text message`);
  return compact;
}

function limitedString(body: input.Body, key: string, pattern: RegExp, what: string): string {
  const value = body[key];
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(`${key} must be ${what}`);
  return value;
}

/** The SMS that verifies a number, in the language of the request. */
function verificationText(code: string, acceptLanguage: string | undefined): string {
  const language = (acceptLanguage ?? '').trim().toLowerCase().slice(0, 2);
  if (language === 'de') {
    return `Acme Wallet: ${code} ist Ihr Code, um diese Telefonnummer zu bestätigen. Er gilt 10 Minuten. Geben Sie ihn nicht weiter.`;
  }
  if (language === 'ar') {
    return `Acme Wallet: ${code} هو رمز تأكيد رقم الهاتف هذا. صالح لمدة 10 دقائق. لا تشاركه مع أحد.`;
  }
  return `Acme Wallet: ${code} is your code to verify this phone number. It works for 10 minutes. Do not share it.`;
}

let viem: Promise<[typeof import('viem'), typeof import('viem/siwe')]> | undefined;
/** viem, loaded when a wallet is first linked (it is large, and most requests never need it). */
const loadViem = () => {
  viem ??= Promise.all([import('viem'), import('viem/siwe')]);
  return viem;
};

interface PhoneLimitsRow {
  last_sent_at: number | null;
  window_start: number;
  sends: number;
}

/** Why another code cannot be sent to the account now, or null; and the window it counts in. */
function sendLimit(
  limits: PhoneLimitsRow | undefined,
  at: number,
): { refusal: DemoError | null; windowStart: number; sends: number } {
  const lastSent = limits?.last_sent_at == null ? null : Number(limits.last_sent_at);
  let windowStart = Number(limits?.window_start ?? 0);
  let sends = Number(limits?.sends ?? 0);
  if (lastSent !== null && at < lastSent + PHONE_LIMITS.resendAfterMs) {
    const refusal = rateLimited(
      'wait before asking for another code',
      lastSent + PHONE_LIMITS.resendAfterMs - at,
    );
    return { refusal, windowStart, sends };
  }
  if (at >= windowStart + PHONE_LIMITS.windowMs) {
    windowStart = at;
    sends = 0;
  }
  if (sends >= PHONE_LIMITS.sendsPerWindow) {
    const refusal = rateLimited(
      'too many codes this hour; try again later',
      windowStart + PHONE_LIMITS.windowMs - at,
    );
    return { refusal, windowStart, sends };
  }
  return { refusal: null, windowStart, sends };
}

export interface ContactRoutesOptions {
  /** The page origin: the message's URI, and its host the message's domain. */
  origin: URL;
  /** Keys the hashes of SMS codes, so a copy of the database alone cannot test guesses offline. */
  codeKey: Buffer;
  /** The demo's SMS gateway (the outbox), or null where there is none (production). */
  sendText: ((to: string, text: string) => Promise<void>) | null;
}

export function contactRoutes(ctx: DemoContext, options: ContactRoutesOptions): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const hash = (userId: string, phone: string, code: string) =>
    createHmac('sha256', options.codeKey).update(`${userId}\n${phone}\n${code}`).digest('base64url');

  const contactsOf = async (db: Sql, userId: string): Promise<ContactsResponse> => {
    const contacts = await readContacts(db, userId, ctx.now());
    if (!contacts) throw new DemoError('not_found', 'this account no longer exists');
    return contacts;
  };

  routes.use('*', ctx.mfa.requireAuth());

  routes.get('/contacts', async (c) => c.json(await contactsOf(ctx.db, c.var.mfaAuth.sub)));

  // --- Phone number: a code by SMS, typed back --------------------------------------------------------

  routes.post('/phone', async (c) => {
    const body = await input.readJson(c.req.raw, ['phone']);
    const phone = phoneNumber(body, 'phone');
    const userId = c.var.mfaAuth.sub;
    const { sendText } = options;
    if (!sendText) {
      throw new DemoError('unavailable', 'this server has no SMS gateway; phone numbers cannot be verified');
    }
    const code = String(randomBytes(4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
    const at = ctx.now();
    // A new number needs step-up (account:contacts): it becomes a way to step up. A new code for the
    // number waiting to be verified does not: that number was asked for under a step-up already, and
    // this changes nothing but the code. The limits are looked at first, so a refused send keeps the
    // single-use token unused; the transaction checks them again.
    const [waiting, current] = await Promise.all([
      ctx.db.query<{ phone: string; expires_at: number }>(
        'SELECT phone, expires_at FROM demo_phone_challenges WHERE user_id = $1',
        [userId],
      ),
      ctx.db.query<PhoneLimitsRow>(
        'SELECT last_sent_at, window_start, sends FROM demo_phone_limits WHERE user_id = $1',
        [userId],
      ),
    ]);
    const pending = waiting.rows[0];
    const resend = pending !== undefined && pending.phone === phone && Number(pending.expires_at) > at;
    if (!resend) {
      const early = sendLimit(current.rows[0], at).refusal;
      if (early) throw early;
      await requireElevation(ctx, c, CONTACTS_SCOPE);
    }
    // Limits are checked and counted, the challenge stored and the message sent in one transaction: a
    // send that fails rolls all of it back, so it counts nothing and the code before still works.
    const refusal = await ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO demo_phone_limits (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [
        userId,
      ]);
      const { rows } = await tx.query<PhoneLimitsRow>(
        'SELECT last_sent_at, window_start, sends FROM demo_phone_limits WHERE user_id = $1 FOR UPDATE',
        [userId],
      );
      const { refusal: limited, windowStart, sends } = sendLimit(rows[0], at);
      if (limited) return limited;
      await tx.query(
        'UPDATE demo_phone_limits SET last_sent_at = $2, window_start = $3, sends = $4 WHERE user_id = $1',
        [userId, at, windowStart, sends + 1],
      );
      await tx.query(
        `INSERT INTO demo_phone_challenges (user_id, phone, code_hash, expires_at, failures)
         VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (user_id) DO UPDATE SET phone = $2, code_hash = $3, expires_at = $4, failures = 0`,
        [userId, phone, hash(userId, phone, code), at + PHONE_LIMITS.codeTtlMs],
      );
      try {
        await sendText(phone, verificationText(code, c.req.header('Accept-Language')));
      } catch (cause) {
        throw new DemoError('delivery_failed', 'the text message could not be sent; nothing changed', {
          cause,
        });
      }
      return null;
    });
    if (refusal) throw refusal;
    ctx.logger.info('demo.phone.code_sent', { userId });
    return c.json(await contactsOf(ctx.db, userId), 202);
  });

  routes.post('/phone/verify', async (c) => {
    const body = await input.readJson(c.req.raw, ['code']);
    const code = smsCode(body, 'code');
    const userId = c.var.mfaAuth.sub;
    const at = ctx.now();
    // Everything in one transaction that locks the account's counters, so parallel guesses queue up and
    // at most one right answer wins. A refusal is returned, not thrown, so that its count is committed.
    const outcome = await ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO demo_phone_limits (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [
        userId,
      ]);
      const limits = await tx.query<{ failures: number; locked_until: number | null }>(
        'SELECT failures, locked_until FROM demo_phone_limits WHERE user_id = $1 FOR UPDATE',
        [userId],
      );
      const lockedUntil = Number(limits.rows[0]?.locked_until ?? 0);
      if (lockedUntil > at) {
        return rateLimited('too many wrong codes; try again later', lockedUntil - at);
      }
      const { rows } = await tx.query<{
        phone: string;
        code_hash: string;
        expires_at: number;
        failures: number;
      }>(
        'SELECT phone, code_hash, expires_at, failures FROM demo_phone_challenges WHERE user_id = $1 FOR UPDATE',
        [userId],
      );
      const challenge = rows[0];
      if (
        !challenge ||
        Number(challenge.expires_at) <= at ||
        challenge.failures >= PHONE_LIMITS.triesPerCode
      ) {
        return new DemoError(
          'expired',
          'no code is waiting for this account, or it expired; ask for a new one',
        );
      }
      const expected = Buffer.from(challenge.code_hash);
      const given = Buffer.from(hash(userId, challenge.phone, code));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        const failures = Number(limits.rows[0]?.failures ?? 0) + 1;
        const lock = lockAfter(failures);
        await tx.query('UPDATE demo_phone_limits SET failures = $2, locked_until = $3 WHERE user_id = $1', [
          userId,
          failures,
          lock === null ? null : at + lock,
        ]);
        await tx.query('UPDATE demo_phone_challenges SET failures = failures + 1 WHERE user_id = $1', [
          userId,
        ]);
        const attemptsRemaining = PHONE_LIMITS.triesPerCode - (challenge.failures + 1);
        return new DemoError(
          'invalid_code',
          attemptsRemaining > 0 ? 'that code is not right' : 'that code is not right; ask for a new one',
          lock === null ? { attemptsRemaining } : { attemptsRemaining, retryAfter: Math.ceil(lock / 1000) },
        );
      }
      await tx.query('DELETE FROM demo_phone_challenges WHERE user_id = $1', [userId]);
      await tx.query('UPDATE demo_phone_limits SET failures = 0, locked_until = NULL WHERE user_id = $1', [
        userId,
      ]);
      await tx.query(
        `INSERT INTO demo_phones (user_id, phone, verified_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET phone = $2, verified_at = $3`,
        [userId, challenge.phone, at],
      );
      return null;
    });
    if (outcome) {
      ctx.logger.info('demo.phone.verify_failed', { userId, reason: outcome.code });
      throw outcome;
    }
    ctx.logger.info('demo.phone.verified', { userId });
    return c.json(await contactsOf(ctx.db, userId));
  });

  routes.delete('/phone', async (c) => {
    await input.readJson(c.req.raw, []);
    const userId = c.var.mfaAuth.sub;
    // Removing a verified number takes a way to step up away: it needs step-up. Cancelling a number that
    // is still waiting for its code does not (it never counted); only what was looked at is removed.
    const verified = await ctx.db.query('SELECT 1 FROM demo_phones WHERE user_id = $1', [userId]);
    const hasVerified = verified.rows.length > 0;
    if (hasVerified) await requireElevation(ctx, c, CONTACTS_SCOPE);
    const removed = await ctx.db.transaction(async (tx) => {
      const phones = hasVerified
        ? await tx.query('DELETE FROM demo_phones WHERE user_id = $1 RETURNING user_id', [userId])
        : { rows: [] };
      const pending = await tx.query(
        'DELETE FROM demo_phone_challenges WHERE user_id = $1 RETURNING user_id',
        [userId],
      );
      return phones.rows.length + pending.rows.length;
    });
    if (removed === 0) throw new DemoError('not_found', 'this account has no phone number');
    ctx.logger.info('demo.phone.removed', { userId });
    return c.json(await contactsOf(ctx.db, userId));
  });

  // --- Wallets: an EIP-4361 message the server writes, signed with personal_sign ------------------------

  routes.post('/wallets/challenge', async (c) => {
    const body = await input.readJson(c.req.raw, ['address', 'chainId']);
    const raw = limitedString(
      body,
      'address',
      /^0x[0-9a-fA-F]{40}$/,
      'an Ethereum address (0x and 40 hex digits)',
    );
    const chainId = body.chainId;
    if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId < 1) {
      throw invalid('chainId must be a positive integer (EIP-155), such as 1');
    }
    const [{ getAddress, isAddress }, { createSiweMessage }] = await loadViem();
    // Mixed case must be a valid EIP-55 checksum; all lower or upper case is taken as it is.
    if (!isAddress(raw, { strict: true })) throw invalid('address has a wrong EIP-55 checksum');
    const address = getAddress(raw);
    const userId = c.var.mfaAuth.sub;
    const sessionId = c.var.mfaAuth.sid;
    const at = ctx.now();
    const nonce = randomBytes(16).toString('hex'); // 128 bits; EIP-4361 wants 8+ alphanumerics
    const expiresAt = at + WALLET_LIMITS.challengeTtlMs;
    const message = createSiweMessage({
      domain: options.origin.host,
      address,
      statement: STATEMENT,
      uri: options.origin.origin,
      version: '1',
      chainId,
      nonce,
      issuedAt: new Date(at),
      expirationTime: new Date(expiresAt),
    });
    const challengeId = randomId('wch');
    const linkConflict = (linked: { address: string }[]): DemoError | null =>
      linked.some((row) => row.address === address)
        ? new DemoError('conflict', 'this wallet is already linked to your account')
        : linked.length >= WALLET_LIMITS.walletsPerAccount
          ? new DemoError(
              'conflict',
              `an account can link at most ${WALLET_LIMITS.walletsPerAccount} wallets`,
            )
          : null;
    // A wallet becomes a way to step up: linking one needs step-up (account:contacts), asked for here,
    // since the message is bound to this session and only this session can complete it. A conflict is
    // answered before the single-use token is used up; the transaction checks again.
    const early = linkConflict(
      (
        await ctx.db.query<{ address: string }>(
          'SELECT address FROM demo_linked_wallets WHERE user_id = $1',
          [userId],
        )
      ).rows,
    );
    if (early) throw early;
    await requireElevation(ctx, c, CONTACTS_SCOPE);
    await ctx.db.transaction(async (tx) => {
      const linked = await tx.query<{ address: string }>(
        'SELECT address FROM demo_linked_wallets WHERE user_id = $1',
        [userId],
      );
      const conflict = linkConflict(linked.rows);
      if (conflict) throw conflict;
      await tx.query('DELETE FROM demo_wallet_challenges WHERE user_id = $1 AND expires_at <= $2', [
        userId,
        at,
      ]);
      await tx.query(
        `INSERT INTO demo_wallet_challenges (id, user_id, session_id, address, chain_id, nonce, message, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [challengeId, userId, sessionId, address, chainId, nonce, message, expiresAt],
      );
      // The oldest messages beyond the limit are spent.
      await tx.query(
        `DELETE FROM demo_wallet_challenges WHERE user_id = $1 AND id NOT IN (
           SELECT id FROM demo_wallet_challenges WHERE user_id = $1 ORDER BY expires_at DESC, id LIMIT $2)`,
        [userId, WALLET_LIMITS.openChallenges],
      );
    });
    return c.json({
      challengeId,
      message,
      address,
      chainId,
      expiresAt: new Date(expiresAt).toISOString(),
    } satisfies WalletChallengeResponse);
  });

  routes.post('/wallets', async (c) => {
    const body = await input.readJson(c.req.raw, ['challengeId', 'signature']);
    const challengeId = limitedString(
      body,
      'challengeId',
      /^wch_[A-Za-z0-9_-]{22}$/,
      'the challengeId of a message',
    );
    const signature = limitedString(
      body,
      'signature',
      /^0x[0-9a-fA-F]{128,130}$/,
      'what personal_sign returned (0x and 130 hex digits)',
    ) as `0x${string}`;
    const userId = c.var.mfaAuth.sub;
    const sessionId = c.var.mfaAuth.sid;
    const at = ctx.now();
    const [{ verifyMessage }, { parseSiweMessage, validateSiweMessage }] = await loadViem();
    const outcome = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        session_id: string;
        address: string;
        chain_id: number;
        nonce: string;
        message: string;
        expires_at: number;
        failures: number;
      }>(
        `SELECT session_id, address, chain_id, nonce, message, expires_at, failures
         FROM demo_wallet_challenges WHERE id = $1 AND user_id = $2 FOR UPDATE`,
        [challengeId, userId],
      );
      const challenge = rows[0];
      // Another session's message is as unknown here as one that never existed.
      if (
        !challenge ||
        challenge.session_id !== sessionId ||
        Number(challenge.expires_at) <= at ||
        challenge.failures >= WALLET_LIMITS.triesPerChallenge
      ) {
        return new DemoError('expired', 'this message expired or was used; ask the wallet to sign a new one');
      }
      const address = challenge.address as `0x${string}`;
      // The stored message, checked as a wallet's message: this domain, this nonce, this address, now.
      const fieldsHold = validateSiweMessage({
        message: parseSiweMessage(challenge.message),
        address,
        domain: options.origin.host,
        nonce: challenge.nonce,
        time: new Date(at),
      });
      const signed =
        fieldsHold &&
        (await verifyMessage({ address, message: challenge.message, signature }).catch(() => false));
      if (!signed) {
        await tx.query('UPDATE demo_wallet_challenges SET failures = failures + 1 WHERE id = $1', [
          challengeId,
        ]);
        return new DemoError('invalid_code', 'the signature is not this wallet’s signature of the message', {
          attemptsRemaining: WALLET_LIMITS.triesPerChallenge - (challenge.failures + 1),
        });
      }
      // Only a success consumes the message.
      await tx.query('DELETE FROM demo_wallet_challenges WHERE id = $1', [challengeId]);
      await tx.query(
        `INSERT INTO demo_linked_wallets (user_id, address, chain_id, linked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, address) DO NOTHING`,
        [userId, address, Number(challenge.chain_id), at],
      );
      return null;
    });
    if (outcome) {
      ctx.logger.info('demo.wallet_link.failed', { userId, reason: outcome.code });
      throw outcome;
    }
    ctx.logger.info('demo.wallet_link.linked', { userId });
    return c.json(await contactsOf(ctx.db, userId), 201);
  });

  routes.delete('/wallets/:address', async (c) => {
    await input.readJson(c.req.raw, []);
    const raw = c.req.param('address');
    if (!/^0x[0-9a-fA-F]{40}$/.test(raw)) throw invalid('the address must be 0x and 40 hex digits');
    const [{ getAddress }] = await loadViem();
    const userId = c.var.mfaAuth.sub;
    const address = getAddress(raw.toLowerCase());
    const found = await ctx.db.query(
      'SELECT 1 FROM demo_linked_wallets WHERE user_id = $1 AND address = $2',
      [userId, address],
    );
    if (found.rows.length === 0)
      throw new DemoError('not_found', 'this wallet is not linked to your account');
    // Removing a wallet takes a way to step up away: it needs step-up too.
    await requireElevation(ctx, c, CONTACTS_SCOPE);
    const { rows } = await ctx.db.query(
      'DELETE FROM demo_linked_wallets WHERE user_id = $1 AND address = $2 RETURNING address',
      [userId, address],
    );
    if (rows.length === 0) throw new DemoError('not_found', 'this wallet is not linked to your account');
    ctx.logger.info('demo.wallet_link.removed', { userId });
    return c.json(await contactsOf(ctx.db, userId));
  });

  return routes;
}
