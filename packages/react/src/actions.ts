/**
 * Everything the hooks can do, as plain async functions over the client, the query cache and the step-up
 * manager. Each one rejects with an MfaError, and refreshes the session's queries after a change.
 */
import {
  type Device,
  type ElevationResult,
  type EnrollmentResult,
  isMfaError,
  type MfaClient,
  MfaError,
  type ReauthSendResponse,
  type UpgradeResult,
  type VerificationMethod,
} from '@mfa-kit/client';
import type { QueryClient } from '@tanstack/react-query';
import type { MfaEvent } from './events.js';
import { configQuery, statusQuery } from './queries.js';
import { mfaKeys } from './query-keys.js';
import type { SessionInfo } from './session.js';
import type { SessionState, TotpEnrollment } from './session-state.js';
import type { ReauthCodeMethod, StepUpManager, StepUpMethods, StepUpProof } from './step-up-manager.js';
import { toMfaError } from './to-mfa-error.js';

export interface MfaActionsDeps {
  client: MfaClient;
  queryClient: QueryClient;
  manager: StepUpManager;
  state: SessionState;
  getSession: () => SessionInfo;
  emit: (event: MfaEvent) => void;
  /** Hands an upgraded access token to the app (`onAccessToken`). */
  acceptAccessToken: (token: string) => void;
}

/** Rethrows whatever `fn` throws as an MfaError, so every action rejects with one. */
function guarded<TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => Promise<TResult>,
): (...args: TArgs) => Promise<TResult> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw toMfaError(error);
    }
  };
}

