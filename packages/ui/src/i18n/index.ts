/**
 * Every string the components show, typed. English is built in; German and Arabic are their own entry
 * points (`@mfa-kit/ui/locales/de`, `@mfa-kit/ui/locales/ar`), so an app loads only the languages it
 * uses. Override any part with the `messages` prop of a component or of `MfaUiProvider` (partial
 * overrides merge into the locale's set).
 */
import { type ChallengeMessages, challengeEn } from './sections/challenge.js';
import { type CodeInputMessages, codeInputEn } from './sections/code-input.js';
import {
  type CommonMessages,
  commonEn,
  type ErrorMessages,
  errorsEn,
  type ScopeMessages,
  scopesEn,
} from './sections/common.js';
import { type DevicesMessages, devicesEn } from './sections/devices.js';
import { type GateMessages, gateEn } from './sections/gate.js';
import { type PasskeyMessages, passkeyEn } from './sections/passkey.js';
import type { ReauthMessages } from './sections/reauth.js';
import { type RecoveryCodesMessages, recoveryCodesEn } from './sections/recovery-codes.js';
import { type StepUpMessages, stepUpEn } from './sections/step-up.js';
import { type TotpSetupMessages, totpSetupEn } from './sections/totp-setup.js';

export interface Messages {
  /** BCP 47 tag used for numbers, dates and relative times. */
  locale: string;
  /** Writing direction of this language. */
  dir: 'ltr' | 'rtl';
  common: CommonMessages;
  errors: ErrorMessages;
  scopes: ScopeMessages;
  codeInput: CodeInputMessages;
  challenge: ChallengeMessages;
  stepUp: StepUpMessages;
  gate: GateMessages;
  totpSetup: TotpSetupMessages;
  passkey: PasskeyMessages;
  recoveryCodes: RecoveryCodesMessages;
  devices: DevicesMessages;
  /**
   * StepUpDialog's re-authentication screens. Optional: their English strings load with those screens,
   * on demand, so a page that never shows them does not carry them; the German and Arabic locales
   * include theirs. A partial override merges into the language's set as elsewhere.
   */
  reauth?: ReauthMessages | undefined;
}

export type {
  ChallengeMessages,
  CodeInputMessages,
  CommonMessages,
  DevicesMessages,
  ErrorMessages,
  GateMessages,
  PasskeyMessages,
  ReauthMessages,
  RecoveryCodesMessages,
  ScopeMessages,
  StepUpMessages,
  TotpSetupMessages,
};

/** Any part of {@link Messages}; functions and arrays are replaced whole, objects merged. */
export type PartialMessages = {
  [K in keyof Messages]?: Messages[K] extends string | ((...args: never[]) => unknown)
    ? Messages[K]
    : DeepPartial<Messages[K]>;
};
type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown
    ? T[K]
    : T[K] extends object
      ? DeepPartial<T[K]>
      : T[K];
};

export const en: Messages = {
  locale: 'en',
  dir: 'ltr',
  common: commonEn,
  errors: errorsEn,
  scopes: scopesEn,
  codeInput: codeInputEn,
  challenge: challengeEn,
  stepUp: stepUpEn,
  gate: gateEn,
  totpSetup: totpSetupEn,
  passkey: passkeyEn,
  recoveryCodes: recoveryCodesEn,
  devices: devicesEn,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override))
    return (override === undefined ? base : override) as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) result[key] = merge(result[key], value);
  }
  return result as T;
}

/** `base` with every override applied in order; the originals are not changed. */
export function mergeMessages(base: Messages, ...overrides: Array<PartialMessages | undefined>): Messages {
  return overrides.reduce<Messages>((acc, override) => (override ? merge(acc, override) : acc), base);
}
