'use client';

/**
 * `@mfa-kit/react`: headless MFA and step-up for React, on @mfa-kit/client and @tanstack/react-query.
 */
export type { MfaEvent, MfaEventType } from './events.js';
export { MfaProvider, type MfaProviderProps } from './provider.js';
export type { TotpEnrollment } from './session-state.js';
export type { ReauthCodeMethod, SentCode } from './step-up-manager.js';
export { type UseDevicesResult, useDevices } from './use-devices.js';
export { type MfaStatus, type RecoveryCodes, type UseMfaResult, useMfa } from './use-mfa.js';
export { type UseStepUpOptions, type UseStepUpResult, useStepUp } from './use-step-up.js';
export { type StepUpPrompt, useStepUpPrompt } from './use-step-up-prompt.js';
