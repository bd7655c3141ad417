/**
 * Every string the components show, typed. Ship English, German and Arabic; override any part with the
 * `messages` prop of a component or of `MfaUiProvider` (partial overrides merge into the locale's set).
 */
import { type ChallengeMessages, challengeAr, challengeDe, challengeEn } from './sections/challenge.js';
import { type CodeInputMessages, codeInputAr, codeInputDe, codeInputEn } from './sections/code-input.js';
import {
  type CommonMessages,
  commonAr,
  commonDe,
  commonEn,
  type ErrorMessages,
  errorsAr,
  errorsDe,
  errorsEn,
  type ScopeMessages,
  scopesAr,
  scopesDe,
  scopesEn,
} from './sections/common.js';
import { type DevicesMessages, devicesAr, devicesDe, devicesEn } from './sections/devices.js';
import { type GateMessages, gateAr, gateDe, gateEn } from './sections/gate.js';
import { type PasskeyMessages, passkeyAr, passkeyDe, passkeyEn } from './sections/passkey.js';
import {
  type RecoveryCodesMessages,
  recoveryCodesAr,
  recoveryCodesDe,
  recoveryCodesEn,
} from './sections/recovery-codes.js';
import { type StepUpMessages, stepUpAr, stepUpDe, stepUpEn } from './sections/step-up.js';
import { type TotpSetupMessages, totpSetupAr, totpSetupDe, totpSetupEn } from './sections/totp-setup.js';

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
}

export type {
  ChallengeMessages,
  CodeInputMessages,
  CommonMessages,
  DevicesMessages,
  ErrorMessages,
  GateMessages,
  PasskeyMessages,
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

export const de: Messages = {
  locale: 'de',
  dir: 'ltr',
  common: commonDe,
  errors: errorsDe,
  scopes: scopesDe,
  codeInput: codeInputDe,
  challenge: challengeDe,
  stepUp: stepUpDe,
  gate: gateDe,
  totpSetup: totpSetupDe,
  passkey: passkeyDe,
  recoveryCodes: recoveryCodesDe,
  devices: devicesDe,
};

export const ar: Messages = {
  locale: 'ar',
  dir: 'rtl',
  common: commonAr,
  errors: errorsAr,
  scopes: scopesAr,
  codeInput: codeInputAr,
  challenge: challengeAr,
  stepUp: stepUpAr,
  gate: gateAr,
  totpSetup: totpSetupAr,
  passkey: passkeyAr,
  recoveryCodes: recoveryCodesAr,
  devices: devicesAr,
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
