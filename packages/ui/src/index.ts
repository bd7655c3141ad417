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
export {
  PasskeyPrompt,
  PasskeyPromptAction,
  type PasskeyPromptActionProps,
  PasskeyPromptDescription,
  type PasskeyPromptDescriptionProps,
  PasskeyPromptFallback,
  type PasskeyPromptFallbackProps,
  type PasskeyPromptMode,
  PasskeyPromptName,
  type PasskeyPromptNameProps,
  type PasskeyPromptProps,
  PasskeyPromptRoot,
  type PasskeyPromptRootProps,
  type PasskeyPromptState,
  PasskeyPromptStatus,
  type PasskeyPromptStatusProps,
  PasskeyPromptTitle,
  type PasskeyPromptTitleProps,
  PasskeyPromptUnsupported,
  type PasskeyPromptUnsupportedProps,
} from './passkey-prompt.js';
export * from './recovery-codes/index.js';
export {
  StepUpDialog,
  StepUpDialogCancel,
  type StepUpDialogCancelProps,
  type StepUpDialogCodeProps,
  StepUpDialogContent,
  type StepUpDialogContentProps,
  StepUpDialogDescription,
  type StepUpDialogDescriptionProps,
  StepUpDialogMethodSwitch,
  type StepUpDialogMethodSwitchProps,
  StepUpDialogPasskey,
  type StepUpDialogPasskeyProps,
  type StepUpDialogProps,
  StepUpDialogRecoveryCode,
  StepUpDialogRoot,
  type StepUpDialogRootProps,
  StepUpDialogStatus,
  type StepUpDialogStatusProps,
  StepUpDialogSubmit,
  type StepUpDialogSubmitProps,
  StepUpDialogTitle,
  type StepUpDialogTitleProps,
  StepUpDialogTotp,
} from './step-up-dialog.js';
export * from './totp-setup/index.js';
