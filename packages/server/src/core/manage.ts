/** Status, devices, recovery codes and the step-up check. */
import {
  BUILT_IN_SCOPES,
  type ConfigResponse,
  type Device,
  type ReauthPolicy,
  type StatusResponse,
  type StepUpCheckResponse,
} from '@mfa-kit/client/protocol';
import { generateRecoveryCodes } from '../crypto.js';
import {
  type CallerOptions,
  type Core,
  checkElevation,
  consumeOf,
  enrollmentRequired,
  refusePending,
  toDevice,
  verificationMethods,
} from './context.js';
import { availableReauth, serverReauthMethods } from './reauth.js';
import { refuse } from './refusals.js';

/**
 * The policy as it applies on this server: re-authentication methods only where the server can use
 * them (contacts known, a sender for codes). Whether this user has the contacts is for /status and
 * /step-up/check.
 */
export async function getConfig(core: Core, { caller }: CallerOptions): Promise<ConfigResponse> {
  const { methods, required, sessionMfa, actions, reauth } = await core.policy(caller.userId);
  const offered = (policy: ReauthPolicy): ReauthPolicy => ({
    ...policy,
    methods: serverReauthMethods(core, policy),
  });
  return {
    methods,
    required,
    sessionMfa,
    totpDigits: core.totpDigits,
    reauth: offered(reauth),
    actions: Object.fromEntries(
      Object.entries(actions).map(([scope, action]) => [
        scope,
        { ...action, reauth: offered(action.reauth) },
      ]),
    ),
  };
}

export async function getStatus(core: Core, { caller }: CallerOptions): Promise<StatusResponse> {
  const [policy, state] = await Promise.all([
    core.policy(caller.userId),
    core.store.getUserState(caller.userId),
  ]);
  return {
    requiresAdditionalAuth: caller.pending,
    enrollmentRequired: enrollmentRequired(state, policy),
    methods: verificationMethods(state),
    reauthMethods: caller.pending
      ? []
      : await availableReauth(core, { userId: caller.userId, policy: policy.reauth, state }),
    devices: state.factors.map(toDevice),
    recoveryCodes: { remaining: state.recoveryRemaining, pendingAcknowledgement: state.recoveryPendingAck },
  };
}

export async function listDevices(core: Core, { caller }: CallerOptions): Promise<Device[]> {
  refusePending(caller);
  return (await core.store.getUserState(caller.userId)).factors.map(toDevice);
}

export interface RenameDeviceOptions extends CallerOptions {
  /** The device (factor) to rename. */
  deviceId: string;
  /** Its new name. */
  name: string;
}

export async function renameDevice(
  core: Core,
  { caller, deviceId, name }: RenameDeviceOptions,
): Promise<Device> {
  refusePending(caller);
  const factor = await core.store.renameFactor(caller.userId, deviceId, name);
  if (!factor) throw refuse('deviceNotFound');
  return toDevice(factor);
}

export interface RemoveDeviceOptions extends CallerOptions {
  /** The device (factor) to remove. */
  deviceId: string;
  /** The request's elevated token; `credential:unlink` is needed. */
  elevatedToken: string | undefined;
}

export async function removeDevice(core: Core, { caller, deviceId, elevatedToken }: RemoveDeviceOptions) {
  refusePending(caller);
  const factor = await core.store.getFactor(caller.userId, deviceId);
  if (!factor) throw refuse('deviceNotFound');
  const claims = await checkElevation(core, { caller, token: elevatedToken, scope: 'credential:unlink' });
  const policy = await core.policy(caller.userId);
  const result = await core.store.removeFactor({
    userId: caller.userId,
    factorId: deviceId,
    keepOne: policy.required,
    consume: consumeOf(claims),
  });
  if (result === 'not_found') throw refuse('deviceNotFound');
  if (result === 'last_factor') throw refuse('lastFactor');
  if (result === 'token_used') throw refuse('elevationUsed', { scopes: ['credential:unlink'] });
  core.logger.info('mfa.factor.removed', { userId: caller.userId, method: factor.type, deviceId });
}

export interface RegenerateRecoveryCodesOptions extends CallerOptions {
  /** The request's elevated token; `credential:link` is needed. */
  elevatedToken: string | undefined;
}

export async function regenerateRecoveryCodes(
  core: Core,
  { caller, elevatedToken }: RegenerateRecoveryCodesOptions,
) {
  refusePending(caller);
  const state = await core.store.getUserState(caller.userId);
  if (state.factors.length === 0) throw refuse('noFactorForRecoveryCodes');
  const claims = await checkElevation(core, { caller, token: elevatedToken, scope: 'credential:link' });
  const codes = generateRecoveryCodes(core.random);
  const hashes = await Promise.all(codes.map((code) => core.keys.hashRecoveryCode(caller.userId, code)));
  const result = await core.store.replaceRecoveryCodes({
    userId: caller.userId,
    codeHashes: hashes,
    now: core.now(),
    consume: consumeOf(claims),
  });
  if (result === 'no_factor') throw refuse('noFactorForRecoveryCodes');
  if (result === 'token_used') throw refuse('elevationUsed', { scopes: ['credential:link'] });
  core.logger.info('mfa.recovery_codes.generated', { userId: caller.userId });
  return codes;
}

export async function acknowledgeRecoveryCodes(core: Core, { caller }: CallerOptions) {
  refusePending(caller);
  await core.store.acknowledgeRecoveryCodes(caller.userId, core.now());
}

export interface CheckStepUpOptions extends CallerOptions {
  /** The action (scope) the app is about to ask elevation for. */
  scope: string;
}

export async function checkStepUp(
  core: Core,
  { caller, scope }: CheckStepUpOptions,
): Promise<StepUpCheckResponse> {
  refusePending(caller);
  const policy = await core.policy(caller.userId);
  const action = policy.actions[scope];
  if (!action) throw refuse('unknownAction', { field: 'scope', scope });
  const state = await core.store.getUserState(caller.userId);
  const builtIn = (BUILT_IN_SCOPES as readonly string[]).includes(scope);
  // Enrolling a first factor needs no elevation (nor does removing a factor the user does not have).
  if (state.factors.length === 0 && builtIn) return { required: false, methods: [], reauthMethods: [] };
  const reauthMethods = await availableReauth(core, {
    userId: caller.userId,
    policy: action.reauth,
    state,
  });
  // An app action always needs a proof: by a factor, or by re-authentication where the user has no
  // factor (or the policy allows it beside one). With neither, it cannot be done until a factor exists.
  return { required: true, methods: verificationMethods(state), reauthMethods };
}
