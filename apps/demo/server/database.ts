/**
 * The demo's own tables (prefix `demo_`) in the PGlite database it shares with the MFA store. Migrations
 * are versioned like the MFA store's: each runs once, in order, in a transaction under an advisory lock,
 * and is never edited once released; a change is a new entry at the end.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';

/** What queries need: the database or an open transaction. */
export type Sql = Pick<Transaction, 'query'>;

const MIGRATIONS: readonly string[] = [
  `
    CREATE TABLE demo_users (
      id text PRIMARY KEY,
      email text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      created_at bigint NOT NULL
    );
    CREATE TABLE demo_wallets (
      user_id text PRIMARY KEY REFERENCES demo_users (id) ON DELETE CASCADE,
      balance_cents bigint NOT NULL CHECK (balance_cents >= 0),
      recovery_phrase text NOT NULL
    );
    CREATE TABLE demo_ledger (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id text NOT NULL UNIQUE,
      user_id text NOT NULL REFERENCES demo_users (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('welcome_bonus', 'transfer_sent', 'transfer_received')),
      amount_cents bigint NOT NULL,
      balance_after_cents bigint NOT NULL,
      counterparty text,
      created_at bigint NOT NULL
    );
    CREATE INDEX demo_ledger_user ON demo_ledger (user_id, seq DESC);
    -- Failed sign-ins per email, known or not, so that a lock says nothing about who has an account.
    CREATE TABLE demo_sign_in_limits (
      email text PRIMARY KEY,
      failures integer NOT NULL,
      locked_until bigint
    );
    -- Sign-up and sign-in attempts per client address and minute.
    CREATE TABLE demo_address_limits (
      address text NOT NULL,
      window_start bigint NOT NULL,
      attempts integer NOT NULL,
      PRIMARY KEY (address, window_start)
    );
    CREATE TABLE demo_policy (
      id integer PRIMARY KEY CHECK (id = 1),
      required boolean NOT NULL,
      session_mfa boolean NOT NULL,
      step_up_transfer boolean NOT NULL,
      step_up_export boolean NOT NULL,
      updated_at bigint,
      updated_by text
    );
    INSERT INTO demo_policy (id, required, session_mfa, step_up_transfer, step_up_export)
      VALUES (1, false, true, true, true);
  `,
  // The policy per account: one visitor's switches must never change anyone else's sign-in (a shared
  // policy let any visitor turn MFA off for everyone). The shared row goes.
  `
    CREATE TABLE demo_account_policy (
      user_id text PRIMARY KEY REFERENCES demo_users (id) ON DELETE CASCADE,
      required boolean NOT NULL,
      session_mfa boolean NOT NULL,
      step_up_transfer boolean NOT NULL,
      step_up_export boolean NOT NULL,
      updated_at bigint NOT NULL
    );
    DROP TABLE demo_policy;
  `,
  // Step-up by re-authentication (issue 14): the account's verified phone number and linked wallets,
  // which the MFA server reads through getUserContacts, the challenges that verify them, and the policy's
  // re-authentication switches.
  `
    ALTER TABLE demo_account_policy
      ADD COLUMN reauth_email boolean NOT NULL DEFAULT true,
      ADD COLUMN reauth_sms boolean NOT NULL DEFAULT true,
      ADD COLUMN reauth_wallet boolean NOT NULL DEFAULT true,
      ADD COLUMN reauth_with_mfa boolean NOT NULL DEFAULT false;
    -- Verified numbers only: a number counts once its SMS code was typed back.
    CREATE TABLE demo_phones (
      user_id text PRIMARY KEY REFERENCES demo_users (id) ON DELETE CASCADE,
      phone text NOT NULL,
      verified_at bigint NOT NULL
    );
    -- The one number being verified per account: a keyed hash of its code, never the code.
    CREATE TABLE demo_phone_challenges (
      user_id text PRIMARY KEY REFERENCES demo_users (id) ON DELETE CASCADE,
      phone text NOT NULL,
      code_hash text NOT NULL,
      expires_at bigint NOT NULL,
      failures integer NOT NULL DEFAULT 0
    );
    -- Sends and wrong codes per account, kept apart from the challenge so a new code resets neither.
    CREATE TABLE demo_phone_limits (
      user_id text PRIMARY KEY REFERENCES demo_users (id) ON DELETE CASCADE,
      last_sent_at bigint,
      window_start bigint NOT NULL DEFAULT 0,
      sends integer NOT NULL DEFAULT 0,
      failures integer NOT NULL DEFAULT 0,
      locked_until bigint
    );
    CREATE TABLE demo_linked_wallets (
      user_id text NOT NULL REFERENCES demo_users (id) ON DELETE CASCADE,
      address text NOT NULL,
      chain_id bigint NOT NULL,
      linked_at bigint NOT NULL,
      PRIMARY KEY (user_id, address)
    );
    -- EIP-4361 messages the server wrote, bound to the account and the session that asked.
    CREATE TABLE demo_wallet_challenges (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES demo_users (id) ON DELETE CASCADE,
      session_id text NOT NULL,
      address text NOT NULL,
      chain_id bigint NOT NULL,
      nonce text NOT NULL,
      message text NOT NULL,
      expires_at bigint NOT NULL,
      failures integer NOT NULL DEFAULT 0
    );
    CREATE INDEX demo_wallet_challenges_user ON demo_wallet_challenges (user_id);
  `,
];

export async function migrate(db: PGlite, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['acme-wallet:demo_migrations']);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS demo_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
    );
    const applied = await tx.query<{ version: number }>('SELECT version FROM demo_migrations');
    const done = new Set(applied.rows.map((row) => Number(row.version)));
    for (const [index, migration] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (done.has(version)) continue;
      await tx.exec(migration);
      await tx.query('INSERT INTO demo_migrations (version, applied_at) VALUES ($1, $2)', [version, now]);
    }
  });
}
