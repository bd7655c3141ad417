/** Status, devices, recovery codes and the step-up check. */
import {
  BUILT_IN_SCOPES,
  type ConfigResponse,
  type Device,
  MfaError,
  type StatusResponse,
  type StepUpCheckResponse,
} from '@mfa-kit/client/protocol';
import { generateRecoveryCodes } from '../crypto.js';
import {
  type Caller,
  type Core,
  checkElevation,
  consumeOf,
  enrollmentRequired,
  refusePending,
  toDevice,
  tokenAlreadyUsed,
  verificationMethods,
} from './context.js';

export async function getConfig(core: Core, caller: Caller): Promise<ConfigResponse> {
  const { methods, required, sessionMfa, actions } = await core.policy(caller.userId);
  return { methods, required, sessionMfa, totpDigits: core.totpDigits, actions };
}

export async function getStatus(core: Core, caller: Caller): Promise<StatusResponse> {
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

export async function listDevices(core: Core, caller: Caller): Promise<Device[]> {
  refusePending(caller);
  return (await core.store.getUserState(caller.userId)).factors.map(toDevice);
}

export async function renameDevice(core: Core, caller: Caller, id: string, name: string): Promise<Device> {
  refusePending(caller);
  const factor = await core.store.renameFactor(caller.userId, id, name);
  if (!factor) throw new MfaError('not_found', 'no device with that id');
  return toDevice(factor);
}

export async function removeDevice(
  core: Core,
  caller: Caller,
  id: string,
  elevatedToken: string | undefined,
) {
  refusePending(caller);
  const factor = await core.store.getFactor(caller.userId, id);
  if (!factor) throw new MfaError('not_found', 'no device with that id');
  const claims = await checkElevation(core, caller, elevatedToken, 'credential:unlink');
  const policy = await core.policy(caller.userId);
  const result = await core.store.removeFactor({
    userId: caller.userId,
    factorId: id,
    keepOne: policy.required,
    consume: consumeOf(claims),
  });
  if (result === 'not_found') throw new MfaError('not_found', 'no device with that id');
  if (result === 'last_factor') {
    throw new MfaError(
      'conflict',
      'the last factor cannot be removed while two-factor authentication is required',
    );
  }
  if (result === 'token_used') throw tokenAlreadyUsed('credential:unlink');
  core.logger.info('mfa.factor.removed', { userId: caller.userId, method: factor.type, deviceId: id });
}

export async function regenerateRecoveryCodes(core: Core, caller: Caller, elevatedToken: string | undefined) {
  refusePending(caller);
  const state = await core.store.getUserState(caller.userId);
  if (state.factors.length === 0)
    throw new MfaError('conflict', 'add a factor before creating recovery codes');
  const claims = await checkElevation(core, caller, elevatedToken, 'credential:link');
  const codes = generateRecoveryCodes(core.random);
  const hashes = await Promise.all(codes.map((code) => core.keys.hashRecoveryCode(caller.userId, code)));
  const result = await core.store.replaceRecoveryCodes({
    userId: caller.userId,
    codeHashes: hashes,
    now: core.now(),
    consume: consumeOf(claims),
  });
  if (result === 'no_factor') throw new MfaError('conflict', 'add a factor before creating recovery codes');
  if (result === 'token_used') throw tokenAlreadyUsed('credential:link');
  core.logger.info('mfa.recovery_codes.generated', { userId: caller.userId });
  return codes;
}

export async function acknowledgeRecoveryCodes(core: Core, caller: Caller) {
  refusePending(caller);
  await core.store.acknowledgeRecoveryCodes(caller.userId, core.now());
}

export async function checkStepUp(core: Core, caller: Caller, scope: string): Promise<StepUpCheckResponse> {
  refusePending(caller);
  const policy = await core.policy(caller.userId);
  if (!policy.actions[scope]) {
    throw new MfaError('invalid_request', `scope: ${JSON.stringify(scope)} is not a configured action`);
  }
  const state = await core.store.getUserState(caller.userId);
  const builtIn = (BUILT_IN_SCOPES as readonly string[]).includes(scope);
  if (state.factors.length === 0) {
    // Enrolling a first factor needs no elevation; an app action can't be done until a factor exists,
    // and never falls back to a weaker check.
    return { required: !builtIn, methods: [] };
  }
  return { required: true, methods: verificationMethods(state) };
}
