import type { Device, MfaErrorCode, ReauthMethod, VerificationMethod } from '@mfa-kit/client';

/**
 * What happened, for analytics, audit logs and toasts. Events never carry a code, a secret or a token:
 * only what kind of thing happened, to which scope or device, and an error code.
 */
export type MfaEvent =
  /** A second factor completed a pending sign-in (also when enrolling a first factor completed it). */
  | { type: 'mfa.succeeded'; method: VerificationMethod }
  /**
   * A verification failed: at sign-in (`scope: null`) or in a step-up prompt (`scope` set). `code` says
   * why (`invalid_code`, `rate_limited`, `passkey_cancelled`, ...). In a step-up prompt `method` may be a
   * re-authentication method (`email_otp`, `sms_otp`, `wallet`), also when sending its code failed.
   */
  | {
      type: 'mfa.failed';
      method: VerificationMethod | ReauthMethod;
      code: MfaErrorCode;
      scope: string | null;
    }
  /** A step-up prompt was answered (by a factor or by re-authentication); a token for `scope` was issued. */
  | { type: 'stepup.succeeded'; scope: string; method: VerificationMethod | ReauthMethod }
  /** The user closed a step-up prompt; the waiting `ensure()` calls rejected with `stepup_cancelled`. */
  | { type: 'stepup.cancelled'; scope: string }
  /** A factor was enrolled and verified. */
  | { type: 'device.added'; device: Device }
  /** A factor was removed. */
  | { type: 'device.removed'; deviceId: string }
  /**
   * A new set of recovery codes exists and is shown once (`useMfa().recoveryCodes.codes`): with a first
   * factor, or because the user regenerated them.
   */
  | { type: 'recoveryCodes.generated'; count: number; reason: 'first-factor' | 'regenerated' };

/** Every `type` of {@link MfaEvent}. */
export type MfaEventType = MfaEvent['type'];

/**
 * Calls the app's handler without letting its failure undo an MFA step that already happened on the
 * server (a session upgraded, a token issued): the error is logged instead of thrown.
 */
export function createEmitter(getHandler: () => ((event: MfaEvent) => void) | undefined) {
  return (event: MfaEvent): void => {
    try {
      getHandler()?.(event);
    } catch (error) {
      console.error('@mfa-kit/react: the onEvent handler of <MfaProvider> threw', error);
    }
  };
}
