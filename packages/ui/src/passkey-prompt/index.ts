/**
 * PasskeyPrompt: create a passkey (`mode="register"`, with an optional name) or prove one
 * (`mode="verify"`). Browsers without WebAuthn are told so up front, and every failure says what happened
 * and what to do next: try again after a closed prompt, another method when passkeys don't work here.
 */

export {
  PasskeyPrompt,
  PasskeyPromptAction,
  type PasskeyPromptActionProps,
  PasskeyPromptDescription,
  type PasskeyPromptDescriptionProps,
  PasskeyPromptFallback,
  type PasskeyPromptFallbackProps,
  PasskeyPromptName,
  type PasskeyPromptNameProps,
  type PasskeyPromptProps,
  PasskeyPromptStatus,
  type PasskeyPromptStatusProps,
  PasskeyPromptTitle,
  type PasskeyPromptTitleProps,
  PasskeyPromptUnsupported,
  type PasskeyPromptUnsupportedProps,
} from './parts.js';
export {
  type PasskeyPromptMode,
  PasskeyPromptRoot,
  type PasskeyPromptRootProps,
  type PasskeyPromptState,
} from './root.js';
