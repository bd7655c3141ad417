'use client';
/**
 * TotpSetup: adds an authenticator app. Start (optionally named) → QR code of the otpauth URI, the key for
 * people who can't scan, a link for phones → the app's first code → recovery codes when this is the first
 * factor → done. Adding a second factor asks for step-up through the hooks (the mounted prompt).
 */
import { type Device, formatSecret, MfaError } from '@mfa-kit/client';
import { useDevices, useMfa } from '@mfa-kit/react';
import {
  type ComponentPropsWithoutRef,
  createContext,
  type FormEvent,
  forwardRef,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { CodeInput } from './code-input.js';
import { useMessages } from './config.js';
import { deviceDisplayName } from './device-name.js';
import type { Messages, PartialMessages } from './i18n/index.js';
import { Alert } from './primitives/alert.js';
import { Button, type ButtonProps } from './primitives/button.js';
import { cx } from './primitives/cx.js';
import { ErrorMessage } from './primitives/error-message.js';
import { errorText } from './primitives/error-text.js';
import { focusAfterModal } from './primitives/focus-after-modal.js';
import { CheckIcon, CopyIcon } from './primitives/icons.js';
import { useClipboard } from './primitives/use-clipboard.js';
import { type Lockout, lockOf, useLockout } from './primitives/use-lockout.js';
import { RecoveryCodes, type RecoveryCodesProps } from './recovery-codes/index.js';

/**
 * - `idle`: nothing started (name field and Start).
 * - `starting`: the enrolment is being created (and step-up answered, for a second factor).
 * - `scanning`: QR code and key shown, waiting for the app's first code.
 * - `verifying`: the code is being checked.
 * - `expired`: the enrolment is too old or gone; Start begins a new one.
 * - `saving-codes`: added; the first factor's recovery codes wait to be saved.
 * - `complete`: added.
 */
export type TotpSetupState =
  | 'idle'
  | 'starting'
  | 'scanning'
  | 'verifying'
  | 'expired'
  | 'saving-codes'
  | 'complete';

/** After this many wrong codes in a row, the phone's clock is the likely cause: say so. */
const CLOCK_HINT_AFTER = 2;

interface Failure {
  at: 'start' | 'verify';
  error: MfaError;
}

interface TotpSetupContextValue {
  messages: Messages;
  state: TotpSetupState;
  enrollment: { deviceId: string; secret: string; uri: string } | null;
  device: Device | null;
  failure: Failure | null;
  wrongCodes: number;
  /** Seconds until a rate limit ends; 0 when none. */
  lockout: Lockout;
  digits: number;
  disabled: boolean;
  name: string;
  setName(name: string): void;
  code: string;
  setCode(code: string): void;
  start(): void;
  verify(code: string): void;
  cancel(): void;
  acknowledged(): void;
  recoveryCodes: Partial<RecoveryCodesProps> | undefined;
  ids: { name: string; nameHint: string; scan: string; verify: string };
}

const TotpSetupContext = createContext<TotpSetupContextValue | null>(null);

function useTotpSetup(part: string): TotpSetupContextValue {
  const context = useContext(TotpSetupContext);
  if (!context) throw new Error(`<TotpSetup.${part}> must be inside <TotpSetup.Root>`);
  return context;
}

/**
 * The enrolment can't be confirmed any more: too old, gone, or locked for good. A lock on an enrolment
 * counts only its own wrong codes (docs/protocol.md §6), so a new enrolment starts afresh: no support
 * needed.
 */
const isGone = (error: MfaError) =>
  error.code === 'expired' || error.code === 'not_found' || error.locked === 'permanent';

export interface TotpSetupRootProps extends ComponentPropsWithoutRef<'div'> {
  /** Called once the app is added (after the recovery codes were saved, when there were any). */
  onComplete?: (device: Device) => void;
  /** Called after Cancel (the unconfirmed enrolment is forgotten; the server lets it expire). */
  onCancel?: () => void;
  /** Start an enrolment on mount, with the server's default name. Default false. */
  autoStart?: boolean;
  /** Initial value of the name field. */
  defaultName?: string;
  disabled?: boolean;
  /** Props of the RecoveryCodes shown after a first factor (`fileName`, `title`). */
  recoveryCodes?: Partial<RecoveryCodesProps>;
  messages?: PartialMessages;
}

/**
 * Holds the flow; renders a `div` with `data-state` ({@link TotpSetupState}), `data-error` (the last
 * error code), `data-locked` (rate limited) and `data-disabled`.
 */
export const TotpSetupRoot = forwardRef<HTMLDivElement, TotpSetupRootProps>(function TotpSetupRoot(
  {
    onComplete,
    onCancel,
    autoStart = false,
    defaultName = '',
    disabled = false,
    recoveryCodes,
    messages: override,
    className,
    children,
    ...rest
  },
  forwarded,
) {
  const messages = useMessages(override);
  const mfa = useMfa();
  const {
    totpEnrollment: enrollment,
    startTotpEnrollment,
    confirmTotpEnrollment,
    cancelTotpEnrollment,
  } = mfa;
  const codes = mfa.recoveryCodes.codes;
  const [name, setName] = useState(defaultName);
  const [code, setCode] = useState('');
  const [starting, setStarting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [device, setDevice] = useState<Device | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [wrongCodes, setWrongCodes] = useState(0);
  // A lock on this enrolment's codes, from the refusal that started it or a rate_limited answer.
  const lockout = useLockout(failure?.at === 'verify' ? failure.error : null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const base = useId();

  const state: TotpSetupState = device
    ? codes
      ? 'saving-codes'
      : 'complete'
    : verifying
      ? 'verifying'
      : enrollment
        ? 'scanning'
        : starting
          ? 'starting'
          : failure?.at === 'verify' && isGone(failure.error)
            ? 'expired'
            : 'idle';

  // What had focus (Start, the name field, the code field) is gone after these changes: move focus to
  // what replaced it, so keyboard and screen-reader users continue from there.
  useEffect(() => {
    if (!focusTarget) return;
    const selector =
      focusTarget === 'code' ? '.mfa-totp-setup-verify input' : `[data-totp-setup-focus="${focusTarget}"]`;
    focusAfterModal(() => root.current?.querySelector<HTMLElement>(selector));
    setFocusTarget(null);
  }, [focusTarget]);

  // The lock is over: let the user type again.
  useEffect(() => {
    if (!lockout.ended) return;
    setFailure((current) => (lockOf(current?.error) ? null : current));
    // The field was disabled, which dropped focus: give it back, unless the user has moved on.
    if (document.activeElement === null || document.activeElement === document.body) setFocusTarget('code');
  }, [lockout.ended]);

  const reported = useRef<Device | null>(null);
  useEffect(() => {
    if (!device || codes || reported.current === device) return;
    reported.current = device;
    onComplete?.(device);
  }, [device, codes, onComplete]);

  const start = useCallback(() => {
    if (starting || disabled) return;
    setStarting(true);
    setFailure(null);
    setWrongCodes(0);
    setCode('');
    startTotpEnrollment(name.trim() || undefined)
      .then(() => setFocusTarget('scan'))
      .catch((error: MfaError) => setFailure({ at: 'start', error }))
      .finally(() => setStarting(false));
  }, [starting, disabled, name, startTotpEnrollment]);

  const verify = useCallback(
    (value: string) => {
      if (verifying || disabled || lockout.locked) return;
      if (value.length !== mfa.totpDigits) {
        setFailure({ at: 'verify', error: new MfaError('invalid_input', 'the code is incomplete') });
        return;
      }
      setVerifying(true);
      setFailure(null);
      confirmTotpEnrollment(value)
        .then((added) => {
          setDevice(added);
          setFocusTarget('success');
        })
        .catch((error: MfaError) => {
          setFailure({ at: 'verify', error });
          // A lock (also from the wrong code that started it) counts down through `lockout`.
          if (isGone(error)) {
            // The hooks forget an enrolment that expired; one locked for good is as dead.
            if (error.locked) cancelTotpEnrollment();
            setFocusTarget('start');
          }
          if (error.code === 'invalid_code' || error.code === 'code_reused') {
            setWrongCodes((count) => count + 1);
            setCode('');
          }
        })
        .finally(() => setVerifying(false));
    },
    [verifying, disabled, lockout.locked, mfa.totpDigits, confirmTotpEnrollment, cancelTotpEnrollment],
  );

  // Started once per mount (React's strict mode runs effects twice; the ref keeps it to one).
  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || autoStarted.current || enrollment || disabled) return;
    autoStarted.current = true;
    start();
  }, [autoStart, enrollment, disabled, start]);

  const context = useMemo<TotpSetupContextValue>(
    () => ({
      messages,
      state,
      enrollment,
      device,
      failure,
      wrongCodes,
      lockout,
      digits: mfa.totpDigits,
      disabled,
      name,
      setName,
      code,
      setCode,
      start,
      verify,
      cancel() {
        cancelTotpEnrollment();
        setFailure(null);
        setCode('');
        onCancel?.();
      },
      acknowledged() {
        setFocusTarget('success');
      },
      recoveryCodes,
      ids: {
        name: `${base}-name`,
        nameHint: `${base}-name-hint`,
        scan: `${base}-scan`,
        verify: `${base}-verify`,
      },
    }),
    [
      messages,
      state,
      enrollment,
      device,
      failure,
      wrongCodes,
      lockout,
      mfa.totpDigits,
      disabled,
      name,
      code,
      start,
      verify,
      cancelTotpEnrollment,
      onCancel,
      recoveryCodes,
      base,
    ],
  );

  return (
    <TotpSetupContext.Provider value={context}>
      <div
        ref={(element) => {
          root.current = element;
          if (typeof forwarded === 'function') forwarded(element);
          else if (forwarded) forwarded.current = element;
        }}
        className={cx('mfa-root mfa-totp-setup', className)}
        data-state={state}
        data-error={failure?.error.code}
        data-locked={lockout.locked ? '' : undefined}
        data-disabled={disabled ? '' : undefined}
        aria-busy={state === 'starting' || state === 'verifying' || undefined}
        {...rest}
      >
        {children}
      </div>
    </TotpSetupContext.Provider>
  );
});

