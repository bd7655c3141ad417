'use client';
/**
 * RecoveryCodes: shows fresh recovery codes once (after a first factor or a regeneration) and makes the
 * user save them — copy, download, print — and confirm before going on; otherwise shows how many are
 * left and replaces them behind a confirmation and step-up.
 *
 * The codes live only in the provider's memory (`useMfa().recoveryCodes.codes`): the server keeps hashes
 * and can never show them again, which is why Continue waits for "I have saved these codes".
 *
 * Its parts, buttons and ready composition share this one module: in the built package every module
 * brings its own import of React into an app's bundle (about 35 B gzip each, measured).
 */
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useState } from 'react';
import { Alert } from '../primitives/alert.js';
import { Button, type ButtonProps } from '../primitives/button.js';
import { ConfirmDialog } from '../primitives/confirm-dialog.js';
import { cx } from '../primitives/cx.js';
import { errorText } from '../primitives/error-text.js';
import { CheckIcon, CopyIcon, RecoveryIcon, WarningIcon } from '../primitives/icons.js';
import { useLazyModal } from '../primitives/lazy-dialog.js';
import { themeOf } from '../primitives/portal-theme.js';
import { RecoveryCodesRoot, type RecoveryCodesRootProps, useRecoveryCodesContext } from './root.js';
import { recoveryCodesText, sheetHeading } from './text.js';

export interface RecoveryCodesTitleProps extends ComponentPropsWithoutRef<'h2'> {}

/** The heading: "Save your recovery codes" while fresh codes are shown, else "Recovery codes". */
export const RecoveryCodesTitle = forwardRef<HTMLHeadingElement, RecoveryCodesTitleProps>(
  function RecoveryCodesTitle({ className, children, ...rest }, ref) {
    const { messages, state, base } = useRecoveryCodesContext('Title');
    return (
      <h2
        ref={ref}
        id={`${base}-title`}
        tabIndex={-1}
        data-recovery-codes-title=""
        className={cx('mfa-title mfa-recovery-codes-title', className)}
        {...rest}
      >
        <RecoveryIcon className="mfa-recovery-codes-title-icon" />
        {children ?? (state === 'fresh' ? messages.recoveryCodes.title : messages.recoveryCodes.summaryTitle)}
      </h2>
    );
  },
);

export interface RecoveryCodesDescriptionProps extends ComponentPropsWithoutRef<'p'> {}

/** Why and how to keep the codes; shown with fresh codes only. */
export const RecoveryCodesDescription = forwardRef<HTMLParagraphElement, RecoveryCodesDescriptionProps>(
  function RecoveryCodesDescription({ className, children, ...rest }, ref) {
    const { messages, state, base } = useRecoveryCodesContext('Description');
    if (state !== 'fresh') return null;
    return (
      <p ref={ref} id={`${base}-description`} className={cx('mfa-description', className)} {...rest}>
        {children ?? messages.recoveryCodes.description}
      </p>
    );
  },
);

export interface RecoveryCodesListProps extends ComponentPropsWithoutRef<'div'> {}

/**
 * The codes in a monospace grid, inside the sheet that printing keeps (with a print-only header: title,
 * date, instructions). Shown with fresh codes only.
 */
export const RecoveryCodesList = forwardRef<HTMLDivElement, RecoveryCodesListProps>(
  function RecoveryCodesList({ className, ...rest }, ref) {
    const { messages, state, codes, title } = useRecoveryCodesContext('List');
    if (state !== 'fresh') return null;
    const [heading, date, instructions] = sheetHeading(messages, title);
    return (
      <div ref={ref} className={cx('mfa-recovery-codes-sheet', className)} {...rest}>
        <div className="mfa-recovery-codes-print-header">
          <p className="mfa-recovery-codes-print-title">{heading}</p>
          <p>{date}</p>
          <p>{instructions}</p>
        </div>
        <ol className="mfa-recovery-codes-list" aria-label={messages.recoveryCodes.listLabel} dir="ltr">
          {codes.map((code) => (
            <li key={code} className="mfa-recovery-codes-code">
              <code>{code}</code>
            </li>
          ))}
        </ol>
      </div>
    );
  },
);

