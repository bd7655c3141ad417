/**
 * The wire shapes of the Acme Wallet API (`/api`, documented in ../README.md). Types and constants only,
 * nothing Node-specific, so the front end can import them too. The MFA routes under `/api/mfa` speak
 * docs/protocol.md; their types come from `@mfa-kit/client`.
 */
import { ERROR_STATUS } from '@mfa-kit/client/protocol';

/** Actions that can need step-up, with the elevated token each one asks for when its toggle is on. */
export const STEP_UP_ACTIONS = {
  /** Send money: a multi-use token, so several transfers in a row need one proof. */
  'wallet:transfer': { singleUse: false, ttlSeconds: 600 },
  /** Show the secret recovery phrase: a single-use token, so every export needs a fresh proof. */
  'wallet:export': { singleUse: true, ttlSeconds: 300 },
} as const;
export type StepUpScope = keyof typeof STEP_UP_ACTIONS;
export const STEP_UP_SCOPES = Object.keys(STEP_UP_ACTIONS) as StepUpScope[];

/**
 * Error codes of the demo API: the protocol's (docs/protocol.md §2) plus `invalid_credentials`, the
 * answer to a wrong email or password, so that a UI can tell it from an expired session (`unauthorized`).
 */
export const DEMO_ERROR_STATUS = { ...ERROR_STATUS, invalid_credentials: 401 } as const;
export type DemoErrorCode = keyof typeof DEMO_ERROR_STATUS;

/** The body of every 4xx and 5xx answer, as in the protocol. */
export interface DemoErrorBody {
  error: {
    code: DemoErrorCode;
    message: string;
    /** Seconds until a retry can succeed; only with `rate_limited` (also the `Retry-After` header). */
    retryAfter?: number;
    /** Scopes the elevated token must carry; only with `elevation_required`. */
    scopes?: string[];
  };
}

/** `POST /api/auth/sign-up` and `POST /api/auth/sign-in`. */
export interface CredentialsRequest {
  /** Trimmed and lower-cased by the server. */
  email: string;
  /** 10 to 200 characters at sign-up (after NFKC normalization), not the email. */
  password: string;
}

/** Answer of sign-up (201) and sign-in (200). The token is pending when MFA applies. */
export interface SessionResponse {
  accessToken: string;
}

/** Amounts are decimal strings of US dollars with exactly two decimals in answers: `"1000.00"`, `"-12.50"`. */
export type Amount = string;

export type HistoryEntryType = 'welcome_bonus' | 'transfer_sent' | 'transfer_received';

export interface HistoryEntry {
  id: string;
  type: HistoryEntryType;
  /** Signed: negative for money that left the wallet. */
  amount: Amount;
  /** The balance right after this entry. */
  balanceAfter: Amount;
  /** The other party's email for transfers, null for the welcome bonus. */
  counterparty: string | null;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** `GET /api/wallet`: the newest 50 history entries, newest first. */
export interface WalletResponse {
  email: string;
  balance: Amount;
  currency: 'USD';
  history: HistoryEntry[];
}

/** `POST /api/wallet/transfer`. */
export interface TransferRequest {
  /** Any valid email other than the sender's; a registered user is credited, anyone else is "outside". */
  to: string;
  /** A decimal string with at most two decimals, from "0.01" to "1000000.00" (`"25"`, `"12.5"`, `"0.99"`). */
  amount: string;
}

export interface TransferResponse {
  balance: Amount;
  entry: HistoryEntry;
}

/** `POST /api/wallet/export`: the wallet's (fake) secret recovery phrase, 12 words separated by spaces. */
export interface ExportResponse {
  recoveryPhrase: string;
}

/** `GET` and `PUT /api/policy`: what the demo's policy page switches, for the signed-in account only. */
export interface DemoPolicy {
  /** Every user must have a second factor (one without is sent to enrolment at sign-in). */
  required: boolean;
  /** A user with a factor proves it at every sign-in. */
  sessionMfa: boolean;
  /** Which actions need step-up. */
  stepUp: Record<StepUpScope, boolean>;
}

export const DEFAULT_POLICY: DemoPolicy = {
  required: false,
  sessionMfa: true,
  stepUp: { 'wallet:transfer': true, 'wallet:export': true },
};

/** `GET /api/health`. */
export interface HealthResponse {
  status: 'ok';
}
