'use client';
import type { Device, MfaError } from '@mfa-kit/client';
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useId } from 'react';
import { useMessages } from '../config.js';
import type { Messages, PartialMessages } from '../i18n/index.js';
import { createContext } from '../primitives/create-context.js';
import { cx } from '../primitives/cx.js';
import type { Lockout } from '../primitives/use-lockout.js';
import { usePasskeyPromptFlow } from './use-passkey-prompt-flow.js';

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

export interface PasskeyPromptRootProps extends ComponentPropsWithoutRef<'div'> {
  mode: PasskeyPromptMode;
  /** `register`: called with the new passkey once the server accepted it. */
  onRegistered?: ((device: Device) => void) | undefined;
  /** `verify`: called once the passkey was accepted. */
  onVerified?: (() => void) | undefined;
  /**
   * `verify`: the check to run. Default `useMfa().verifyPasskey`, which completes a pending sign-in; a
   * step-up passes `prompt.submitPasskey`.
   */
  onVerify?: (() => Promise<unknown>) | undefined;
  /**
   * An error to show instead of the component's own, when the check's owner reports errors itself (a
   * step-up prompt's `error`). `null` shows none; leave it out to show the component's own.
   */
  error?: MfaError | null | undefined;
  /** Offers a way around passkeys ("Use your authenticator app instead") when they don't work here. */
  onUseAnotherMethod?: (() => void) | undefined;
  /** The passkey's name (controlled). */
  name?: string | undefined;
  defaultName?: string | undefined;
  onNameChange?: ((name: string) => void) | undefined;
  disabled?: boolean | undefined;
  messages?: PartialMessages | undefined;
  children?: ReactNode;
}

/**
 * Holds the ceremony's state (usePasskeyPromptFlow) and renders a `div` with `data-mode` and
 * `data-state` (`idle`, `pending`, `success`, `error`, `locked`, `unsupported`).
 */
export const PasskeyPromptRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, PasskeyPromptRootProps>(
  function PasskeyPromptRoot(props, ref) {
    const {
      mode,
      // The flow's options: read by usePasskeyPromptFlow, kept off the div.
      onRegistered,
      onVerified,
      onVerify,
      error,
      name,
      defaultName,
      onNameChange,
      disabled,
      onUseAnotherMethod,
      messages: override,
      className,
      children,
      ...rest
    } = props;
    const flow = usePasskeyPromptFlow(props);
    return (
      <PasskeyPromptProvider
        {...flow}
        onUseAnotherMethod={onUseAnotherMethod}
        messages={useMessages(override)}
        id={useId()}
      >
        <div
          ref={ref}
          className={cx('mfa-root mfa-passkey', className)}
          data-mode={mode}
          data-state={flow.state}
          data-disabled={disabled ? '' : undefined}
          {...rest}
        >
          {children}
        </div>
      </PasskeyPromptProvider>
    );
  },
);
