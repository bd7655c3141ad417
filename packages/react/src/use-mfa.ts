import type { Device, MfaError, MfaMethod, StatusResponse, VerificationMethod } from '@mfa-kit/client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { useMfaContext } from './context.js';
import { configQuery, statusQuery } from './queries.js';
import type { SessionInfo } from './session.js';
import type { TotpEnrollment } from './session-state.js';
import { toMfaError } from './to-mfa-error.js';
import { useAction } from './use-action.js';

/**
 * Where the signed-in user stands:
 * - `loading`: the status is being fetched.
 * - `signed-out`: `<MfaProvider accessToken={null}>`; nothing is fetched.
 * - `error`: the status could not be loaded; `error` says why.
 * - `not-required`: signed in, no factor, and the policy does not require one.
 * - `enrollment-required`: the policy requires a factor and the user has none; enrol one to continue.
 * - `required`: the sign-in is pending until the user proves a factor (`verifyTotp`, ...).
 * - `satisfied`: signed in with a factor, nothing pending.
 */
export type MfaStatus =
  | 'loading'
  | 'signed-out'
  | 'error'
  | 'not-required'
  | 'enrollment-required'
  | 'required'
  | 'satisfied';

/** The user's recovery codes, in {@link UseMfaResult}. */
export interface RecoveryCodes {
  /**
   * Codes just generated (with a first factor, or by `regenerate()`), to show once; `null` otherwise.
   * Kept in memory until `acknowledge()`, never stored.
   */
  codes: readonly string[] | null;
  /** Unused codes left. */
  remaining: number;
  /** Codes were generated and the user has not confirmed saving them (from the server, so it survives reloads). */
  pendingAcknowledgement: boolean;
  /** The user saved the codes: tells the server and forgets `codes`. */
  acknowledge(): Promise<void>;
  /** Replaces every code with a new set (asks for step-up, `credential:link`) and resolves to it. */
  regenerate(): Promise<readonly string[]>;
}

/** What {@link useMfa} returns. Every action rejects with an `MfaError` and also sets `error`. */
export interface UseMfaResult {
  status: MfaStatus;
  /** Ways the user can verify now, most recently added factor kind first; `[]` without a factor. */
  methods: readonly VerificationMethod[];
  /** Factor kinds the policy lets users enrol (`GET /config`); `[]` until loaded. */
  enrollableMethods: readonly MfaMethod[];
  /** Digits of a TOTP code for this server (6 until the config is loaded). */
  totpDigits: number;
  /**
   * The policy requires every user to have a factor (`GET /config`), so the last one cannot be removed;
   * `false` until the config is loaded.
   */
  required: boolean;
  /** Completes a pending sign-in with a code from the authenticator app; the new token goes to `onAccessToken`. */
  verifyTotp(code: string): Promise<void>;
  /** Completes a pending sign-in with a passkey (browser prompt). */
  verifyPasskey(): Promise<void>;
  /** Completes a pending sign-in with a recovery code (spends it). */
  verifyRecoveryCode(code: string): Promise<void>;
  /** The TOTP enrolment waiting for `confirmTotpEnrollment`, shared by every component; `null` when none. */
  totpEnrollment: TotpEnrollment | null;
  /**
   * Starts adding an authenticator app: resolves to `{ deviceId, secret, uri }` (also in `totpEnrollment`).
   * When the user already has a factor, asks for step-up (`credential:link`) first.
   */
  startTotpEnrollment(name?: string): Promise<TotpEnrollment>;
  /** Confirms `totpEnrollment` with the app's first code and resolves to the new device. */
  confirmTotpEnrollment(code: string): Promise<Device>;
  /** Forgets `totpEnrollment` (the unconfirmed enrolment expires on the server by itself). */
  cancelTotpEnrollment(): void;
  /** Registers a passkey (browser prompt), with step-up first when the user already has a factor. */
  registerPasskey(name?: string): Promise<Device>;
  recoveryCodes: RecoveryCodes;
  /** An action of this hook is running. */
  isPending: boolean;
  /** The last action's error (cleared when the next one starts), else why the status could not load. */
  error: MfaError | null;
}

const NO_METHODS: readonly never[] = [];

function deriveStatus(session: SessionInfo, data: StatusResponse | undefined, failed: boolean): MfaStatus {
  if (!session.signedIn) return 'signed-out';
  if (data === undefined) return failed ? 'error' : 'loading';
  if (data.requiresAdditionalAuth) return data.enrollmentRequired ? 'enrollment-required' : 'required';
  return data.devices.length > 0 ? 'satisfied' : 'not-required';
}

/**
 * Second-factor state and actions of the signed-in user: the status for routing (challenge, enrolment or
 * app), verification, enrolment and recovery codes. Components that call it share one status request.
 *
 * @example
 * ```tsx
 * const { status, verifyTotp, error } = useMfa();
 * if (status === 'required') return <CodeForm onCode={verifyTotp} error={error} />;
 * ```
 */
export function useMfa(): UseMfaResult {
  const { client, queryClient, session, state, actions } = useMfaContext('useMfa');
  const statusResult = useQuery(statusQuery(client, session), queryClient);
  const configResult = useQuery(configQuery(client, session), queryClient);
  const local = useSyncExternalStore(state.subscribe, state.get, state.getServer);
  const { run, isPending, error: actionError } = useAction(queryClient);

  const data = statusResult.data;
  const loadError = statusResult.error ?? configResult.error;
  const error = useMemo(
    () => actionError ?? (loadError === null ? null : toMfaError(loadError)),
    [actionError, loadError],
  );

  const recoveryCodes = useMemo<RecoveryCodes>(
    () => ({
      codes: local.recoveryCodes,
      remaining: data?.recoveryCodes.remaining ?? 0,
      pendingAcknowledgement: data?.recoveryCodes.pendingAcknowledgement ?? false,
      acknowledge: () => run(actions.acknowledgeRecoveryCodes),
      regenerate: () => run(actions.regenerateRecoveryCodes),
    }),
    [local.recoveryCodes, data, run, actions],
  );

  return useMemo<UseMfaResult>(
    () => ({
      status: deriveStatus(session, data, statusResult.isError),
      methods: data?.methods ?? NO_METHODS,
      enrollableMethods: configResult.data?.methods ?? NO_METHODS,
      totpDigits: configResult.data?.totpDigits ?? 6,
      required: configResult.data?.required ?? false,
      verifyTotp: (code) => run(() => actions.verifyTotp(code)),
      verifyPasskey: () => run(actions.verifyPasskey),
      verifyRecoveryCode: (code) => run(() => actions.verifyRecoveryCode(code)),
      totpEnrollment: local.totpEnrollment,
      startTotpEnrollment: (name) => run(() => actions.startTotpEnrollment(name)),
      confirmTotpEnrollment: (code) => run(() => actions.confirmTotpEnrollment(code)),
      cancelTotpEnrollment: actions.cancelTotpEnrollment,
      registerPasskey: (name) => run(() => actions.registerPasskey(name)),
      recoveryCodes,
      isPending,
      error,
    }),
    [
      session,
      data,
      statusResult.isError,
      configResult.data,
      local.totpEnrollment,
      recoveryCodes,
      isPending,
      error,
      run,
      actions,
    ],
  );
}
