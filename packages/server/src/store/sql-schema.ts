/**
 * Versioned migrations of the SQL store, one dialect for PGlite and PostgreSQL (15 and later). Times are
 * `bigint` milliseconds since the epoch, passed in by the server so that its injectable clock is the only
 * clock. A migration is never edited once released; a change is a new entry at the end.
 */
export const MIGRATIONS: ReadonlyArray<(t: (table: string) => string) => string> = [
  (t) => `
    CREATE TABLE ${t('signing_keys')} (
      kid text PRIMARY KEY,
      alg text NOT NULL,
      public_jwk text NOT NULL,
      private_jwk_enc text NOT NULL,
      created_at bigint NOT NULL
    );
    CREATE TABLE ${t('users')} (
      user_id text PRIMARY KEY,
      recovery_pending_ack boolean NOT NULL DEFAULT false
    );
    CREATE TABLE ${t('factors')} (
      id text PRIMARY KEY,
      user_id text NOT NULL,
      type text NOT NULL CHECK (type IN ('totp', 'passkey')),
      name text NOT NULL,
      created_at bigint NOT NULL,
      last_used_at bigint,
      secret_enc text,
      last_step bigint,
      credential_id text UNIQUE,
      public_key text,
      counter bigint,
      transports text,
      CHECK ((type = 'totp') = (secret_enc IS NOT NULL)),
      CHECK ((type = 'passkey') = (credential_id IS NOT NULL AND public_key IS NOT NULL AND counter IS NOT NULL))
    );
    CREATE INDEX ON ${t('factors')} (user_id, created_at);
    CREATE TABLE ${t('enrollments')} (
      id text PRIMARY KEY,
      user_id text NOT NULL,
      name text NOT NULL,
      secret_enc text NOT NULL,
      created_at bigint NOT NULL,
      expires_at bigint NOT NULL
    );
    CREATE INDEX ON ${t('enrollments')} (user_id);
    CREATE INDEX ON ${t('enrollments')} (expires_at);
    CREATE TABLE ${t('recovery_codes')} (
      user_id text NOT NULL,
      code_hash text NOT NULL,
      used_at bigint,
      PRIMARY KEY (user_id, code_hash)
    );
    CREATE TABLE ${t('sessions')} (
      id text PRIMARY KEY,
      user_id text NOT NULL,
      expires_at bigint NOT NULL,
      upgraded_at bigint
    );
    CREATE INDEX ON ${t('sessions')} (expires_at);
    CREATE TABLE ${t('rate_limits')} (
      user_id text NOT NULL,
      subject text NOT NULL,
      failures integer NOT NULL,
      locked_until bigint,
      PRIMARY KEY (user_id, subject)
    );
    CREATE TABLE ${t('challenges')} (
      session_id text NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
      user_id text NOT NULL,
      challenge text NOT NULL,
      data text NOT NULL,
      expires_at bigint NOT NULL,
      PRIMARY KEY (session_id, purpose)
    );
    CREATE INDEX ON ${t('challenges')} (expires_at);
    CREATE TABLE ${t('used_tokens')} (
      jti text PRIMARY KEY,
      expires_at bigint NOT NULL
    );
    CREATE INDEX ON ${t('used_tokens')} (expires_at);
  `,
  // Security rule 32: an enrolment started without an elevated token may only become a first factor.
  // Rows from before this migration get true: the safe reading of an enrolment of unknown origin.
  (t) => `
    ALTER TABLE ${t('enrollments')} ADD COLUMN first_factor_only boolean NOT NULL DEFAULT true;
    CREATE INDEX ON ${t('challenges')} (user_id);
  `,
  // A factor added without a name has none (NULL): a UI names it in the user's language. Names the server
  // used to pick are its English defaults; they become NULL too.
  (t) => `
    ALTER TABLE ${t('factors')} ALTER COLUMN name DROP NOT NULL;
    ALTER TABLE ${t('enrollments')} ALTER COLUMN name DROP NOT NULL;
    UPDATE ${t('factors')} SET name = NULL WHERE name ~ '^(Authenticator app|Passkey)( [0-9]+)?$';
  `,
  // Re-authentication for step-up (security rules 26-31): codes sent by email or SMS and wallet messages.
  // A row stays, used or not, until it has expired and left the send-limit window (`keep_until`), so
  // that the hourly send limit counts it.
  (t) => `
    CREATE TABLE ${t('reauth_challenges')} (
      id text PRIMARY KEY,
      user_id text NOT NULL,
      session_id text NOT NULL,
      method text NOT NULL CHECK (method IN ('email', 'sms', 'wallet')),
      secret_hash text NOT NULL,
      data text NOT NULL,
      created_at bigint NOT NULL,
      expires_at bigint NOT NULL,
      keep_until bigint NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      closed boolean NOT NULL DEFAULT false
    );
    CREATE INDEX ON ${t('reauth_challenges')} (user_id, created_at);
    CREATE INDEX ON ${t('reauth_challenges')} (keep_until);
  `,
];