export interface TotpSetupTitleProps extends ComponentPropsWithoutRef<'h2'> {}

/** "Set up an authenticator app". */
export const TotpSetupTitle = forwardRef<HTMLHeadingElement, TotpSetupTitleProps>(function TotpSetupTitle(
  { className, children, ...rest },
  ref,
) {
  const { messages } = useTotpSetup('Title');
  return (
    <h2 ref={ref} className={cx('mfa-title', className)} {...rest}>
      {children ?? messages.totpSetup.title}
    </h2>
  );
});

export interface TotpSetupDescriptionProps extends ComponentPropsWithoutRef<'p'> {}

/** What an authenticator app is; shown until the app is added. */
export const TotpSetupDescription = forwardRef<HTMLParagraphElement, TotpSetupDescriptionProps>(
  function TotpSetupDescription({ className, children, ...rest }, ref) {
    const { messages, device } = useTotpSetup('Description');
    if (device) return null;
    return (
      <p ref={ref} className={cx('mfa-description', className)} {...rest}>
        {children ?? messages.totpSetup.description}
      </p>
    );
  },
);

export interface TotpSetupNameProps extends ComponentPropsWithoutRef<'div'> {}

/** The optional device name, before the start (Enter starts). Empty: no name; the UI shows the kind's default. */
export const TotpSetupName = forwardRef<HTMLDivElement, TotpSetupNameProps>(function TotpSetupName(
  { className, ...rest },
  ref,
) {
  const { messages, enrollment, device, name, setName, start, state, disabled, ids } = useTotpSetup('Name');
  if (enrollment || device) return null;
  return (
    <div ref={ref} className={cx('mfa-totp-setup-name', className)} {...rest}>
      <label className="mfa-label" htmlFor={ids.name}>
        {messages.totpSetup.nameLabel}
      </label>
      <input
        id={ids.name}
        className="mfa-input"
        type="text"
        autoComplete="off"
        maxLength={64}
        value={name}
        disabled={disabled}
        readOnly={state === 'starting'}
        aria-describedby={ids.nameHint}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
          event.preventDefault();
          start();
        }}
      />
      <p id={ids.nameHint} className="mfa-hint">
        {messages.totpSetup.nameHint}
      </p>
    </div>
  );
});

