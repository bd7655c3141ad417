'use client';
/**
 * PasskeyPrompt: create a passkey (`mode="register"`, with an optional name) or prove one
 * (`mode="verify"`). Browsers without WebAuthn are told so up front, and every failure says what happened
 * and what to do next: try again after a closed prompt, another method when passkeys don't work here.
 *
 * Every part is marked pure (`@__PURE__`): MfaChallenge and StepUpDialog use only the verify parts, and
 * the sign-in bundle then drops the registration parts (name field, title, fallback, the composition).
 */
import { type Device, isMfaError, MfaError } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type ReactNode,
  useContext,
  useId,
  useState,
} from 'react';
import { useMessages } from './config.js';
import { deviceDisplayName } from './device-name.js';
import type { Messages, PartialMessages } from './i18n/index.js';
import { Alert } from './primitives/alert.js';
import { Button, type ButtonProps } from './primitives/button.js';
import { cx } from './primitives/cx.js';
import { ErrorMessage } from './primitives/error-message.js';
import { errorText } from './primitives/error-text.js';
import { CheckIcon, PasskeyIcon, WarningIcon } from './primitives/icons.js';
import { type Lockout, useLockout } from './primitives/use-lockout.js';
import { useWebAuthnSupported } from './primitives/use-webauthn-supported.js';

export type PasskeyPromptMode = 'register' | 'verify';
/** `data-state` of PasskeyPrompt.Root. */
export type PasskeyPromptState = 'idle' | 'pending' | 'success' | 'error' | 'locked' | 'unsupported';

/** Longest device name the protocol accepts. */
const NAME_MAX = 64;

interface PasskeyPromptContextValue {
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
  ids: { title: string; description: string; name: string; nameHint: string; error: string };
}

const PasskeyPromptContext = createContext<PasskeyPromptContextValue | null>(null);

function usePasskeyPrompt(part: string): PasskeyPromptContextValue {
  const context = useContext(PasskeyPromptContext);
  if (!context) throw new Error(`<PasskeyPrompt.${part}> must be inside <PasskeyPrompt.Root>`);
  return context;
}

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

const asMfaError = (error: unknown): MfaError =>
  isMfaError(error) ? error : new MfaError('internal_error', 'the passkey check failed', { cause: error });

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
 * Holds the ceremony's state and renders a `div` with `data-mode` and `data-state` (`idle`, `pending`,
 * `success`, `error`, `locked`, `unsupported`).
 */
export const PasskeyPromptRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, PasskeyPromptRootProps>(
  function PasskeyPromptRoot(
    {
      mode,
      onRegistered,
      onVerified,
      onVerify,
      error: controlledError,
      onUseAnotherMethod,
      name: controlledName,
      defaultName = '',
      onNameChange,
      disabled = false,
      messages: override,
      className,
      children,
      ...rest
    },
    ref,
  ) {
    const messages = useMessages(override);
    const { registerPasskey, verifyPasskey } = useMfa();
    const supported = useWebAuthnSupported();
    const [ownError, setOwnError] = useState<MfaError | null>(null);
    const [busy, setBusy] = useState(false);
    const [device, setDevice] = useState<Device | null>(null);
    const [verified, setVerified] = useState(false);
    const [uncontrolledName, setUncontrolledName] = useState(defaultName);
    const name = controlledName ?? uncontrolledName;
    const error = controlledError === undefined ? ownError : controlledError;
    const lockout = useLockout(error);
    const base = useId();

    const start = () => {
      if (busy || lockout.locked || disabled) return;
      setOwnError(null);
      setBusy(true);
      const running =
        mode === 'register'
          ? registerPasskey(name.trim() || undefined).then((added) => {
              setDevice(added);
              onRegistered?.(added);
            })
          : (onVerify ?? verifyPasskey)().then(() => {
              setVerified(true);
              onVerified?.();
            });
      running
        .catch((cause: unknown) => {
          const failure = asMfaError(cause);
          // Closing the step-up dialog that registration asked for is the user's choice, not a failure.
          if (failure.code !== 'stepup_cancelled') setOwnError(failure);
        })
        .finally(() => setBusy(false));
    };

    const state: PasskeyPromptState = !supported
      ? 'unsupported'
      : busy
        ? 'pending'
        : device || verified
          ? 'success'
          : lockout.locked
            ? 'locked'
            : error && !lockout.ended
              ? 'error'
              : 'idle';

    const context: PasskeyPromptContextValue = {
      mode,
      state,
      error: lockout.ended ? null : error,
      lockout,
      disabled,
      name,
      setName(next) {
        if (controlledName === undefined) setUncontrolledName(next);
        onNameChange?.(next);
      },
      start,
      device,
      onUseAnotherMethod,
      messages,
      ids: {
        title: `${base}-title`,
        description: `${base}-description`,
        name: `${base}-name`,
        nameHint: `${base}-name-hint`,
        error: `${base}-error`,
      },
    };

    return (
      <PasskeyPromptContext.Provider value={context}>
        <div
          ref={ref}
          className={cx('mfa-root mfa-passkey', className)}
          data-mode={mode}
          data-state={state}
          data-disabled={disabled ? '' : undefined}
          {...rest}
        >
          {children}
        </div>
      </PasskeyPromptContext.Provider>
    );
  },
);

