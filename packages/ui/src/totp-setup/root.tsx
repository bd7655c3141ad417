'use client';
import type { Device, MfaError } from '@mfa-kit/client';
import { type ComponentPropsWithoutRef, type Dispatch, forwardRef, useId, useRef } from 'react';
import { useMessages } from '../config.js';
import type { Messages, PartialMessages } from '../i18n/index.js';
import { useComposedRefs } from '../primitives/compose.js';
import { createContext } from '../primitives/create-context.js';
import { cx } from '../primitives/cx.js';
import type { Lockout } from '../primitives/use-lockout.js';
import type { RecoveryCodesProps } from '../recovery-codes/index.js';
import type { TotpSetupAction } from './flow.js';
import { useTotpSetupFlow } from './flow.js';

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

export interface TotpSetupRootProps extends ComponentPropsWithoutRef<'div'> {
  /** Called once the app is added (after the recovery codes were saved, when there were any). */
  onComplete?: (device: Device) => void;
  /** Called after Cancel (the unconfirmed enrolment is forgotten; the server lets it expire). */
  onCancel?: () => void;
  /** Start an enrolment on mount, with the server's default name. Default false. */
  autoStart?: boolean;
  /** Initial value of the name field. */
  defaultName?: string;
  disabled?: boolean;
  /** Props of the RecoveryCodes shown after a first factor (`fileName`, `title`). */
  recoveryCodes?: Partial<RecoveryCodesProps>;
  messages?: PartialMessages;
}

/**
 * Holds the flow; renders a `div` with `data-state` (a `TotpSetupState`), `data-error` (the last
 * error code), `data-locked` (rate limited) and `data-disabled`.
 */
export const TotpSetupRoot = forwardRef<HTMLDivElement, TotpSetupRootProps>(function TotpSetupRoot(
  {
    onComplete,
    onCancel,
    autoStart = false,
    defaultName = '',
    disabled = false,
    recoveryCodes,
    messages: override,
    className,
    children,
    ...rest
  },
  forwarded,
) {
  const messages = useMessages(override);
  const root = useRef<HTMLDivElement | null>(null);
  const flow = useTotpSetupFlow({ defaultName, disabled, autoStart, onComplete, onCancel, root });
  const { state, failure, lockout } = flow;
  return (
    <TotpSetupProvider
      messages={messages}
      disabled={disabled}
      recoveryCodes={recoveryCodes}
      base={useId()}
      {...flow}
    >
      <div
        ref={useComposedRefs(root, forwarded)}
        className={cx('mfa-root mfa-totp-setup', className)}
        data-state={state}
        data-error={failure?.error.code}
        data-locked={lockout.locked ? '' : undefined}
        data-disabled={disabled ? '' : undefined}
        aria-busy={state === 'starting' || state === 'verifying' || undefined}
        {...rest}
      >
        {children}
      </div>
    </TotpSetupProvider>
  );
});
