'use client';
import { forwardRef } from 'react';
import {
  PasskeyPromptAction,
  PasskeyPromptDescription,
  PasskeyPromptFallback,
  PasskeyPromptName,
  PasskeyPromptStatus,
  PasskeyPromptTitle,
  PasskeyPromptUnsupported,
} from './parts.js';
import { PasskeyPromptRoot, type PasskeyPromptRootProps } from './root.js';

export interface PasskeyPromptProps extends Omit<PasskeyPromptRootProps, 'children'> {
  /** Leave out the title, where what is around already names it (MfaGate's tabs). Defaults to false. */
  hideTitle?: boolean | undefined;
}

/**
 * The ready composition: title, description, unsupported notice, name field (register), action,
 * fallback, status.
 *
 * @example
 * <PasskeyPrompt mode="register" onRegistered={(device) => router.push(`/settings#${device.id}`)} />
 * <PasskeyPrompt mode="verify" onUseAnotherMethod={() => setMethod('totp')} />
 */
const PasskeyPromptComposed = /* @__PURE__ */ forwardRef<HTMLDivElement, PasskeyPromptProps>(
  function PasskeyPrompt({ hideTitle, ...props }, ref) {
    return (
      <PasskeyPromptRoot ref={ref} {...props}>
        {hideTitle ? null : <PasskeyPromptTitle />}
        <PasskeyPromptDescription />
        <PasskeyPromptUnsupported />
        <PasskeyPromptName />
        <div className="mfa-row">
          <PasskeyPromptAction />
          <PasskeyPromptFallback />
        </div>
        <PasskeyPromptStatus />
      </PasskeyPromptRoot>
    );
  },
);

/**
 * The ready composition, with its parts as `PasskeyPrompt.Root`, `.Title`, `.Description`,
 * `.Unsupported`, `.Name`, `.Action`, `.Status`, `.Fallback`.
 */
export const PasskeyPrompt = /* @__PURE__ */ Object.assign(PasskeyPromptComposed, {
  Root: PasskeyPromptRoot,
  Title: PasskeyPromptTitle,
  Description: PasskeyPromptDescription,
  Unsupported: PasskeyPromptUnsupported,
  Name: PasskeyPromptName,
  Action: PasskeyPromptAction,
  Status: PasskeyPromptStatus,
  Fallback: PasskeyPromptFallback,
});