export function createMfaActions(deps: MfaActionsDeps) {
  const { client, queryClient, manager, state, emit } = deps;
  const status = () => queryClient.ensureQueryData(statusQuery(client, deps.getSession()));
  const config = () => queryClient.ensureQueryData(configQuery(client, deps.getSession()));
  const refresh = () => queryClient.invalidateQueries({ queryKey: mfaKeys.sessions });

  async function upgrade(method: VerificationMethod, run: () => Promise<UpgradeResult>): Promise<void> {
    let result: UpgradeResult;
    try {
      result = await run();
    } catch (cause) {
      const error = toMfaError(cause);
      emit({ type: 'mfa.failed', method, code: error.code, scope: null });
      throw error;
    }
    deps.acceptAccessToken(result.accessToken);
    emit({ type: 'mfa.succeeded', method });
    await refresh();
  }

  async function finishEnrollment(method: 'totp' | 'passkey', result: EnrollmentResult): Promise<Device> {
    const codes = result.recoveryCodes;
    state.set({ totpEnrollment: null, ...(codes ? { recoveryCodes: codes } : {}) });
    if (result.accessToken !== undefined) deps.acceptAccessToken(result.accessToken);
    emit({ type: 'device.added', device: result.device });
    if (result.accessToken !== undefined) emit({ type: 'mfa.succeeded', method });
    if (codes) emit({ type: 'recoveryCodes.generated', count: codes.length, reason: 'first-factor' });
    await refresh();
    return result.device;
  }

  /** Adding a factor needs `credential:link` once the user has one (docs/protocol.md §5.4). */
  async function link<T>(fn: (elevatedToken: string | undefined) => Promise<T>): Promise<T> {
    const { devices } = await status();
    return manager.withElevation('credential:link', (token) => fn(token ?? undefined), devices.length > 0);
  }

  return {
    verifyTotp: guarded((code: string) => upgrade('totp', () => client.verifyTotp({ code }))),
    verifyPasskey: guarded(() => upgrade('passkey', () => client.verifyPasskey())),
    verifyRecoveryCode: guarded((code: string) =>
      upgrade('recovery_code', () => client.verifyRecoveryCode({ code })),
    ),

    startTotpEnrollment: guarded(async (name?: string): Promise<TotpEnrollment> => {
      const started = await link((elevatedToken) => client.enrollTotp({ name, elevatedToken }));
      const enrollment: TotpEnrollment = {
        deviceId: started.deviceId,
        secret: started.secret,
        uri: started.uri,
      };
      state.set({ totpEnrollment: enrollment });
      return enrollment;
    }),
    confirmTotpEnrollment: guarded(async (code: string): Promise<Device> => {
      const enrollment = state.get().totpEnrollment;
      if (!enrollment) {
        throw new MfaError(
          'invalid_input',
          'there is no TOTP enrolment to confirm: call startTotpEnrollment first',
        );
      }
      let result: EnrollmentResult;
      try {
        result = await client.verifyTotpEnrollment({ deviceId: enrollment.deviceId, code });
      } catch (error) {
        // A dead enrolment can't be confirmed by any code: let the UI go back to the start.
        if (isMfaError(error, 'expired') || isMfaError(error, 'not_found'))
          state.set({ totpEnrollment: null });
        throw error;
      }
      return finishEnrollment('totp', result);
    }),
    cancelTotpEnrollment: (): void => state.set({ totpEnrollment: null }),
    registerPasskey: guarded(async (name?: string): Promise<Device> => {
      const result = await link((elevatedToken) => client.registerPasskey({ name, elevatedToken }));
      return finishEnrollment('passkey', result);
    }),

    acknowledgeRecoveryCodes: guarded(async (): Promise<void> => {
      await client.acknowledgeRecoveryCodes();
      state.set({ recoveryCodes: null });
      await refresh();
    }),
    regenerateRecoveryCodes: guarded(async (): Promise<readonly string[]> => {
      const codes = await manager.runElevated('credential:link', (elevatedToken) =>
        client.regenerateRecoveryCodes({ elevatedToken }),
      );
      state.set({ recoveryCodes: codes });
      emit({ type: 'recoveryCodes.generated', count: codes.length, reason: 'regenerated' });
      await refresh();
      return codes;
    }),

    renameDevice: guarded(async (id: string, name: string): Promise<Device> => {
      const device = await client.renameDevice(id, name);
      await refresh();
      return device;
    }),
    removeDevice: guarded(async (id: string): Promise<void> => {
      // The server refuses to remove the last factor only after checking elevation; asking the user for a
      // code first and then refusing would waste their time (and a single-use token).
      const [{ devices }, policy] = await Promise.all([status(), config()]);
      if (policy.required && devices.length === 1 && devices[0]?.id === id) {
        throw new MfaError(
          'conflict',
          'the last factor cannot be removed while two-step verification is required',
        );
      }
      await manager.runElevated('credential:unlink', (elevatedToken) =>
        client.removeDevice(id, { elevatedToken }),
      );
      emit({ type: 'device.removed', deviceId: id });
      await refresh();
    }),

    /** For the step-up manager: proves `proof` for one scope. */
    verifyStepUp(scope: string, proof: StepUpProof): Promise<ElevationResult> {
      const requestedScopes = [scope];
      switch (proof.method) {
        case 'totp':
          return client.verifyTotp({ code: proof.code, requestedScopes });
        case 'passkey':
          return client.verifyPasskey({ requestedScopes });
        case 'recovery_code':
          return client.verifyRecoveryCode({ code: proof.code, requestedScopes });
        case 'wallet':
          return client.verifyWallet({ address: proof.address, signer: proof.signer, requestedScopes });
        default:
          return client.verifyReauthCode({
            method: proof.method,
            challengeId: proof.challengeId,
            code: proof.code,
            requestedScopes,
          });
      }
    },
    /** For the step-up manager: sends a re-authentication code for `scope`. */
    sendReauthCode(scope: string, method: ReauthCodeMethod): Promise<ReauthSendResponse> {
      return client.sendReauthCode({ method, requestedScopes: [scope] });
    },
    /**
     * For the step-up manager: the ways to step up for `scope` now (`POST /step-up/check`, which knows
     * the action's re-authentication policy); `mfa_required` while the sign-in is pending. Should the
     * check fail, the factors of `/status` are offered, as before re-authentication existed.
     */
    async stepUpMethods(scope: string): Promise<StepUpMethods> {
      const current = await status();
      if (current.requiresAdditionalAuth) {
        throw new MfaError('mfa_required', 'finish signing in (useMfa) before stepping up');
      }
      try {
        const { methods, reauthMethods } = await client.checkStepUp(scope);
        return { methods, reauthMethods };
      } catch {
        return { methods: current.methods, reauthMethods: [] };
      }
    },
    /** After a step-up: `lastUsedAt` and the recovery codes left have changed. */
    refresh,
  };
}

export type MfaActions = ReturnType<typeof createMfaActions>;
