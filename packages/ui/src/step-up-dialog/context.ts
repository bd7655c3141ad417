import type { StepUpPrompt } from '@mfa-kit/react';
import type { Messages, PartialMessages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';
import type { RadixDialogs } from '../primitives/lazy-dialog.js';
import type { Verification } from '../primitives/verification.js';

export interface StepUpDialogContextValue {
  /** Radix's Dialog, once loaded (at idle, or when the first request arrives). */
  Dialog: RadixDialogs['Dialog'];
  /** The request shown: the pending one, or the last one while the dialog closes. */
  prompt: StepUpPrompt | null;
  verification: Verification;
  messages: Messages;
  override: PartialMessages | undefined;
  digits: number;
  formId: string;
  /** `data-theme` of the nearest themed ancestor of where the dialog is mounted, for the portal. */
  theme: string | undefined;
  returnFocus(): void;
}

export const [StepUpDialogProvider, useStepUpDialog] =
  /* @__PURE__ */ createContext<StepUpDialogContextValue>('StepUpDialog');
