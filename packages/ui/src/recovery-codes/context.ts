import type { MfaError } from '@mfa-kit/client';
import type { Dispatch, RefObject } from 'react';
import type { Messages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';
import type { RecoveryCodesAction } from './flow.js';

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