export interface RecoveryCodesRemainingProps extends ComponentPropsWithoutRef<'div'> {}

/** How many codes are left, with a warning at 3 or fewer; or why there are none to count. */
export const RecoveryCodesRemaining = forwardRef<HTMLDivElement, RecoveryCodesRemainingProps>(
  function RecoveryCodesRemaining({ className, children, ...rest }, ref) {
    const { messages, state, remaining, low } = useRecoveryCodesContext('Remaining');
    const text = messages.recoveryCodes;
    if (state === 'loading') {
      return (
        <div ref={ref} className={cx('mfa-recovery-codes-remaining', className)} {...rest}>
          <span className="mfa-recovery-codes-skeleton">{messages.common.loading}</span>
        </div>
      );
    }
    if (state === 'fresh' || state === 'error') return null;
    return (
      <div
        ref={ref}
        className={cx('mfa-recovery-codes-remaining', className)}
        data-low={low ? '' : undefined}
        {...rest}
      >
        {children ??
          (state === 'none' ? (
            <p>{text.none}</p>
          ) : state === 'unconfirmed' ? (
            <p className="mfa-recovery-codes-warning">
              <WarningIcon />
              <span>{text.unconfirmed}</span>
            </p>
          ) : (
            <>
              <p className="mfa-recovery-codes-count">{text.remaining(remaining)}</p>
              {low ? (
                <p className="mfa-recovery-codes-warning">
                  <WarningIcon />
                  <span>{text.lowWarning(remaining)}</span>
                </p>
              ) : null}
            </>
          ))}
      </div>
    );
  },
);

export interface RecoveryCodesStatusProps extends Omit<ComponentPropsWithoutRef<'div'>, 'role'> {}

/** A polite live region: "Recovery codes copied", "Downloaded …", "Your new recovery codes are ready". */
export const RecoveryCodesStatus = forwardRef<HTMLDivElement, RecoveryCodesStatusProps>(
  function RecoveryCodesStatus({ className, ...rest }, ref) {
    const { messages, copied, notice } = useRecoveryCodesContext('Status');
    const text = copied ? messages.recoveryCodes.copied : notice;
    return (
      <div ref={ref} className={cx('mfa-recovery-codes-status', className)} {...rest}>
        <Alert tone="success">{text}</Alert>
      </div>
    );
  },
);

export interface RecoveryCodesErrorProps extends Omit<ComponentPropsWithoutRef<'div'>, 'role'> {}

/** Why the last action failed (announced); a closed step-up prompt just says nothing changed. */
export const RecoveryCodesError = forwardRef<HTMLDivElement, RecoveryCodesErrorProps>(
  function RecoveryCodesError({ className, ...rest }, ref) {
    const { messages, error } = useRecoveryCodesContext('Error');
    const cancelled = error?.code === 'stepup_cancelled';
    // Two live regions that are always there, so each keeps its role while its text comes and goes:
    // failures are announced at once, a cancelled step-up politely.
    return (
      <div ref={ref} className={cx('mfa-recovery-codes-error', className)} data-code={error?.code} {...rest}>
        <Alert tone="error">{cancelled ? null : errorText(messages, error)}</Alert>
        <Alert tone="info">{cancelled ? messages.recoveryCodes.regenerateCancelled : null}</Alert>
      </div>
    );
  },
);

/** Props of the action buttons (Copy, Download, Print, Continue). */
export type RecoveryCodesActionProps = Omit<ButtonProps, 'onClick'>;
type ActionProps = RecoveryCodesActionProps;

/** "Copy all": copies the codes, one per line; says "Copied" and announces it (see Status). */
export const RecoveryCodesCopy = forwardRef<HTMLButtonElement, ActionProps>(function RecoveryCodesCopy(
  { className, children, variant = 'secondary', disabled, ...rest },
  ref,
) {
  const { messages, state, codes, copied, copy, dispatch, disabled: off } = useRecoveryCodesContext('Copy');
  if (state !== 'fresh') return null;
  return (
    <Button
      ref={ref}
      variant={variant}
      className={cx('mfa-recovery-codes-copy', className)}
      data-copied={copied ? '' : undefined}
      disabled={off || disabled}
      onClick={() => {
        dispatch({ type: 'notice', notice: null });
        copy(codes.join('\n')).catch(() => undefined);
      }}
      {...rest}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      {children ?? (copied ? messages.common.copied : messages.recoveryCodes.copyAll)}
    </Button>
  );
});

