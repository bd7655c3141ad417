'use client';
/**
 * PasskeyPrompt's parts. Every part is marked pure (`@__PURE__`): MfaChallenge and StepUpDialog use only
 * the verify parts, and the sign-in bundle then drops the registration parts (name field, title,
 * fallback, the composition).
 */
import type { MfaError } from '@mfa-kit/client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { deviceDisplayName } from '../device-name.js';
import type { Messages } from '../i18n/index.js';
import { Alert } from '../primitives/alert.js';
import { Button, type ButtonProps } from '../primitives/button.js';
import { composeEventHandlers } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { ErrorMessage } from '../primitives/error-message.js';
import { errorText } from '../primitives/error-text.js';
import { CheckIcon, PasskeyIcon, WarningIcon } from '../primitives/icons.js';
import {
  type PasskeyPromptMode,
  PasskeyPromptRoot,
  type PasskeyPromptRootProps,
  usePasskeyPrompt,
} from './root.js';

/** Longest device name the protocol accepts. */
const NAME_MAX = 64;

/** What the user reads for a passkey failure: the way forward, specific to passkeys where it can be. */
function passkeyErrorText(messages: Messages, mode: PasskeyPromptMode, error: MfaError): string | null {
  switch (error.code) {
    case 'passkey_cancelled':
      return messages.passkey.cancelled;
    case 'passkey_already_registered':
      return messages.passkey.alreadyRegistered;
    case 'conflict':
      // At registration the server's 409 means the credential is already registered (protocol §5.5).
      return mode === 'register' ? messages.passkey.alreadyRegistered : errorText(messages, error);
    case 'passkey_failed':
      return messages.passkey.failed;
    case 'passkey_not_supported':
      return messages.passkey[mode].unsupported;
    default:
      return errorText(messages, error);
  }
}

export type PasskeyPromptTitleProps = ComponentPropsWithoutRef<'h2'>;

/** The heading ("Add a passkey", "Use your passkey"), with the passkey icon. */
export const PasskeyPromptTitle = /* @__PURE__ */ forwardRef<HTMLHeadingElement, PasskeyPromptTitleProps>(
  function PasskeyPromptTitle({ className, children, ...rest }, ref) {
    const { mode, messages, id } = usePasskeyPrompt('Title');
    return (
      <h2 ref={ref} id={`${id}-title`} className={cx('mfa-title mfa-passkey-title', className)} {...rest}>
        <PasskeyIcon className="mfa-passkey-icon" />
        <span>{children ?? messages.passkey[mode].title}</span>
      </h2>
    );
  },
);

export type PasskeyPromptDescriptionProps = ComponentPropsWithoutRef<'p'>;

/** What a passkey is, in one sentence. */
export const PasskeyPromptDescription = /* @__PURE__ */ forwardRef<
  HTMLParagraphElement,
  PasskeyPromptDescriptionProps
>(function PasskeyPromptDescription({ className, children, ...rest }, ref) {
  const { mode, messages, id } = usePasskeyPrompt('Description');
  return (
    <p ref={ref} id={`${id}-description`} className={cx('mfa-description', className)} {...rest}>
      {children ?? messages.passkey[mode].description}
    </p>
  );
});

export type PasskeyPromptNameProps = Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'defaultValue'>;

/** `register`: the optional name field, with its label and hint. Hidden once the passkey is added. */
export const PasskeyPromptName = /* @__PURE__ */ forwardRef<HTMLInputElement, PasskeyPromptNameProps>(
  function PasskeyPromptName({ className, onChange, onKeyDown, ...rest }, ref) {
    const context = usePasskeyPrompt('Name');
    const { messages, state } = context;
    const nameId = `${context.id}-name`;
    const hintId = `${nameId}-hint`;
    if (context.mode !== 'register' || state === 'success' || state === 'unsupported') return null;
    return (
      <div className="mfa-passkey-name">
        <label htmlFor={nameId} className="mfa-label">
          {messages.passkey.register.nameLabel}
        </label>
        <input
          ref={ref}
          id={nameId}
          type="text"
          className={cx('mfa-input', className)}
          autoComplete="off"
          maxLength={NAME_MAX}
          value={context.name}
          disabled={context.disabled}
          readOnly={state === 'pending' || state === 'locked'}
          aria-describedby={hintId}
          {...rest}
          onChange={(event) => {
            context.setName(event.target.value);
            onChange?.(event);
          }}
          onKeyDown={composeEventHandlers(onKeyDown, (event) => {
            // Enter creates the passkey, as it would submit a form (the component renders no form so it
            // can sit inside the app's own).
            if (event.key === 'Enter') {
              event.preventDefault();
              context.start();
            }
          })}
        />
        <p id={hintId} className="mfa-hint">
          {messages.passkey.register.nameHint}
        </p>
      </div>
    );
  },
);

