/**
 * The wire shapes of the Acme Wallet API (`/api`, documented in ../README.md). Types and constants only,
 * nothing Node-specific, so the front end can import them too. The MFA routes under `/api/mfa` speak
 * docs/protocol.md; their types come from `@mfa-kit/client`.
 */
import { ERROR_STATUS, REAUTH_METHODS, type ReauthMethod } from '@mfa-kit/client/protocol';

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
 * Adding or removing a phone number or a wallet (`/api/account`): always asks for step-up, whatever the
 * policy page says, because those contacts are themselves ways to step up. Without it, whoever holds a
 * session could add their own phone or wallet and then step up with it. Single use, so every change asks.
 * Re-authentication by email only, and only for accounts without a second factor: the sign-up email is the
 * one contact a session cannot change, and an account with a factor proves its factor.
 */
export const CONTACTS_SCOPE = 'account:contacts';
export const CONTACTS_ACTION = {
  singleUse: true,
  ttlSeconds: 300,
  reauth: { methods: ['email_otp'] as ReauthMethod[], allowWithMfa: false },
} as const;

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
    /**
     * Seconds until a retry can succeed: with `rate_limited` (also the `Retry-After` header), and with
     * `invalid_code` when that failure started a lock.
     */
    retryAfter?: number;
    /** Scopes the elevated token must carry; only with `elevation_required`. */
    scopes?: string[];
    /** Tries left for this code or challenge; with `invalid_code`. */
    attemptsRemaining?: number;
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

export { REAUTH_METHODS, type ReauthMethod };

/** Step-up by re-authentication (docs/protocol.md §8): the MFA policy's `reauth`, for every action. */
export interface DemoReauthPolicy {
  /** The methods that may step an action up, in the order of `REAUTH_METHODS`; `[]`: none. */
  methods: ReauthMethod[];
  /** A user who has a second factor may use them too (default false: such a user must use it). */
  allowWithMfa: boolean;
}

/** `GET` and `PUT /api/policy`: what the demo's policy page switches, for the signed-in account only. */
export interface DemoPolicy {
  /** Every user must have a second factor (one without is sent to enrolment at sign-in). */
  required: boolean;
  /** A user with a factor proves it at every sign-in. */
  sessionMfa: boolean;
  /** Which actions need step-up. */
  stepUp: Record<StepUpScope, boolean>;
  reauth: DemoReauthPolicy;
}

export const DEFAULT_POLICY: DemoPolicy = {
  required: false,
  sessionMfa: true,
  stepUp: { 'wallet:transfer': true, 'wallet:export': true },
  reauth: { methods: [...REAUTH_METHODS], allowWithMfa: false },
};

/**
 * `GET /api/account/contacts` (and the answer of every route that changes them): what the demo tells the
 * MFA server through `getUserContacts` — verified values only — and a phone number being verified.
 */
export interface ContactsResponse {
  /** The email the account signed up with; the demo treats it as verified (README: why, and why only here). */
  email: string;
  /** The verified phone number (E.164), or null. Only a number whose SMS code was typed back counts. */
  phone: string | null;
  /** A number that was sent a code and is not verified yet; it does not count until it is. */
  pendingPhone: PendingPhone | null;
  /** Wallets linked by a signature (EIP-4361), oldest first. */
  wallets: LinkedWallet[];
}

export interface PendingPhone {
  phone: string;
  /** When the code stops working (ISO 8601). */
  expiresAt: string;
  /** Seconds until another code may be sent. */
  resendAfter: number;
}

export interface LinkedWallet {
  /** EIP-55 checksum form. */
  address: string;
  /** EIP-155 chain id of the message that linked it. */
  chainId: number;
  linkedAt: string;
}

/** `POST /api/account/phone`: sends a code by SMS to this number. */
export interface PhoneRequest {
  /** E.164 with its country code, e.g. `+4915112345678`; spaces, dashes, dots and brackets are ignored. */
  phone: string;
}

/** `POST /api/account/phone/verify`. */
export interface PhoneCodeRequest {
  /** The 6 digits of the SMS. */
  code: string;
}

/** `POST /api/account/wallets/challenge`: the wallet's address and chain, as the wallet reports them. */
export interface WalletChallengeRequest {
  address: string;
  chainId: number;
}

/** The EIP-4361 message the server wrote, for `personal_sign`. */
export interface WalletChallengeResponse {
  challengeId: string;
  message: string;
  address: string;
  chainId: number;
  expiresAt: string;
}

/** `POST /api/account/wallets`. */
export interface WalletLinkRequest {
  challengeId: string;
  /** What `personal_sign` returned: 0x-prefixed hex. */
  signature: string;
}

/** `GET /api/dev`, outside production only (404 in production). */
export interface DevToolsResponse {
  outbox: true;
}

export type OutboxChannel = 'email' | 'sms';

/** One message of the development outbox (`GET /api/dev/outbox?to=…`, not in production). */
export interface OutboxMessage {
  channel: OutboxChannel;
  /** The recipient: an email address or an E.164 phone number. */
  to: string;
  /** The email's subject; null for a text message. */
  subject: string | null;
  text: string;
  /** When the demo received it (ISO 8601). */
  sentAt: string;
}

/** `GET /api/health`. */
export interface HealthResponse {
  status: 'ok';
}
