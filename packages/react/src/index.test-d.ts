import type {
  Device,
  MfaClient,
  MfaError,
  MfaErrorCode,
  MfaMethod,
  ReauthMethod,
  VerificationMethod,
} from '@mfa-kit/client';
import {
  type MfaEvent,
  type MfaEventType,
  MfaProvider,
  type MfaProviderProps,
  type MfaStatus,
  type StepUpPrompt,
  type TotpEnrollment,
  type UseDevicesResult,
  type UseMfaResult,
  type UseStepUpOptions,
  type UseStepUpResult,
  useDevices,
  useMfa,
  useStepUp,
  useStepUpPrompt,
} from '@mfa-kit/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { describe, expectTypeOf, it } from 'vitest';

declare const client: MfaClient;
declare const mfa: UseMfaResult;
declare const stepUp: UseStepUpResult;

describe('MfaProvider', () => {
  it('needs a client; everything else is optional', () => {
    expectTypeOf(MfaProvider).parameter(0).toEqualTypeOf<MfaProviderProps>();
    expectTypeOf<MfaProviderProps['client']>().toEqualTypeOf<MfaClient>();
    expectTypeOf<{ client: MfaClient }>().toExtend<MfaProviderProps>();
    expectTypeOf<{ accessToken: string }>().not.toExtend<MfaProviderProps>();
    expectTypeOf(MfaProvider).returns.toEqualTypeOf<ReactElement>();
  });

  it('takes the app token as string, null (signed out) or undefined (unknown)', () => {
    expectTypeOf<MfaProviderProps['accessToken']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<MfaProviderProps['onAccessToken']>().toEqualTypeOf<
      ((accessToken: string) => void) | undefined
    >();
    expectTypeOf<MfaProviderProps['onEvent']>().toEqualTypeOf<((event: MfaEvent) => void) | undefined>();
    expectTypeOf<MfaProviderProps['queryClient']>().toEqualTypeOf<QueryClient | undefined>();
  });

  it('accepts props written out with exactOptionalPropertyTypes', () => {
    const props: MfaProviderProps = { client, accessToken: undefined, onEvent: undefined };
    expectTypeOf(props).toExtend<MfaProviderProps>();
  });
});

describe('useMfa', () => {
  it('returns UseMfaResult', () => {
    expectTypeOf(useMfa).parameters.toEqualTypeOf<[]>();
    expectTypeOf(useMfa).returns.toEqualTypeOf<UseMfaResult>();
  });

  it('has a closed status union, so a switch over it can be exhaustive', () => {
    expectTypeOf<MfaStatus>().toEqualTypeOf<
      'loading' | 'signed-out' | 'error' | 'not-required' | 'enrollment-required' | 'required' | 'satisfied'
    >();
    expectTypeOf(mfa.status).toEqualTypeOf<MfaStatus>();
  });

  it('types methods, actions and errors', () => {
    expectTypeOf(mfa.methods).toEqualTypeOf<readonly VerificationMethod[]>();
    expectTypeOf(mfa.enrollableMethods).toEqualTypeOf<readonly MfaMethod[]>();
    expectTypeOf(mfa.verifyTotp).toEqualTypeOf<(code: string) => Promise<void>>();
    expectTypeOf(mfa.verifyPasskey).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(mfa.verifyRecoveryCode).toEqualTypeOf<(code: string) => Promise<void>>();
    expectTypeOf(mfa.startTotpEnrollment).toEqualTypeOf<(name?: string) => Promise<TotpEnrollment>>();
    expectTypeOf(mfa.confirmTotpEnrollment).toEqualTypeOf<(code: string) => Promise<Device>>();
    expectTypeOf(mfa.registerPasskey).toEqualTypeOf<(name?: string) => Promise<Device>>();
    expectTypeOf(mfa.totpEnrollment).toEqualTypeOf<TotpEnrollment | null>();
    expectTypeOf<TotpEnrollment>().toEqualTypeOf<
      Readonly<{ deviceId: string; secret: string; uri: string }>
    >();
    expectTypeOf(mfa.error).toEqualTypeOf<MfaError | null>();
    expectTypeOf(mfa.isPending).toEqualTypeOf<boolean>();
  });

  it('groups recovery codes', () => {
    expectTypeOf(mfa.recoveryCodes.codes).toEqualTypeOf<readonly string[] | null>();
    expectTypeOf(mfa.recoveryCodes.pendingAcknowledgement).toEqualTypeOf<boolean>();
    expectTypeOf(mfa.recoveryCodes.acknowledge).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(mfa.recoveryCodes.regenerate).toEqualTypeOf<() => Promise<readonly string[]>>();
  });

  it('does not let a caller write over fresh recovery codes', () => {
    // @ts-expect-error codes are read-only
    mfa.recoveryCodes.codes?.push('xxxxx-xxxxx');
  });
});

