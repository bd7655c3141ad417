'use client';
/**
 * RecoveryCodes: shows fresh recovery codes once (after a first factor or a regeneration) and makes the
 * user save them — copy, download, print — and confirm before going on; otherwise shows how many are
 * left and replaces them behind a confirmation and step-up.
 *
 * The codes live only in the provider's memory (`useMfa().recoveryCodes.codes`): the server keeps hashes
 * and can never show them again, which is why Continue waits for "I have saved these codes".
 */
import type { MfaError } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useMessages } from './config.js';
import type { Messages, PartialMessages } from './i18n/index.js';
import { Alert } from './primitives/alert.js';
import { Button, type ButtonProps } from './primitives/button.js';
import { ConfirmDialog } from './primitives/confirm-dialog.js';
import { cx } from './primitives/cx.js';
import { errorText } from './primitives/error-text.js';
import { focusAfterModal } from './primitives/focus-after-modal.js';
import { CheckIcon, CopyIcon, RecoveryIcon, WarningIcon } from './primitives/icons.js';
import { useLazyModal } from './primitives/lazy-dialog.js';
import { themeOf } from './primitives/portal-theme.js';
import { useClipboard } from './primitives/use-clipboard.js';

/**
 * - `loading`: the status is being fetched.
 * - `fresh`: new codes to save (`data-saved` once the checkbox is ticked).
 * - `summary`: no codes to show; how many are left (`data-low` at 3 or fewer).
 * - `unconfirmed`: codes were generated, never confirmed as saved, and can't be shown again.
 * - `none`: the user has no factor, so no codes (they come with the first one).
 * - `error`: the status could not be loaded.
 */
export type RecoveryCodesState = 'loading' | 'fresh' | 'summary' | 'unconfirmed' | 'none' | 'error';

/** At this many codes left, or fewer, the summary warns. */
export const LOW_RECOVERY_CODES = 3;

const NO_CODES: readonly string[] = [];

/**
 * Fresh codes are shown by one RecoveryCodes at a time: the one mounted last, such as the dialog that
 * just added a first factor over the page's standing RecoveryCodes. Two lists of the same codes read as
 * two sets to save, and printing would print both. The others show the count meanwhile, and take the
 * codes over if that one goes away unsaved (a dialog closed early).
 */
const mounted: symbol[] = [];
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const lastMounted = () => mounted[mounted.length - 1];
function setMounted(id: symbol, on: boolean) {
  const index = mounted.indexOf(id);
  if (on && index < 0) mounted.push(id);
  if (!on && index >= 0) mounted.splice(index, 1);
  for (const listener of listeners) listener();
}

interface RecoveryCodesContextValue {
  messages: Messages;
  state: RecoveryCodesState;
  codes: readonly string[];
  remaining: number;
  low: boolean;
  disabled: boolean;
  saved: boolean;
  setSaved(saved: boolean): void;
  acknowledging: boolean;
  regenerating: boolean;
  error: MfaError | null;
  notice: string | null;
  copied: boolean;
  title: string;
  fileName: string;
  ids: { title: string; description: string; confirm: string };
  root: RefObject<HTMLElement | null>;
  copyAll(): void;
  download(): void;
  print(): void;
  acknowledge(): void;
  regenerate(): void;
}

const RecoveryCodesContext = createContext<RecoveryCodesContextValue | null>(null);

function useRecoveryCodesContext(part: string): RecoveryCodesContextValue {
  const context = useContext(RecoveryCodesContext);
  if (!context) throw new Error(`<RecoveryCodes.${part}> must be inside <RecoveryCodes.Root>`);
  return context;
}

/** The text of the downloaded file: title, date, instructions, then one code per line. */
export function recoveryCodesText(
  codes: readonly string[],
  options: { messages: Messages; title?: string | undefined; date?: Date },
): string {
  const { messages } = options;
  const date = new Intl.DateTimeFormat(messages.locale, { dateStyle: 'long' }).format(
    options.date ?? new Date(),
  );
  return [
    options.title ?? messages.recoveryCodes.fileTitle,
    messages.recoveryCodes.fileDate(date),
    '',
    messages.recoveryCodes.fileInstructions,
    '',
    ...codes,
    '',
  ].join('\n');
}

export interface RecoveryCodesRootProps extends ComponentPropsWithoutRef<'section'> {
  /** Called after the user confirmed saving fresh codes and the server was told. */
  onAcknowledged?: () => void;
  /** Name of the downloaded file. Default `recovery-codes.txt`. */
  fileName?: string;
  /** First line of the downloaded file and the printed sheet, e.g. "Acme Wallet recovery codes". */
  title?: string;
  /** Turns every control off. */
  disabled?: boolean;
  messages?: PartialMessages;
}

