'use client';
/**
 * TotpSetup: adds an authenticator app. Start (optionally named) → QR code of the otpauth URI, the key for
 * people who can't scan, a link for phones → the app's first code → recovery codes when this is the first
 * factor → done. Adding a second factor asks for step-up through the hooks (the mounted prompt).
 *
 * Its parts and ready composition share this one module: in the built package every module brings its
 * own import of React into an app's bundle (about 35 B gzip each, measured).
 */
import { formatSecret } from '@mfa-kit/client';
import { useDevices } from '@mfa-kit/react';
import {
  type ComponentPropsWithoutRef,
  type FormEvent,
  forwardRef,
  lazy,
  type ReactNode,
  Suspense,
  useId,
  useState,
} from 'react';
import { CodeInput } from '../code-input.js';
import { deviceDisplayName } from '../device-name.js';
import { Alert } from '../primitives/alert.js';
import { Button, type ButtonProps } from '../primitives/button.js';
import { cx } from '../primitives/cx.js';
import { ErrorMessage } from '../primitives/error-message.js';
import { errorText } from '../primitives/error-text.js';
import { CheckIcon, CopyIcon } from '../primitives/icons.js';
import { useClipboard } from '../primitives/use-clipboard.js';
import { RecoveryCodes, type RecoveryCodesProps } from '../recovery-codes/index.js';
import { TotpSetupRoot, type TotpSetupRootProps, useTotpSetup } from './root.js';

/** After this many wrong codes in a row, the phone's clock is the likely cause: say so. */
const CLOCK_HINT_AFTER = 2;

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
  const { messages, enrollment, device, name, dispatch, start, state, disabled, base } = useTotpSetup('Name');
  if (enrollment || device) return null;
  return (
    <div ref={ref} className={cx('mfa-totp-setup-name', className)} {...rest}>
      <label className="mfa-label" htmlFor={`${base}-name`}>
        {messages.totpSetup.nameLabel}
      </label>
      <input
        id={`${base}-name`}
        className="mfa-input"
        type="text"
        autoComplete="off"
        maxLength={64}
        value={name}
        disabled={disabled}
        readOnly={state === 'starting'}
        aria-describedby={`${base}-name-hint`}
        onChange={(event) => dispatch({ type: 'name', name: event.target.value })}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
          event.preventDefault();
          start();
        }}
      />
      <p id={`${base}-name-hint`} className="mfa-hint">
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
    dispatch,
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
        onValueChange={(value) => dispatch({ type: 'code', code: value })}
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
  const { messages, state, recoveryCodes, dispatch } = useTotpSetup('SaveCodes');
  if (state !== 'saving-codes') return null;
  return (
    <RecoveryCodes
      messages={messages}
      {...recoveryCodes}
      {...props}
      onAcknowledged={() => {
        dispatch({ type: 'focus', focus: 'success' });
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
  const { messages, enrollment, base } = useTotpSetup('Steps');
  if (!enrollment) return null;
  const text = messages.totpSetup;
  return (
    <ol className="mfa-totp-setup-steps">
      <li className="mfa-totp-setup-step">
        <h3
          id={`${base}-scan`}
          className="mfa-totp-setup-step-title"
          tabIndex={-1}
          data-totp-setup-focus="scan"
        >
          {text.scanTitle}
        </h3>
        <p className="mfa-totp-setup-step-text">{text.scanInstructions}</p>
        <TotpSetupQrCode />
        <TotpSetupOpenLink />
        <TotpSetupSecret />
      </li>
      <li className="mfa-totp-setup-step">
        <h3 id={`${base}-verify`} className="mfa-totp-setup-step-title">
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
