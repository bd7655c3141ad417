'use client';
import type { Eip1193Provider, MfaError, ReauthMethod, VerificationMethod } from '@mfa-kit/client';
import type { StepUpPrompt } from '@mfa-kit/react';
import type { ReactNode } from 'react';
import type { Messages, PartialMessages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';
import type { RadixDialogs } from '../primitives/lazy-dialog.js';
import type { Verification } from '../primitives/verification.js';
import { useStepUpFlow } from './use-step-up-flow.js';

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
  /** The re-authentication method shown instead of a factor, or `null` while a factor is. */
  reauth: ReauthMethod | null;
  /** Shows `method` (a re-authentication method), or the factors again with `null`. */
  chooseReauth(method: ReauthMethod | null): void;
  /** The wallet that signs for `wallet` re-authentication, or `null` when the browser has none. */
  wallet: Eip1193Provider | null;
  /** A re-authentication screen proved the request: announce it and call `onSuccess`. */
  succeed(method: ReauthMethod): void;
  /** A re-authentication screen failed with `error` (shown there, not as a factor's). */
  reauthFailed(error: MfaError): void;
}

export const [StepUpDialogProvider, useStepUpDialog] =
  /* @__PURE__ */ createContext<StepUpDialogContextValue>('StepUpDialog');

export interface StepUpDialogRootProps {
  /** Called after the user confirmed, with the scope and the method used (a factor or re-authentication). */
  onSuccess?: ((scope: string, method: VerificationMethod | ReauthMethod) => void) | undefined;
  /** Called when the user closed the dialog (Escape or Cancel); the waiting `ensure()` rejects. */
  onCancel?: ((scope: string) => void) | undefined;
  messages?: PartialMessages | undefined;
  /**
   * The EIP-1193 wallet that signs when the user confirms with their wallet (`wallet` re-authentication,
   * docs/protocol.md §8.3). Default: the browser's injected `window.ethereum`, if any. `null`: none (the
   * dialog says no wallet was found). The dialog asks it for `eth_requestAccounts`, `eth_chainId`,
   * `personal_sign` and, to change network, `wallet_switchEthereumChain`.
   */
  wallet?: Eip1193Provider | null | undefined;
  children?: ReactNode;
}

/**
 * Registers the step-up prompt and holds the dialog's state (useStepUpFlow). Renders the Radix Dialog
 * root and, in place, a visually hidden live region that announces success after the dialog closed.
 * Radix's Dialog is loaded when the page is idle, or when the first request arrives; the parts render
 * once it is there.
 */
export function StepUpDialogRoot({ children, ...options }: StepUpDialogRootProps) {
  const { open, radix, announcement, anchor, cancel, ...context } = useStepUpFlow(options);
  const Dialog = radix?.Dialog;
  return (
    <>
      {Dialog ? (
        <StepUpDialogProvider Dialog={Dialog} {...context}>
          <Dialog.Root
            open={open}
            onOpenChange={(next) => {
              if (!next) cancel();
            }}
          >
            {children}
          </Dialog.Root>
        </StepUpDialogProvider>
      ) : null}
      <div ref={anchor} role="status" className="mfa-visually-hidden">
        {announcement}
      </div>
    </>
  );
}