/**
 * Holds the state; renders a `section` named by its title, with `data-state`, `data-low`, `data-saved`
 * and `data-disabled`.
 */
export const RecoveryCodesRoot = forwardRef<HTMLElement, RecoveryCodesRootProps>(function RecoveryCodesRoot(
  {
    onAcknowledged,
    fileName = 'recovery-codes.txt',
    title: sheetTitle,
    disabled = false,
    messages: override,
    className,
    children,
    ...rest
  },
  forwarded,
) {
  const messages = useMessages(override);
  const mfa = useMfa();
  const { recoveryCodes, status, methods } = mfa;
  const [id] = useState(() => Symbol('RecoveryCodes'));
  // A layout effect: the instance that takes the codes over shows them before the browser paints.
  useLayoutEffect(() => {
    setMounted(id, true);
    return () => setMounted(id, false);
  }, [id]);
  const last = useSyncExternalStore(subscribe, lastMounted, () => undefined);
  // Another instance shows the fresh codes: this one counts them instead, as saved-to-be.
  const elsewhere = recoveryCodes.codes !== null && last !== undefined && last !== id;
  const fresh = elsewhere ? null : recoveryCodes.codes;
  // Ticked for one set of codes: a new set starts unticked.
  const [savedFor, setSavedFor] = useState<readonly string[] | null>(null);
  const saved = fresh !== null && savedFor === fresh;
  const [acknowledging, setAcknowledging] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const [error, setError] = useState<MfaError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { copied, copy } = useClipboard();
  const root = useRef<HTMLElement | null>(null);
  const base = useId();

  const hasFactor = methods.some((method) => method !== 'recovery_code');
  const state: RecoveryCodesState = fresh
    ? 'fresh'
    : status === 'loading'
      ? 'loading'
      : status === 'error'
        ? 'error'
        : !hasFactor
          ? 'none'
          : recoveryCodes.pendingAcknowledgement && !elsewhere
            ? 'unconfirmed'
            : 'summary';
  const remaining = recoveryCodes.remaining;
  const low = state === 'summary' && remaining <= LOW_RECOVERY_CODES;

  // The element that held focus (Continue, Generate) is gone once an action is done (the hooks render the
  // new state before the action resolves): move focus to the title, so keyboard and screen-reader users
  // land on what replaced it.
  const focusTitle = useCallback(() => {
    focusAfterModal(() => root.current?.querySelector<HTMLElement>('[data-recovery-codes-title]'));
  }, []);

  const codes = fresh ?? NO_CODES;
  const { acknowledge: acknowledgeCodes, regenerate: regenerateCodes } = recoveryCodes;
  const acknowledge = useCallback(() => {
    if (!saved || acknowledging) return;
    setAcknowledging(true);
    setError(null);
    acknowledgeCodes()
      .then(() => {
        setNotice(messages.recoveryCodes.saved);
        focusTitle();
        onAcknowledged?.();
      })
      .catch(setError)
      .finally(() => setAcknowledging(false));
  }, [saved, acknowledging, acknowledgeCodes, messages, onAcknowledged, focusTitle]);

  const regenerate = useCallback(() => {
    if (regenerating) return;
    setRegenerating(true);
    setError(null);
    setNotice(null);
    regenerateCodes()
      .then(focusTitle)
      .catch(setError)
      .finally(() => setRegenerating(false));
  }, [regenerating, regenerateCodes, focusTitle]);

  const context = useMemo<RecoveryCodesContextValue>(
    () => ({
      messages,
      state,
      codes,
      remaining,
      low,
      disabled,
      saved,
      setSaved: (checked) => setSavedFor(checked ? fresh : null),
      acknowledging,
      regenerating,
      error: error ?? (status === 'error' ? mfa.error : null),
      notice,
      copied,
      title: sheetTitle ?? messages.recoveryCodes.fileTitle,
      fileName,
      ids: { title: `${base}-title`, description: `${base}-description`, confirm: `${base}-confirm` },
      root,
      copyAll() {
        setNotice(null);
        copy(codes.join('\n')).catch(() => undefined);
      },
      download() {
        const text = recoveryCodesText(codes, { messages, title: sheetTitle });
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
        setNotice(messages.recoveryCodes.downloaded(fileName));
      },
      print() {
        setNotice(null);
        window.print();
      },
      acknowledge,
      regenerate,
    }),
    [
      messages,
      state,
      codes,
      remaining,
      low,
      disabled,
      saved,
      fresh,
      acknowledging,
      regenerating,
      error,
      status,
      mfa.error,
      notice,
      copied,
      sheetTitle,
      fileName,
      base,
      copy,
      acknowledge,
      regenerate,
    ],
  );

  return (
    <RecoveryCodesContext.Provider value={context}>
      <section
        ref={(element) => {
          root.current = element;
          if (typeof forwarded === 'function') forwarded(element);
          else if (forwarded) forwarded.current = element;
        }}
        className={cx('mfa-root mfa-recovery-codes', className)}
        data-state={state}
        data-low={low ? '' : undefined}
        data-saved={state === 'fresh' && saved ? '' : undefined}
        data-disabled={disabled ? '' : undefined}
        aria-busy={state === 'loading' || undefined}
        aria-labelledby={`${base}-title`}
        {...rest}
      >
        {children}
      </section>
    </RecoveryCodesContext.Provider>
  );
});