describe('useStepUp', () => {
  it('takes one options object with a scope', () => {
    expectTypeOf(useStepUp).parameters.toEqualTypeOf<[UseStepUpOptions]>();
    expectTypeOf<UseStepUpOptions>().toEqualTypeOf<{ scope: string }>();
    expectTypeOf(useStepUp).returns.toEqualTypeOf<UseStepUpResult>();
    // @ts-expect-error the scope is required
    useStepUp({});
    // @ts-expect-error one options object, not a bare string
    useStepUp('wallet:export');
  });

  it('hands out tokens as strings', () => {
    expectTypeOf(stepUp.isRequired).toEqualTypeOf<boolean>();
    expectTypeOf(stepUp.token).toEqualTypeOf<string | null>();
    expectTypeOf(stepUp.ensure).toEqualTypeOf<() => Promise<string>>();
  });

  it('infers what withElevation resolves to from the callback', () => {
    expectTypeOf(stepUp.withElevation(async () => 42)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(stepUp.withElevation(async (token) => ({ token }))).toEqualTypeOf<
      Promise<{ token: string | null }>
    >();
    // @ts-expect-error the callback must return a promise
    stepUp.withElevation(() => 42);
  });
});

describe('useStepUpPrompt', () => {
  it('returns the request to render, or null', () => {
    expectTypeOf(useStepUpPrompt).returns.toEqualTypeOf<StepUpPrompt | null>();
    expectTypeOf<StepUpPrompt['methods']>().toEqualTypeOf<readonly VerificationMethod[]>();
    expectTypeOf<StepUpPrompt['submitTotp']>().toEqualTypeOf<(code: string) => Promise<void>>();
    expectTypeOf<StepUpPrompt['submitPasskey']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<StepUpPrompt['submitRecoveryCode']>().toEqualTypeOf<(code: string) => Promise<void>>();
    expectTypeOf<StepUpPrompt['cancel']>().toEqualTypeOf<() => void>();
    expectTypeOf<StepUpPrompt['error']>().toEqualTypeOf<MfaError | null>();
  });
});

describe('useDevices', () => {
  it('returns every factor and typed actions', () => {
    expectTypeOf(useDevices).returns.toEqualTypeOf<UseDevicesResult>();
    expectTypeOf<UseDevicesResult['devices']>().toEqualTypeOf<readonly Device[]>();
    expectTypeOf<UseDevicesResult['rename']>().toEqualTypeOf<(id: string, name: string) => Promise<Device>>();
    expectTypeOf<UseDevicesResult['remove']>().toEqualTypeOf<(id: string) => Promise<void>>();
    expectTypeOf<UseDevicesResult['error']>().toEqualTypeOf<MfaError | null>();
  });
});

describe('MfaEvent', () => {
  it('is a union discriminated by type', () => {
    expectTypeOf<MfaEventType>().toEqualTypeOf<
      | 'mfa.succeeded'
      | 'mfa.failed'
      | 'stepup.succeeded'
      | 'stepup.cancelled'
      | 'device.added'
      | 'device.removed'
      | 'recoveryCodes.generated'
    >();
    expectTypeOf<Extract<MfaEvent, { type: 'mfa.failed' }>>().toEqualTypeOf<{
      type: 'mfa.failed';
      method: VerificationMethod | ReauthMethod;
      code: MfaErrorCode;
      scope: string | null;
    }>();
  });

  it('never has a field for a code, a secret or a token', () => {
    type Fields = MfaEvent extends infer E ? (E extends unknown ? keyof E : never) : never;
    expectTypeOf<Fields>().toEqualTypeOf<
      'type' | 'method' | 'code' | 'scope' | 'device' | 'deviceId' | 'count' | 'reason'
    >();
    // `code` is only ever an error code.
    expectTypeOf<Extract<MfaEvent, { code: unknown }>['code']>().toEqualTypeOf<MfaErrorCode>();
  });
});
