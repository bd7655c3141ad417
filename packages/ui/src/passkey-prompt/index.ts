/**
 * PasskeyPrompt: create a passkey (`mode="register"`, with an optional name) or prove one
 * (`mode="verify"`). Browsers without WebAuthn are told so up front, and every failure says what happened
 * and what to do next: try again after a closed prompt, another method when passkeys don't work here.
 */

import {
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
import type { PasskeyPromptMode, PasskeyPromptState } from './root.js';
import { PasskeyPromptRoot, type PasskeyPromptRootProps } from './root.js';

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
};