/** "Download": saves the codes as a .txt file (`fileName`), with title, date and one code per line. */
export const RecoveryCodesDownload = forwardRef<HTMLButtonElement, ActionProps>(
  function RecoveryCodesDownload({ className, children, variant = 'secondary', disabled, ...rest }, ref) {
    const {
      messages,
      state,
      codes,
      title,
      fileName,
      dispatch,
      disabled: off,
    } = useRecoveryCodesContext('Download');
    if (state !== 'fresh') return null;
    return (
      <Button
        ref={ref}
        variant={variant}
        className={cx('mfa-recovery-codes-download', className)}
        disabled={off || disabled}
        onClick={() => {
          const text = recoveryCodesText(codes, { messages, title });
          const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
          const link = document.createElement('a');
          link.href = url;
          link.download = fileName;
          link.hidden = true;
          document.body.append(link);
          link.click();
          link.remove();
          // Chromium starts the download at once; other browsers read the URL a little later.
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
          dispatch({ type: 'notice', notice: messages.recoveryCodes.downloaded(fileName) });
        }}
        {...rest}
      >
        {children ?? messages.recoveryCodes.download}
      </Button>
    );
  },
);

/** "Print": opens the print dialog; the print stylesheet keeps only the codes sheet. */
export const RecoveryCodesPrint = forwardRef<HTMLButtonElement, ActionProps>(function RecoveryCodesPrint(
  { className, children, variant = 'secondary', disabled, ...rest },
  ref,
) {
  const { messages, state, dispatch, disabled: off } = useRecoveryCodesContext('Print');
  if (state !== 'fresh') return null;
  return (
    <Button
      ref={ref}
      variant={variant}
      className={cx('mfa-recovery-codes-print', className)}
      disabled={off || disabled}
      onClick={() => {
        dispatch({ type: 'notice', notice: null });
        window.print();
      }}
      {...rest}
    >
      {children ?? messages.recoveryCodes.print}
    </Button>
  );
});

/** Continue: enabled once the checkbox is ticked; tells the server, then calls `onAcknowledged`. */
export const RecoveryCodesContinue = forwardRef<HTMLButtonElement, ActionProps>(
  function RecoveryCodesContinue({ className, children, variant = 'primary', disabled, ...rest }, ref) {
    const {
      messages,
      state,
      saved,
      acknowledging,
      acknowledge,
      disabled: off,
    } = useRecoveryCodesContext('Continue');
    if (state !== 'fresh') return null;
    return (
      <Button
        ref={ref}
        variant={variant}
        className={cx('mfa-recovery-codes-continue', className)}
        disabled={off || disabled || !saved}
        loading={acknowledging}
        onClick={acknowledge}
        {...rest}
      >
        {children ?? messages.common.continue}
      </Button>
    );
  },
);

export interface RecoveryCodesConfirmProps extends ComponentPropsWithoutRef<'label'> {}

/** "I have saved these codes": a real checkbox; Continue stays off until it is ticked. */
export const RecoveryCodesConfirm = forwardRef<HTMLLabelElement, RecoveryCodesConfirmProps>(
  function RecoveryCodesConfirm({ className, children, ...rest }, ref) {
    const { messages, state, codes, saved, dispatch, disabled, acknowledging, base } =
      useRecoveryCodesContext('Confirm');
    if (state !== 'fresh') return null;
    return (
      <label
        ref={ref}
        className={cx('mfa-recovery-codes-confirm', className)}
        data-state={saved ? 'checked' : 'unchecked'}
        {...rest}
      >
        <input
          id={`${base}-confirm`}
          type="checkbox"
          checked={saved}
          disabled={disabled || acknowledging}
          onChange={(event) => dispatch({ type: 'tick', codes: event.target.checked ? codes : null })}
        />
        <span>{children ?? messages.recoveryCodes.confirmSaved}</span>
      </label>
    );
  },
);

export interface RecoveryCodesRegenerateProps extends ActionProps {}

