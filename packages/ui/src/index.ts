'use client';
/**
 * @mfa-kit/ui: drop-in MFA components on @mfa-kit/react, Radix and qrcode.react. Import the stylesheet
 * once: `import '@mfa-kit/ui/styles.css'`.
 */
export {
  CodeInput,
  CodeInputError,
  type CodeInputErrorProps,
  CodeInputField,
  type CodeInputFieldProps,
  CodeInputHint,
  type CodeInputHintProps,
  CodeInputLabel,
  type CodeInputLabelProps,
  type CodeInputMode,
  type CodeInputProps,
  CodeInputRoot,
  type CodeInputRootProps,
  CodeInputSlots,
  type CodeInputSlotsProps,
  sanitizeCode,
} from './code-input.js';
export { MfaUiProvider, type MfaUiProviderProps, useMessages } from './config.js';
export * from './device-list/index.js';
export { type DeviceDisplayNameOptions, deviceDisplayName } from './device-name.js';
export * from './i18n/index.js';
export {
  MfaChallenge,
  type MfaChallengeCodeProps,
  MfaChallengeDescription,
  type MfaChallengeDescriptionProps,
  MfaChallengeMethodSwitch,
  type MfaChallengeMethodSwitchProps,
  MfaChallengePasskey,
  type MfaChallengePasskeyProps,
  type MfaChallengeProps,
  MfaChallengeRecoveryCode,
  MfaChallengeRoot,
  type MfaChallengeRootProps,
  type MfaChallengeState,
  MfaChallengeStatus,
  type MfaChallengeStatusProps,
  MfaChallengeTitle,
  type MfaChallengeTitleProps,
  MfaChallengeTotp,
} from './mfa-challenge.js';
export { gateView, MfaGate, type MfaGateProps, type MfaGateView } from './mfa-gate.js';
export * from './passkey-prompt/index.js';
export * from './recovery-codes/index.js';
export * from './step-up-dialog/index.js';
export * from './totp-setup/index.js';
