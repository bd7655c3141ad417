'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useMessages } from '../config.js';
import type { PartialMessages } from '../i18n/index.js';
import { useComposedRefs } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { RecoveryCodesProvider } from './context.js';
import { useRecoveryCodesFlow } from './flow.js';

export interface RecoveryCodesRootProps extends ComponentPropsWithoutRef<'section'> {
  /** Called after the user confirmed saving fresh codes and the server was told. */
  onAcknowledged?: () => void;
  /** Name of the downloaded file. Default `recovery-codes.txt`. */
  fileName?: string;
  /** First line of the downloaded file and the printed sheet, e.g. "Acme Wallet recovery codes". */
  title?: string;
  /** Turns every control off. */
  disabled?: boolean;
  messages?: PartialMessages;
}

/**
 * Holds the state; renders a `section` named by its title, with `data-state`, `data-low`, `data-saved`
 * and `data-disabled`.
 */
export const RecoveryCodesRoot = forwardRef<HTMLElement, RecoveryCodesRootProps>(function RecoveryCodesRoot(
  {
    onAcknowledged,
    fileName = 'recovery-codes.txt',
    title,
    disabled = false,
    messages: override,
    className,
    children,
    ...rest
  },
  forwarded,
) {
  const messages = useMessages(override);
  const flow = useRecoveryCodesFlow({ messages, onAcknowledged });
  const { state, low, root, base } = flow;
  return (
    <RecoveryCodesProvider
      messages={messages}
      disabled={disabled}
      title={title ?? messages.recoveryCodes.fileTitle}
      fileName={fileName}
      {...flow}
    >
      <section
        ref={useComposedRefs(root, forwarded)}
        className={cx('mfa-root mfa-recovery-codes', className)}
        data-state={state}
        data-low={low ? '' : undefined}
        data-saved={state === 'fresh' && flow.saved ? '' : undefined}
        data-disabled={disabled ? '' : undefined}
        aria-busy={state === 'loading' || undefined}
        aria-labelledby={`${base}-title`}
        {...rest}
      >
        {children}
      </section>
    </RecoveryCodesProvider>
  );
});