const REGENERATE_DIALOG_CLASSES = {
  portal: 'mfa-portal mfa-recovery-codes-portal',
  overlay: 'mfa-recovery-codes-overlay',
  content: 'mfa-recovery-codes-dialog',
  actions: 'mfa-row mfa-recovery-codes-dialog-actions',
};

/**
 * "Generate new codes" behind a confirmation (Radix AlertDialog: "Your old codes will stop working"),
 * then step-up (`credential:link`, asked through the mounted prompt). The new codes replace the summary.
 */
export const RecoveryCodesRegenerate = forwardRef<HTMLButtonElement, RecoveryCodesRegenerateProps>(
  function RecoveryCodesRegenerate({ className, children, variant = 'secondary', disabled, ...rest }, ref) {
    const {
      messages,
      state,
      regenerating,
      regenerate,
      disabled: off,
      root,
    } = useRecoveryCodesContext('Regenerate');
    const modal = useLazyModal(ref);
    const { setOpen, trigger } = modal;
    const [theme, setTheme] = useState<'light' | 'dark' | undefined>(undefined);
    if (state !== 'summary' && state !== 'unconfirmed') return null;
    const text = messages.recoveryCodes;
    return (
      <>
        <Button
          {...rest}
          {...trigger}
          variant={variant}
          className={cx('mfa-recovery-codes-regenerate', className)}
          disabled={off || disabled}
          loading={regenerating}
          onClick={() => {
            setTheme(themeOf(root.current));
            setOpen(true);
          }}
        >
          {children ?? text.generate}
        </Button>
        <ConfirmDialog
          modal={modal}
          theme={theme}
          messages={messages}
          title={text.confirmTitle}
          description={text.confirmDescription}
          confirmLabel={text.confirmAction}
          onConfirm={regenerate}
          classNames={REGENERATE_DIALOG_CLASSES}
        />
      </>
    );
  },
);

export interface RecoveryCodesProps extends Omit<RecoveryCodesRootProps, 'children'> {}

/**
 * The ready composition: fresh codes with Copy all, Download, Print, "I have saved these codes" and
 * Continue; otherwise the count left and "Generate new codes".
 *
 * @example
 * <RecoveryCodes title="Acme Wallet recovery codes" fileName="acme-recovery-codes.txt" onAcknowledged={next} />
 */
const RecoveryCodesComposed = forwardRef<HTMLElement, RecoveryCodesProps>(function RecoveryCodes(props, ref) {
  return (
    <RecoveryCodesRoot ref={ref} {...props}>
      <RecoveryCodesTitle />
      <RecoveryCodesDescription />
      <RecoveryCodesList />
      <FreshActions />
      <RecoveryCodesRemaining />
      <RecoveryCodesRegenerate />
      <RecoveryCodesStatus />
      <RecoveryCodesError />
    </RecoveryCodesRoot>
  );
});

function FreshActions(): ReactNode {
  const { state } = useRecoveryCodesContext('Actions');
  if (state !== 'fresh') return null;
  return (
    <>
      <div className="mfa-row mfa-recovery-codes-actions">
        <RecoveryCodesCopy />
        <RecoveryCodesDownload />
        <RecoveryCodesPrint />
      </div>
      <RecoveryCodesConfirm />
      <RecoveryCodesContinue />
    </>
  );
}

/**
 * The ready composition, with its parts as `RecoveryCodes.Root`, `.Title`, `.Description`, `.List`,
 * `.Copy`, `.Download`, `.Print`, `.Confirm`, `.Continue`, `.Remaining`, `.Regenerate`, `.Status`, `.Error`.
 */
export const RecoveryCodes = Object.assign(RecoveryCodesComposed, {
  Root: RecoveryCodesRoot,
  Title: RecoveryCodesTitle,
  Description: RecoveryCodesDescription,
  List: RecoveryCodesList,
  Copy: RecoveryCodesCopy,
  Download: RecoveryCodesDownload,
  Print: RecoveryCodesPrint,
  Confirm: RecoveryCodesConfirm,
  Continue: RecoveryCodesContinue,
  Remaining: RecoveryCodesRemaining,
  Regenerate: RecoveryCodesRegenerate,
  Status: RecoveryCodesStatus,
  Error: RecoveryCodesError,
});
