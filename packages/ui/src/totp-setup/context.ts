import type { Device, MfaError } from '@mfa-kit/client';
import type { Dispatch } from 'react';
import type { Messages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';
import type { Lockout } from '../primitives/use-lockout.js';
import type { RecoveryCodesProps } from '../recovery-codes/index.js';
import type { TotpSetupAction } from './flow.js';

/**
 * - `idle`: nothing started (name field and Start).
 * - `starting`: the enrolment is being created (and step-up answered, for a second factor).
 * - `scanning`: QR code and key shown, waiting for the app's first code.
 * - `verifying`: the code is being checked.
 * - `expired`: the enrolment is too old or gone; Start begins a new one.
 * - `saving-codes`: added; the first factor's recovery codes wait to be saved.
 * - `complete`: added.
 */
export type TotpSetupState =
  | 'idle'
  | 'starting'
  | 'scanning'
  | 'verifying'
  | 'expired'
  | 'saving-codes'
  | 'complete';

/** Where the last failure happened: starting the enrolment, or checking its first code. */
export interface TotpSetupFailure {
  at: 'start' | 'verify';
  error: MfaError;
}

export interface TotpSetupContextValue {
  messages: Messages;
  state: TotpSetupState;
  enrollment: { deviceId: string; secret: string; uri: string } | null;
  device: Device | null | undefined;
  failure: TotpSetupFailure | null | undefined;
  wrongCodes: number;
  /** Seconds until a rate limit ends; 0 when none. */
  lockout: Lockout;
  digits: number;
  disabled: boolean;
  name: string;
  code: string;
  dispatch: Dispatch<TotpSetupAction>;
  start(): void;
  verify(code: string): void;
  cancel(): void;
  recoveryCodes: Partial<RecoveryCodesProps> | undefined;
  /** The `useId()` the parts' ids are made from (`-name`, `-name-hint`, `-scan`, `-verify`). */
  base: string;
}

export const [TotpSetupProvider, useTotpSetup] = createContext<TotpSetupContextValue>('TotpSetup');