export interface RecoveryCodesTitleProps extends ComponentPropsWithoutRef<'h2'> {}

/** The heading: "Save your recovery codes" while fresh codes are shown, else "Recovery codes". */
export const RecoveryCodesTitle = forwardRef<HTMLHeadingElement, RecoveryCodesTitleProps>(
  function RecoveryCodesTitle({ className, children, ...rest }, ref) {
    const { messages, state, ids } = useRecoveryCodesContext('Title');
    return (
      <h2
        ref={ref}
        id={ids.title}
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
    const { messages, state, ids } = useRecoveryCodesContext('Description');
    if (state !== 'fresh') return null;
    return (
      <p ref={ref} id={ids.description} className={cx('mfa-description', className)} {...rest}>
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
    const date = new Intl.DateTimeFormat(messages.locale, { dateStyle: 'long' }).format(new Date());
    return (
      <div ref={ref} className={cx('mfa-recovery-codes-sheet', className)} {...rest}>
        <div className="mfa-recovery-codes-print-header">
          <p className="mfa-recovery-codes-print-title">{title}</p>
          <p>{messages.recoveryCodes.fileDate(date)}</p>
          <p>{messages.recoveryCodes.fileInstructions}</p>
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

/** Props of the action buttons (Copy, Download, Print, Continue). */
export type RecoveryCodesActionProps = Omit<ButtonProps, 'onClick'>;
type ActionProps = RecoveryCodesActionProps;

/** "Copy all": copies the codes, one per line; says "Copied" and announces it (see Status). */
export const RecoveryCodesCopy = forwardRef<HTMLButtonElement, ActionProps>(function RecoveryCodesCopy(
  { className, children, variant = 'secondary', disabled, ...rest },
  ref,
) {
  const { messages, state, copied, copyAll, disabled: off } = useRecoveryCodesContext('Copy');
  if (state !== 'fresh') return null;
  return (
    <Button
      ref={ref}
      variant={variant}
      className={cx('mfa-recovery-codes-copy', className)}
      data-copied={copied ? '' : undefined}
      disabled={off || disabled}
      onClick={copyAll}
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
    const { messages, state, download, disabled: off } = useRecoveryCodesContext('Download');
    if (state !== 'fresh') return null;
    return (
      <Button
        ref={ref}
        variant={variant}
        className={cx('mfa-recovery-codes-download', className)}
        disabled={off || disabled}
        onClick={download}
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
  const { messages, state, print, disabled: off } = useRecoveryCodesContext('Print');
  if (state !== 'fresh') return null;
  return (
    <Button
      ref={ref}
      variant={variant}
      className={cx('mfa-recovery-codes-print', className)}
      disabled={off || disabled}
      onClick={print}
      {...rest}
    >
      {children ?? messages.recoveryCodes.print}
    </Button>
  );
});

export interface RecoveryCodesConfirmProps extends ComponentPropsWithoutRef<'label'> {}

/** "I have saved these codes": a real checkbox; Continue stays off until it is ticked. */
export const RecoveryCodesConfirm = forwardRef<HTMLLabelElement, RecoveryCodesConfirmProps>(
  function RecoveryCodesConfirm({ className, children, ...rest }, ref) {
    const { messages, state, saved, setSaved, disabled, acknowledging, ids } =
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
          id={ids.confirm}
          type="checkbox"
          checked={saved}
          disabled={disabled || acknowledging}
          onChange={(event) => setSaved(event.target.checked)}
        />
        <span>{children ?? messages.recoveryCodes.confirmSaved}</span>
      </label>
    );
  },
);

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
