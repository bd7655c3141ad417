import type { MfaError, VerificationMethod } from '@mfa-kit/client';
import { useInsertionEffect, useMemo, useSyncExternalStore } from 'react';
import { useMfaContext } from './context.js';
import type { StepUpRequestSnapshot } from './step-up-manager.js';

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
  /** Ways the user can answer, most recently added factor kind first. Never empty. */
  methods: readonly VerificationMethod[];
  submitTotp(code: string): Promise<void>;
  submitPasskey(): Promise<void>;
  submitRecoveryCode(code: string): Promise<void>;
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
      cancel: () => manager.cancel(id),
      isPending: request.isPending,
      error: request.error,
    };
  }, [manager, request]);
}
