import type { Device, MfaError } from '@mfa-kit/client';
import type { Messages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';
import type { Lockout } from '../primitives/use-lockout.js';

export type PasskeyPromptMode = 'register' | 'verify';
/** `data-state` of PasskeyPrompt.Root. */
export type PasskeyPromptState = 'idle' | 'pending' | 'success' | 'error' | 'locked' | 'unsupported';

export interface PasskeyPromptContextValue {
  mode: PasskeyPromptMode;
  state: PasskeyPromptState;
  /** The error shown now (the component's own, or the one passed in). */
  error: MfaError | null;
  lockout: Lockout;
  disabled: boolean;
  name: string;
  setName(name: string): void;
  start(): void;
  device: Device | null;
  onUseAnotherMethod: (() => void) | undefined;
  messages: Messages;
  /** Each part's id is this and a suffix (`-title`, `-name`, `-error`…). */
  id: string;
}

export const [PasskeyPromptProvider, usePasskeyPrompt] =
  /* @__PURE__ */ createContext<PasskeyPromptContextValue>('PasskeyPrompt');