export type TotpSetupStartProps = Omit<ButtonProps, 'onClick'>;

/** Starts the enrolment ("Set up authenticator app", or "Start again" after it expired). */
export const TotpSetupStart = forwardRef<HTMLButtonElement, TotpSetupStartProps>(function TotpSetupStart(
  { className, children, variant = 'primary', disabled, ...rest },
  ref,
) {
  const { messages, enrollment, device, state, start, disabled: off } = useTotpSetup('Start');
  if (enrollment || device) return null;
  return (
    <Button
      ref={ref}
      variant={variant}
      className={cx('mfa-totp-setup-start', className)}
      data-totp-setup-focus="start"
      disabled={off || disabled}
      loading={state === 'starting'}
      onClick={start}
      {...rest}
    >
      {children ?? (state === 'expired' ? messages.totpSetup.startAgain : messages.totpSetup.start)}
    </Button>
  );
});

export interface TotpSetupQrCodeProps extends ComponentPropsWithoutRef<'div'> {
  /** Width and height in CSS pixels, quiet zone included. Default 200. */
  size?: number;
}

/** The otpauth URI as a QR code: black on white with its quiet zone in every theme, level M. */
export const TotpSetupQrCode = forwardRef<HTMLDivElement, TotpSetupQrCodeProps>(function TotpSetupQrCode(
  { className, size = 200, ...rest },
  ref,
) {
  const { messages, enrollment } = useTotpSetup('QrCode');
  if (!enrollment) return null;
  return (
    <div ref={ref} className={cx('mfa-totp-setup-qr', className)} {...rest}>
      <Suspense
        fallback={
          <div
            className="mfa-totp-setup-qr-placeholder"
            style={{ width: size, height: size }}
            aria-busy="true"
          />
        }
      >
        <QRCodeSVG
          value={enrollment.uri}
          size={size}
          level="M"
          marginSize={4}
          bgColor="#ffffff"
          fgColor="#000000"
          role="img"
          aria-label={messages.totpSetup.qrLabel}
        />
      </Suspense>
    </div>
  );
});