export type PasskeyPromptActionProps = Omit<ButtonProps, 'loading'>;

/**
 * The button that opens the browser's passkey prompt; says "Try again" after a failure, shows progress
 * while the prompt is open, and is unavailable during a lockout. Hidden when passkeys can't work here.
 */
export const PasskeyPromptAction = /* @__PURE__ */ forwardRef<HTMLButtonElement, PasskeyPromptActionProps>(
  function PasskeyPromptAction({ className, children, onClick, ...rest }, ref) {
    const { mode, state, messages, error, lockout, id, start, disabled } = usePasskeyPrompt('Action');
    if (state === 'unsupported' || state === 'success') return null;
    const retry = error !== null && !lockout.locked;
    const blocked = state === 'locked';
    return (
      <Button
        ref={ref}
        className={cx('mfa-passkey-action', className)}
        loading={state === 'pending'}
        disabled={disabled}
        aria-disabled={blocked || disabled || state === 'pending' || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...rest}
        onClick={composeEventHandlers(onClick, () => {
          // Not `disabled` during a lockout, so a focused button keeps focus; the click does nothing.
          if (!blocked) start();
        })}
      >
        <PasskeyIcon className="mfa-passkey-action-icon" />
        {children ?? (retry ? messages.passkey.retry : messages.passkey[mode].action)}
      </Button>
    );
  },
);

export type PasskeyPromptUnsupportedProps = ComponentPropsWithoutRef<'p'>;

/** Says up front that this browser can't use passkeys. Renders only then. */
export const PasskeyPromptUnsupported = /* @__PURE__ */ forwardRef<
  HTMLParagraphElement,
  PasskeyPromptUnsupportedProps
>(function PasskeyPromptUnsupported({ className, children, ...rest }, ref) {
  const { mode, state, messages } = usePasskeyPrompt('Unsupported');
  if (state !== 'unsupported') return null;
  return (
    <p ref={ref} className={cx('mfa-passkey-unsupported', className)} {...rest}>
      <WarningIcon className="mfa-passkey-unsupported-icon" />
      <span>{children ?? messages.passkey[mode].unsupported}</span>
    </p>
  );
});

export type PasskeyPromptStatusProps = ComponentPropsWithoutRef<'div'>;

/** Live regions: progress and success are announced politely, errors assertively; a lockout counts down. */
export const PasskeyPromptStatus = /* @__PURE__ */ forwardRef<HTMLDivElement, PasskeyPromptStatusProps>(
  function PasskeyPromptStatus({ className, ...rest }, ref) {
    const { mode, state, messages, error, lockout, device, id } = usePasskeyPrompt('Status');
    const polite =
      state === 'pending'
        ? messages.passkey[mode].pending
        : state === 'success'
          ? mode === 'register' && device
            ? messages.passkey.register.success(deviceDisplayName(device, { messages }))
            : messages.passkey.verify.success
          : null;
    return (
      <div ref={ref} className={cx('mfa-passkey-status', className)} {...rest}>
        <Alert tone={state === 'success' ? 'success' : 'info'}>
          {polite ? (
            <>
              {state === 'success' ? <CheckIcon /> : null}
              {polite}
            </>
          ) : null}
        </Alert>
        {error && state !== 'pending' ? (
          <Alert tone="error" id={`${id}-error`}>
            <ErrorMessage
              error={error}
              lockout={lockout}
              messages={messages}
              text={passkeyErrorText(messages, mode, error)}
            />
          </Alert>
        ) : null}
      </div>
    );
  },
);

export type PasskeyPromptFallbackProps = Omit<ButtonProps, 'onClick'>;

/**
 * "Use your authenticator app instead": shown when passkeys can't work here or just failed, if the
 * Root has `onUseAnotherMethod`.
 */
export const PasskeyPromptFallback = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  PasskeyPromptFallbackProps
>(function PasskeyPromptFallback({ className, children, ...rest }, ref) {
  const { state, error, messages, onUseAnotherMethod } = usePasskeyPrompt('Fallback');
  const stuck =
    state === 'unsupported' ||
    (state === 'error' &&
      (error?.code === 'passkey_failed' ||
        error?.code === 'passkey_cancelled' ||
        error?.code === 'passkey_not_supported'));
  if (!onUseAnotherMethod || !stuck) return null;
  return (
    <Button
      ref={ref}
      variant="ghost"
      className={cx('mfa-passkey-fallback', className)}
      onClick={onUseAnotherMethod}
      {...rest}
    >
      {children ?? messages.passkey.fallback}
    </Button>
  );
});

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
