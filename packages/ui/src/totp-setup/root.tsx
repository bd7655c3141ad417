'use client';
import type { Device } from '@mfa-kit/client';
import { type ComponentPropsWithoutRef, forwardRef, useId, useRef } from 'react';
import { useMessages } from '../config.js';
import type { PartialMessages } from '../i18n/index.js';
import { useComposedRefs } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import type { RecoveryCodesProps } from '../recovery-codes/index.js';
import { TotpSetupProvider } from './context.js';
import { useTotpSetupFlow } from './flow.js';

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
