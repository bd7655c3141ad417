'use client';
import type { MfaError } from '@mfa-kit/client';
import { type ComponentPropsWithoutRef, type Dispatch, forwardRef, type RefObject } from 'react';
import { useMessages } from '../config.js';
import type { Messages, PartialMessages } from '../i18n/index.js';
import { useComposedRefs } from '../primitives/compose.js';
import { createContext } from '../primitives/create-context.js';
import { cx } from '../primitives/cx.js';
import type { RecoveryCodesAction } from './flow.js';
import { useRecoveryCodesFlow } from './flow.js';

/**
 * - `loading`: the status is being fetched.
 * - `fresh`: new codes to save (`data-saved` once the checkbox is ticked).
 * - `summary`: no codes to show; how many are left (`data-low` at 3 or fewer).
 * - `unconfirmed`: codes were generated, never confirmed as saved, and can't be shown again.
 * - `none`: the user has no factor, so no codes (they come with the first one).
 * - `error`: the status could not be loaded.
 */
export type RecoveryCodesState = 'loading' | 'fresh' | 'summary' | 'unconfirmed' | 'none' | 'error';

export interface RecoveryCodesContextValue {
  messages: Messages;
  state: RecoveryCodesState;
  codes: readonly string[];
  remaining: number;
  low: boolean;
  disabled: boolean;
  saved: boolean;
  acknowledging: boolean;
  regenerating: boolean;
  error: MfaError | null;
  notice: string | null | undefined;
  copied: boolean;
  copy(text: string): Promise<boolean>;
  /** First line of the downloaded file and the printed sheet. */
  title: string;
  fileName: string;
  /** The `useId()` the parts' ids are made from (`-title`, `-description`, `-confirm`). */
  base: string;
  root: RefObject<HTMLElement | null>;
  dispatch: Dispatch<RecoveryCodesAction>;
  acknowledge(): void;
  regenerate(): void;
}

export const [RecoveryCodesProvider, useRecoveryCodesContext] =
  createContext<RecoveryCodesContextValue>('RecoveryCodes');

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
