/**
 * `/api/wallet`: balance and history, transfers and the (fake) recovery phrase. Money moves in one
 * transaction that locks the wallets it touches; a balance can never go below zero (checked here and by
 * the table).
 */
import { ELEVATED_TOKEN_HEADER, MfaError } from '@mfa-kit/client/protocol';
import { type Context, Hono } from 'hono';
import type {
  ExportResponse,
  HistoryEntry,
  HistoryEntryType,
  StepUpScope,
  TransferResponse,
  WalletResponse,
} from './api.js';
import { type ApiEnv, type DemoContext, randomId } from './context.js';
import type { Sql } from './database.js';
import { DemoError, errorResponse, invalid } from './errors.js';
import * as input from './input.js';
import { formatAmount } from './money.js';
import { randomRecoveryPhrase } from './words.js';

export const WELCOME_BONUS_CENTS = 1000_00;
const HISTORY_LENGTH = 50;

interface LedgerRow {
  id: string;
  type: HistoryEntryType;
  amount_cents: number;
  balance_after_cents: number;
  counterparty: string | null;
  created_at: number;
}

const LEDGER_COLUMNS = 'id, type, amount_cents, balance_after_cents, counterparty, created_at';

function toEntry(row: LedgerRow): HistoryEntry {
  return {
    id: row.id,
    type: row.type,
    amount: formatAmount(Number(row.amount_cents)),
    balanceAfter: formatAmount(Number(row.balance_after_cents)),
    counterparty: row.counterparty,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

async function addEntry(
  tx: Sql,
  userId: string,
  entry: {
    type: HistoryEntryType;
    cents: number;
    balanceAfter: number;
    counterparty: string | null;
    at: number;
  },
): Promise<HistoryEntry> {
  const { rows } = await tx.query<LedgerRow>(
    `INSERT INTO demo_ledger (id, user_id, type, amount_cents, balance_after_cents, counterparty, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${LEDGER_COLUMNS}`,
    [randomId('txn'), userId, entry.type, entry.cents, entry.balanceAfter, entry.counterparty, entry.at],
  );
  const row = rows[0];
  if (!row) throw new Error('the ledger entry was not written');
  return toEntry(row);
}

/** A new user's wallet: the welcome bonus, its history entry and a recovery phrase of its own. */
export async function openWallet(tx: Sql, userId: string, at: number): Promise<void> {
  await tx.query('INSERT INTO demo_wallets (user_id, balance_cents, recovery_phrase) VALUES ($1, $2, $3)', [
    userId,
    WELCOME_BONUS_CENTS,
    randomRecoveryPhrase(),
  ]);
  await addEntry(tx, userId, {
    type: 'welcome_bonus',
    cents: WELCOME_BONUS_CENTS,
    balanceAfter: WELCOME_BONUS_CENTS,
    counterparty: null,
    at,
  });
}

const noWallet = () => new DemoError('not_found', 'this account has no wallet');

async function transfer(
  ctx: DemoContext,
  userId: string,
  to: string,
  cents: number,
): Promise<TransferResponse> {
  return ctx.db.transaction(async (tx) => {
    const users = await tx.query<{ id: string; email: string }>(
      'SELECT id, email FROM demo_users WHERE id = $1 OR email = $2',
      [userId, to],
    );
    const sender = users.rows.find((row) => row.id === userId);
    if (!sender) throw noWallet();
    if (sender.email === to) throw invalid('to must be the email of someone else');
    const recipient = users.rows.find((row) => row.email === to);
    // Both wallets are locked in one order, so two opposite transfers cannot deadlock.
    const wallets = await tx.query<{ user_id: string; balance_cents: number }>(
      'SELECT user_id, balance_cents FROM demo_wallets WHERE user_id = ANY($1::text[]) ORDER BY user_id FOR UPDATE',
      [recipient ? [userId, recipient.id] : [userId]],
    );
    const balanceOf = (id: string) => {
      const row = wallets.rows.find((wallet) => wallet.user_id === id);
      if (!row) throw noWallet();
      return Number(row.balance_cents);
    };
    const balance = balanceOf(userId);
    if (balance < cents) {
      throw new DemoError('conflict', `insufficient funds: the balance is ${formatAmount(balance)}`);
    }
    const at = ctx.now();
    const after = balance - cents;
    await tx.query('UPDATE demo_wallets SET balance_cents = $2 WHERE user_id = $1', [userId, after]);
    const entry = await addEntry(tx, userId, {
      type: 'transfer_sent',
      cents: -cents,
      balanceAfter: after,
      counterparty: to,
      at,
    });
    if (recipient) {
      const theirs = balanceOf(recipient.id) + cents;
      await tx.query('UPDATE demo_wallets SET balance_cents = $2 WHERE user_id = $1', [recipient.id, theirs]);
      await addEntry(tx, recipient.id, {
        type: 'transfer_received',
        cents,
        balanceAfter: theirs,
        counterparty: sender.email,
        at,
      });
    }
    return { balance: formatAmount(after), entry };
  });
}

/**
 * Runs `mfa.requireElevated(scope)` when the policy's step-up toggle for `scope` is on. Resolves with the
 * refusal to answer, or undefined when the action may go ahead. Routes call it after reading their input,
 * so a malformed request never consumes a single-use elevated token.
 */
async function stepUp(
  ctx: DemoContext,
  c: Context<ApiEnv>,
  scope: StepUpScope,
): Promise<Response | undefined> {
  if (!(await ctx.policy.stepUpRequired(c.var.mfaAuth.sub, scope))) return undefined;
  const gate = { passed: false };
  const refusal = await ctx.mfa.requireElevated(scope)(c, async () => {
    gate.passed = true;
  });
  if (gate.passed) return undefined;
  const required = new MfaError('elevation_required', `send an elevated token as ${ELEVATED_TOKEN_HEADER}`, {
    scopes: [scope],
  });
  return refusal ?? errorResponse(required, ctx.logger);
}

export function walletRoutes(ctx: DemoContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get('/', ctx.mfa.requireAuth(), async (c) => {
    const userId = c.var.mfaAuth.sub;
    const wallet = await ctx.db.query<{ email: string; balance_cents: number }>(
      `SELECT u.email, w.balance_cents FROM demo_users u JOIN demo_wallets w ON w.user_id = u.id
       WHERE u.id = $1`,
      [userId],
    );
    const row = wallet.rows[0];
    if (!row) throw noWallet();
    const history = await ctx.db.query<LedgerRow>(
      `SELECT ${LEDGER_COLUMNS} FROM demo_ledger WHERE user_id = $1 ORDER BY seq DESC LIMIT ${HISTORY_LENGTH}`,
      [userId],
    );
    return c.json({
      email: row.email,
      balance: formatAmount(Number(row.balance_cents)),
      currency: 'USD',
      history: history.rows.map(toEntry),
    } satisfies WalletResponse);
  });

  routes.post('/transfer', ctx.mfa.requireAuth(), async (c) => {
    const body = await input.readJson(c.req.raw, ['to', 'amount']);
    const to = input.email(body, 'to');
    const cents = input.amount(body, 'amount');
    const refusal = await stepUp(ctx, c, 'wallet:transfer');
    if (refusal) return refusal;
    const result = await transfer(ctx, c.var.mfaAuth.sub, to, cents);
    ctx.logger.info('demo.wallet.transfer', { userId: c.var.mfaAuth.sub, cents });
    return c.json(result satisfies TransferResponse);
  });

  routes.post('/export', ctx.mfa.requireAuth(), async (c) => {
    await input.readJson(c.req.raw, []);
    const refusal = await stepUp(ctx, c, 'wallet:export');
    if (refusal) return refusal;
    const { rows } = await ctx.db.query<{ recovery_phrase: string }>(
      'SELECT recovery_phrase FROM demo_wallets WHERE user_id = $1',
      [c.var.mfaAuth.sub],
    );
    const phrase = rows[0]?.recovery_phrase;
    if (phrase === undefined) throw noWallet();
    ctx.logger.info('demo.wallet.exported', { userId: c.var.mfaAuth.sub });
    return c.json({ recoveryPhrase: phrase } satisfies ExportResponse);
  });

  return routes;
}