/**
 * qrcode.react, loaded when a QR code is first shown: only enrolment needs it, so apps that import the
 * kit pay for it on the setup screen, not on every page.
 */
const QRCodeSVG = lazy(() => import('qrcode.react').then((module) => ({ default: module.QRCodeSVG })));

export interface TotpSetupOpenLinkProps extends Omit<ComponentPropsWithoutRef<'a'>, 'href'> {}

/**
 * "Open in authenticator app": the otpauth URI as a link, for setting up on the phone itself. Shown only
 * where the main pointer is coarse (`@media (pointer: coarse)`): a desktop has no app to open.
 */
export const TotpSetupOpenLink = forwardRef<HTMLAnchorElement, TotpSetupOpenLinkProps>(
  function TotpSetupOpenLink({ className, children, ...rest }, ref) {
    const { messages, enrollment } = useTotpSetup('OpenLink');
    if (!enrollment) return null;
    return (
      <a
        ref={ref}
        href={enrollment.uri}
        className={cx('mfa-button mfa-totp-setup-open-link', className)}
        data-variant="secondary"
        {...rest}
      >
        {children ?? messages.totpSetup.openInApp}
      </a>
    );
  },
);

export interface TotpSetupSecretProps extends ComponentPropsWithoutRef<'div'> {
  defaultOpen?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/**
 * "Can't scan it?": a disclosure with the key in groups of four and a Copy button whose "Copied" is
 * announced. `data-state="open" | "closed"`.
 */
export const TotpSetupSecret = forwardRef<HTMLDivElement, TotpSetupSecretProps>(function TotpSetupSecret(
  { className, defaultOpen = false, open, onOpenChange, ...rest },
  ref,
) {
  const { messages, enrollment } = useTotpSetup('Secret');
  const { copied, copy } = useClipboard();
  const [uncontrolledOpen, setUncontrolledOpen] = useState(defaultOpen);
  const contentId = useId();
  if (!enrollment) return null;
  const text = messages.totpSetup;
  // A disclosure of our own (a button with aria-expanded and the region it controls): all Radix's
  // Collapsible added here was weight.
  const isOpen = open ?? uncontrolledOpen;
  const state = isOpen ? 'open' : 'closed';
  const toggle = () => {
    if (open === undefined) setUncontrolledOpen(!isOpen);
    onOpenChange?.(!isOpen);
  };
  return (
    <div ref={ref} className={cx('mfa-totp-setup-secret', className)} data-state={state} {...rest}>
      <Button
        variant="ghost"
        className="mfa-totp-setup-secret-trigger"
        aria-expanded={isOpen}
        aria-controls={contentId}
        data-state={state}
        onClick={toggle}
      >
        <span className="mfa-totp-setup-chevron" aria-hidden="true" />
        {text.cantScan}
      </Button>
      <div id={contentId} className="mfa-totp-setup-secret-content" data-state={state} hidden={!isOpen}>
        <p className="mfa-totp-setup-secret-instructions">{text.secretInstructions}</p>
        <dl className="mfa-totp-setup-secret-term">
          <dt className="mfa-label">{text.secretLabel}</dt>
          <dd className="mfa-totp-setup-secret-row">
            <code className="mfa-totp-setup-secret-key" dir="ltr">
              {formatSecret(enrollment.secret)}
            </code>
            <Button
              variant="secondary"
              className="mfa-totp-setup-copy"
              data-copied={copied ? '' : undefined}
              onClick={() => {
                copy(enrollment.secret).catch(() => undefined);
              }}
            >
              {copied ? <CheckIcon /> : <CopyIcon />}
              {copied ? messages.common.copied : text.copySecret}
            </Button>
          </dd>
        </dl>
        <Alert tone="success" className="mfa-totp-setup-copied">
          {copied ? text.secretCopied : null}
        </Alert>
      </div>
    </div>
  );
});

export interface TotpSetupVerifyProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {}

/**
 * The first code from the app (CodeInput, checked as soon as it is complete, or with Verify): wrong code,
 * the phone's clock after two misses, a rate limit with its countdown.
 */
export const TotpSetupVerify = forwardRef<HTMLFormElement, TotpSetupVerifyProps>(function TotpSetupVerify(
  { className, ...rest },
  ref,
) {
  const {
    messages,
    enrollment,
    state,
    failure,
    wrongCodes,
    lockout,
    digits,
    code,
    setCode,
    verify,
    disabled,
  } = useTotpSetup('Verify');
  if (!enrollment) return null;
  const error = failure?.at === 'verify' ? failure.error : null;
  const { locked } = lockout;
  let shown: ReactNode = null;
  if (error && locked) {
    // Announced once with the server's wait; the visible countdown ticks without re-announcing.
    shown = <ErrorMessage error={error} lockout={lockout} messages={messages} />;
  } else if (error) {
    const text =
      error.code === 'invalid_input' ? messages.codeInput.hint(digits) : errorText(messages, error);
    shown = (
      <>
        {text}
        {wrongCodes >= CLOCK_HINT_AFTER && error.code === 'invalid_code' ? (
          <span className="mfa-totp-setup-clock-hint">{messages.totpSetup.clockHint}</span>
        ) : null}
      </>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verify(code);
  };
  return (
    <form ref={ref} className={cx('mfa-totp-setup-verify', className)} noValidate onSubmit={submit} {...rest}>
      <CodeInput
        length={digits}
        value={code}
        onValueChange={setCode}
        onComplete={verify}
        error={shown}
        loading={state === 'verifying'}
        disabled={disabled || locked}
        messages={messages}
      />
      <Button type="submit" disabled={disabled || locked} loading={state === 'verifying'}>
        {messages.totpSetup.verify}
      </Button>
    </form>
  );
});

export interface TotpSetupErrorProps extends Omit<ComponentPropsWithoutRef<'div'>, 'role'> {}

/**
 * Why the enrolment could not start, or that it expired (announced). Errors of the code itself are shown
 * by Verify, next to the field.
 */
export const TotpSetupError = forwardRef<HTMLDivElement, TotpSetupErrorProps>(function TotpSetupError(
  { className, ...rest },
  ref,
) {
  const { messages, failure, state } = useTotpSetup('Error');
  const error = failure && (failure.at === 'start' || state === 'expired') ? failure.error : null;
  const cancelled = error?.code === 'stepup_cancelled';
  const text =
    state === 'expired'
      ? error?.locked
        ? messages.totpSetup.locked
        : messages.totpSetup.expired
      : cancelled
        ? messages.totpSetup.stepUpCancelled
        : errorText(messages, error);
  // Two live regions that are always there, so each keeps its role while its text comes and goes:
  // failures are announced at once, a cancelled step-up politely.
  return (
    <div ref={ref} className={cx('mfa-totp-setup-error', className)} data-code={error?.code} {...rest}>
      <Alert tone="error">{cancelled ? null : text}</Alert>
      <Alert tone="info">{cancelled ? text : null}</Alert>
    </div>
  );
});

export interface TotpSetupSuccessProps extends ComponentPropsWithoutRef<'div'> {}

/** "Authenticator app added": shown once the first code was accepted; focus moves to it. */
export const TotpSetupSuccess = forwardRef<HTMLDivElement, TotpSetupSuccessProps>(function TotpSetupSuccess(
  { className, children, ...rest },
  ref,
) {
  const { messages, device } = useTotpSetup('Success');
  // The new app is in the list by now (the hooks refresh it before confirming): number a default name.
  const { devices } = useDevices();
  if (!device) return null;
  return (
    <div ref={ref} className={cx('mfa-totp-setup-success', className)} {...rest}>
      <CheckIcon className="mfa-totp-setup-success-icon" />
      <div>
        <h3 className="mfa-totp-setup-success-title" tabIndex={-1} data-totp-setup-focus="success">
          {messages.totpSetup.success}
        </h3>
        <p>
          {children ??
            messages.totpSetup.successDescription(deviceDisplayName(device, { messages, devices }))}
        </p>
      </div>
    </div>
  );
});

export type TotpSetupSaveCodesProps = Partial<RecoveryCodesProps>;

/** The first factor's recovery codes (RecoveryCodes), to save before the setup completes. */
export function TotpSetupSaveCodes(props: TotpSetupSaveCodesProps) {
  const { messages, state, recoveryCodes, acknowledged } = useTotpSetup('SaveCodes');
  if (state !== 'saving-codes') return null;
  return (
    <RecoveryCodes
      messages={messages}
      {...recoveryCodes}
      {...props}
      onAcknowledged={() => {
        acknowledged();
        recoveryCodes?.onAcknowledged?.();
        props.onAcknowledged?.();
      }}
    />
  );
}

export type TotpSetupCancelProps = Omit<ButtonProps, 'onClick'>;

/** Cancel: forgets the unconfirmed enrolment and calls `onCancel`. Hidden once the app is added. */
export const TotpSetupCancel = forwardRef<HTMLButtonElement, TotpSetupCancelProps>(function TotpSetupCancel(
  { className, children, variant = 'ghost', ...rest },
  ref,
) {
  const { messages, device, cancel } = useTotpSetup('Cancel');
  if (device) return null;
  return (
    <Button
      ref={ref}
      variant={variant}
      className={cx('mfa-totp-setup-cancel', className)}
      onClick={cancel}
      {...rest}
    >
      {children ?? messages.common.cancel}
    </Button>
  );
});

function Steps() {
  const { messages, enrollment, ids } = useTotpSetup('Steps');
  if (!enrollment) return null;
  const text = messages.totpSetup;
  return (
    <ol className="mfa-totp-setup-steps">
      <li className="mfa-totp-setup-step">
        <h3 id={ids.scan} className="mfa-totp-setup-step-title" tabIndex={-1} data-totp-setup-focus="scan">
          {text.scanTitle}
        </h3>
        <p className="mfa-totp-setup-step-text">{text.scanInstructions}</p>
        <TotpSetupQrCode />
        <TotpSetupOpenLink />
        <TotpSetupSecret />
      </li>
      <li className="mfa-totp-setup-step">
        <h3 id={ids.verify} className="mfa-totp-setup-step-title">
          {text.verifyTitle}
        </h3>
        <TotpSetupVerify />
      </li>
    </ol>
  );
}

export interface TotpSetupProps extends Omit<TotpSetupRootProps, 'children'> {
  /**
   * Leave out the title, where what is around already names the step (MfaGate's enrolment tabs).
   * Defaults to false.
   */
  hideTitle?: boolean | undefined;
}

/**
 * The ready composition.
 *
 * @example
 * <TotpSetup onComplete={(device) => router.push(`/settings#${device.id}`)} />
 */
const TotpSetupComposed = forwardRef<HTMLDivElement, TotpSetupProps>(function TotpSetup(
  { hideTitle, ...props },
  ref,
) {
  return (
    <TotpSetupRoot ref={ref} {...props}>
      {hideTitle ? null : <TotpSetupTitle />}
      <TotpSetupDescription />
      <TotpSetupSuccess />
      <TotpSetupSaveCodes />
      <TotpSetupName />
      <TotpSetupError />
      <Steps />
      <div className="mfa-row mfa-totp-setup-actions">
        <TotpSetupStart />
        {props.onCancel ? <TotpSetupCancel /> : null}
      </div>
    </TotpSetupRoot>
  );
});

/**
 * The ready composition, with its parts as `TotpSetup.Root`, `.Title`, `.Description`, `.Name`, `.Start`,
 * `.QrCode`, `.OpenLink`, `.Secret`, `.Verify`, `.Error`, `.Success`, `.SaveCodes`, `.Cancel`.
 */
export const TotpSetup = Object.assign(TotpSetupComposed, {
  Root: TotpSetupRoot,
  Title: TotpSetupTitle,
  Description: TotpSetupDescription,
  Name: TotpSetupName,
  Start: TotpSetupStart,
  QrCode: TotpSetupQrCode,
  OpenLink: TotpSetupOpenLink,
  Secret: TotpSetupSecret,
  Verify: TotpSetupVerify,
  Error: TotpSetupError,
  Success: TotpSetupSuccess,
  SaveCodes: TotpSetupSaveCodes,
  Cancel: TotpSetupCancel,
});
