/** Status, devices, recovery codes and the step-up check. */
import {
  BUILT_IN_SCOPES,
  type ConfigResponse,
  type Device,
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
import { refuse } from './refusals.js';

export async function getConfig(core: Core, { caller }: CallerOptions): Promise<ConfigResponse> {
  const { methods, required, sessionMfa, actions } = await core.policy(caller.userId);
  return { methods, required, sessionMfa, totpDigits: core.totpDigits, actions };
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
  if (!policy.actions[scope]) throw refuse('unknownAction', { field: 'scope', scope });
  const state = await core.store.getUserState(caller.userId);
  const builtIn = (BUILT_IN_SCOPES as readonly string[]).includes(scope);
  if (state.factors.length === 0) {
    // Enrolling a first factor needs no elevation; an app action can't be done until a factor exists,
    // and never falls back to a weaker check.
    return { required: !builtIn, methods: [] };
  }
  return { required: true, methods: verificationMethods(state) };
}
