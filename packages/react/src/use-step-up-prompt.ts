import {
  type Eip1193Provider,
  MfaError,
  type ReauthMethod,
  type VerificationMethod,
  type WalletSigner,
} from '@mfa-kit/client';
import { useInsertionEffect, useMemo, useSyncExternalStore } from 'react';
import { useMfaContext } from './context.js';
import type { ReauthCodeMethod, SentCode, StepUpRequestSnapshot } from './step-up-manager.js';

/**
 * The step-up request the user should answer now, for rendering your own dialog. Requests for several
 * scopes are shown one at a time, oldest first. Every submit rejects with an MfaError on failure and
 * leaves the prompt open with `error` set (`invalid_code`, `code_reused`, `rate_limited` with
 * `retryAfter`, `passkey_cancelled`, ...); on success the prompt moves on and the waiting `ensure()`
 * calls resolve.
 */
export interface StepUpPrompt {
  /** The scope being asked for, e.g. `wallet:export`: say what the user is confirming. */
  scope: string;
  /**
   * Second factors the user can answer with, most recently added kind first. Empty when the user has
   * none; then `reauthMethods` is not (a prompt is never shown with no way to answer).
   */
  methods: readonly VerificationMethod[];
  /**
   * Re-authentication methods the policy allows this user for this action (docs/protocol.md §8): a code
   * by email (`email_otp`) or SMS (`sms_otp`), or a wallet signature (`wallet`). Empty for a user with a
   * factor, unless the policy says `allowWithMfa`.
   */
  reauthMethods: readonly ReauthMethod[];
  submitTotp(code: string): Promise<void>;
  submitPasskey(): Promise<void>;
  submitRecoveryCode(code: string): Promise<void>;
  /**
   * Sends a code by email or SMS (`POST /reauth/{email,sms}-otp/send`); call again to resend once
   * `sent.resendAt` has passed (the server refuses sooner with `rate_limited`). The newest code replaces
   * the previous one.
   */
  sendCode(method: ReauthCodeMethod): Promise<void>;
  /** The code sent last (its method, masked destination and when to allow a resend), or `null`. */
  sent: SentCode | null;
  /** Proves the code sent last. Rejects with `invalid_input` when no code was sent yet. */
  submitReauthCode(code: string): Promise<void>;
  /**
   * Proves control of the linked wallet at `address`: the server writes an EIP-4361 message, `signer`
   * (an EIP-1193 provider's `personal_sign`, or your function) signs it. Rejects with `wallet_rejected`
   * when the user declines in the wallet, `reauth_unavailable` when `address` is not linked.
   */
  submitWallet(signer: WalletSigner | Eip1193Provider, address: string): Promise<void>;
  /** Closes the prompt; waiting `ensure()` calls reject with `stepup_cancelled`. */
  cancel(): void;
  /** A submission is being checked. */
  isPending: boolean;
  /** Why the last submission failed; cleared when the next one starts. */
  error: MfaError | null;
}

const noRequest = (): StepUpRequestSnapshot | null => null;

/**
 * Registers a step-up prompt and returns the request to show, or `null` when nothing is waiting. While no
 * component calls this hook, `ensure()` rejects at once with `stepup_cancelled` (there is nobody to ask);
 * when the last one unmounts, waiting requests are cancelled. `<StepUpDialog />` of @mfa-kit/ui uses it.
 *
 * @example
 * ```tsx
 * const prompt = useStepUpPrompt();
 * if (!prompt) return null;
 * return <CodeDialog title={`Confirm ${prompt.scope}`} onCode={prompt.submitTotp} onClose={prompt.cancel} />;
 * ```
 */
export function useStepUpPrompt(): StepUpPrompt | null {
  const { manager } = useMfaContext('useStepUpPrompt');
  // Registered before any effect runs, so an effect that calls ensure() on mount finds the prompt.
  useInsertionEffect(() => manager.registerPrompt(), [manager]);
  const request = useSyncExternalStore(manager.subscribe, manager.getRequest, noRequest);
  return useMemo(() => {
    if (request === null) return null;
    const { id } = request;
    return {
      scope: request.scope,
      methods: request.methods,
      submitTotp: (code) => manager.submit(id, { method: 'totp', code }),
      submitPasskey: () => manager.submit(id, { method: 'passkey' }),
      submitRecoveryCode: (code) => manager.submit(id, { method: 'recovery_code', code }),
      reauthMethods: request.reauthMethods,
      sent: request.sent,
      sendCode: (method) => manager.send(id, method),
      submitReauthCode: (code) => {
        const { sent } = request;
        if (!sent) return Promise.reject(new MfaError('invalid_input', 'send a code (sendCode) first'));
        return manager.submit(id, { method: sent.method, code, challengeId: sent.challengeId });
      },
      submitWallet: (signer, address) => manager.submit(id, { method: 'wallet', signer, address }),
      cancel: () => manager.cancel(id),
      isPending: request.isPending,
      error: request.error,
    };
  }, [manager, request]);
}