export type PasskeyPromptTitleProps = ComponentPropsWithoutRef<'h2'>;

/** The heading ("Add a passkey", "Use your passkey"), with the passkey icon. */
export const PasskeyPromptTitle = /* @__PURE__ */ forwardRef<HTMLHeadingElement, PasskeyPromptTitleProps>(
  function PasskeyPromptTitle({ className, children, ...rest }, ref) {
    const { mode, messages, ids } = usePasskeyPrompt('Title');
    return (
      <h2 ref={ref} id={ids.title} className={cx('mfa-title mfa-passkey-title', className)} {...rest}>
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
  const { mode, messages, ids } = usePasskeyPrompt('Description');
  return (
    <p ref={ref} id={ids.description} className={cx('mfa-description', className)} {...rest}>
      {children ?? messages.passkey[mode].description}
    </p>
  );
});

export type PasskeyPromptNameProps = Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'defaultValue'>;

/** `register`: the optional name field, with its label and hint. Hidden once the passkey is added. */
export const PasskeyPromptName = /* @__PURE__ */ forwardRef<HTMLInputElement, PasskeyPromptNameProps>(
  function PasskeyPromptName({ className, onChange, onKeyDown, ...rest }, ref) {
    const context = usePasskeyPrompt('Name');
    const { messages, ids, state } = context;
    if (context.mode !== 'register' || state === 'success' || state === 'unsupported') return null;
    return (
      <div className="mfa-passkey-name">
        <label htmlFor={ids.name} className="mfa-label">
          {messages.passkey.register.nameLabel}
        </label>
        <input
          ref={ref}
          id={ids.name}
          type="text"
          className={cx('mfa-input', className)}
          autoComplete="off"
          maxLength={NAME_MAX}
          value={context.name}
          disabled={context.disabled}
          readOnly={state === 'pending' || state === 'locked'}
          aria-describedby={ids.nameHint}
          {...rest}
          onChange={(event) => {
            context.setName(event.target.value);
            onChange?.(event);
          }}
          onKeyDown={(event) => {
            onKeyDown?.(event);
            // Enter creates the passkey, as it would submit a form (the component renders no form so it
            // can sit inside the app's own).
            if (event.key === 'Enter' && !event.defaultPrevented) {
              event.preventDefault();
              context.start();
            }
          }}
        />
        <p id={ids.nameHint} className="mfa-hint">
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
    const { mode, state, messages, error, lockout, ids, start, disabled } = usePasskeyPrompt('Action');
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
        aria-describedby={error ? ids.error : undefined}
        {...rest}
        onClick={(event) => {
          onClick?.(event);
          // Not `disabled` during a lockout, so a focused button keeps focus; the click does nothing.
          if (!event.defaultPrevented && !blocked) start();
        }}
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
    const { mode, state, messages, error, lockout, device, ids } = usePasskeyPrompt('Status');
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
          <Alert tone="error" id={ids.error}>
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
