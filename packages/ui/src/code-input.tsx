'use client';
/**
 * CodeInput: one real <input> under drawn slots (the design of input-otp), not one input per digit.
 *
 * Why not Radix's unstable_OneTimePasswordField: it renders an input per slot, and iOS autofill of SMS
 * and authenticator codes ("From Messages", password managers) fills only the first of them — a known
 * problem of multi-input fields. A single input keeps every platform behaviour for free: autofill with
 * `autocomplete="one-time-code"`, password-manager fill, paste (also "123 456" and "123-456"), Backspace,
 * arrows, Home/End, selection, undo, and screen readers that see one labelled field (WCAG 3.3.8).
 */
import {
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  forwardRef,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useMessages } from './config.js';
import type { PartialMessages } from './i18n/index.js';
import { createContext } from './primitives/create-context.js';
import { cx } from './primitives/cx.js';

export type CodeInputMode = 'numeric' | 'recovery';

const RECOVERY_LENGTH = 10;

/** ASCII for digits typed on Arabic, Persian or full-width keyboards. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (char) => {
    const code = char.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

/**
 * What the field keeps of typed or pasted text: digits for codes; letters and digits (lower case, without
 * the hyphen) for recovery codes. Spaces and hyphens are dropped so "123 456" pastes whole. Anything else
 * makes the whole change invalid (returns null), so a stray paste never becomes a partial guess.
 */
export function sanitizeCode(text: string, mode: CodeInputMode, length: number): string | null {
  const compact = asciiDigits(text).replace(/[\s\u00a0-]/g, '');
  const valid = mode === 'numeric' ? /^\d*$/.test(compact) : /^[0-9a-z]*$/i.test(compact);
  if (!valid) return null;
  return (mode === 'recovery' ? compact.toLowerCase() : compact).slice(0, length);
}

interface CodeInputContextValue {
  value: string;
  length: number;
  mode: CodeInputMode;
  focused: boolean;
  caret: number;
  selectionEnd: number;
  invalid: boolean;
  disabled: boolean;
  loading: boolean;
  inputId: string;
  hintId: string;
  errorId: string;
  setFromInput(event: ChangeEvent<HTMLInputElement>): void;
  setFocused(focused: boolean): void;
  setSelection(start: number, end: number): void;
}

const [CodeInputProvider, useCodeInput] = /* @__PURE__ */ createContext<CodeInputContextValue>('CodeInput');

export interface CodeInputRootProps
  extends Omit<ComponentPropsWithoutRef<'div'>, 'onChange' | 'defaultValue'> {
  /** `numeric` (default) for authenticator codes, `recovery` for recovery codes (10 letters and digits). */
  mode?: CodeInputMode;
  /** Digits of a numeric code, 6 (default) to 8. Ignored in recovery mode. */
  length?: number;
  /** Controlled value (sanitized: digits, or lower-case letters and digits without the hyphen). */
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  /** Called once each time the code becomes complete (typed, pasted or autofilled). */
  onComplete?: (value: string) => void;
  disabled?: boolean;
  /** A check is running: the field is read-only and says so (`aria-busy`). */
  loading?: boolean;
  /** The last code was refused: marks the field invalid and links the error text. */
  invalid?: boolean;
  children?: ReactNode;
}

/** Holds the value and state; renders a `div` with `data-state`, `data-mode`, `data-disabled`. */
export const CodeInputRoot = forwardRef<HTMLDivElement, CodeInputRootProps>(function CodeInputRoot(
  {
    mode = 'numeric',
    length: requested = 6,
    value: controlled,
    defaultValue = '',
    onValueChange,
    onComplete,
    disabled = false,
    loading = false,
    invalid = false,
    className,
    children,
    ...rest
  },
  ref,
) {
  if (mode === 'numeric' && (!Number.isInteger(requested) || requested < 6 || requested > 8)) {
    // The sentence is for the developer who passed the length; production keeps the throw, not the words.
    throw new RangeError(
      process.env.NODE_ENV === 'production' ? 'length' : `CodeInput length must be 6 to 8, got ${requested}`,
    );
  }
  const length = mode === 'recovery' ? RECOVERY_LENGTH : requested;
  const [uncontrolled, setUncontrolled] = useState(() => sanitizeCode(defaultValue, mode, length) ?? '');
  const value = controlled === undefined ? uncontrolled : (sanitizeCode(controlled, mode, length) ?? '');
  const [focused, setFocused] = useState(false);
  // [start, end] of the field's selection; start is the caret.
  const [selection, setSelectionState] = useState<[number, number]>([value.length, value.length]);
  const base = useId();
  const completed = useRef<string | null>(null);
  const setSelection = useCallback((start: number, end: number) => {
    setSelectionState((current) => (current[0] === start && current[1] === end ? current : [start, end]));
  }, []);

  const state = loading ? 'loading' : invalid ? 'error' : value.length === length ? 'complete' : 'idle';
  return (
    <CodeInputProvider
      value={value}
      length={length}
      mode={mode}
      focused={focused}
      // A value emptied or shortened from outside (after a refused code) pulls the caret back with it.
      caret={Math.min(selection[0], value.length)}
      selectionEnd={Math.min(selection[1], value.length)}
      invalid={invalid}
      disabled={disabled}
      loading={loading}
      inputId={`${base}-input`}
      hintId={`${base}-hint`}
      errorId={`${base}-error`}
      setFromInput={(event) => {
        const next = sanitizeCode(event.target.value, mode, length);
        if (next === null) {
          // Refused: put the field back as it was, keeping the caret where the user left it.
          const input = event.target;
          const at = Math.max(
            0,
            (input.selectionStart ?? value.length) - (input.value.length - value.length),
          );
          input.value = value;
          input.setSelectionRange(at, at);
          return;
        }
        if (controlled === undefined) setUncontrolled(next);
        onValueChange?.(next);
        if (next.length === length && completed.current !== next) {
          completed.current = next;
          onComplete?.(next);
        }
        if (next.length < length) completed.current = null;
        // A change that shortens or reformats the text moves the caret: keep it after what was entered.
        const caret = Math.min(event.target.selectionStart ?? next.length, next.length);
        setSelectionState([caret, caret]);
      }}
      setFocused={setFocused}
      setSelection={setSelection}
    >
      <div
        ref={ref}
        className={cx('mfa-code-input', className)}
        data-state={state}
        data-mode={mode}
        data-disabled={disabled ? '' : undefined}
        {...rest}
      >
        {children}
      </div>
    </CodeInputProvider>
  );
});

export interface CodeInputLabelProps extends ComponentPropsWithoutRef<'label'> {
  messages?: PartialMessages | undefined;
}

/** The visible label, tied to the field; defaults to the localized "Verification code" / "Recovery code". */
export const CodeInputLabel = forwardRef<HTMLLabelElement, CodeInputLabelProps>(function CodeInputLabel(
  { className, children, messages: override, ...rest },
  ref,
) {
  const { inputId, mode } = useCodeInput('Label');
  const messages = useMessages(override);
  return (
    <label ref={ref} htmlFor={inputId} className={cx('mfa-label', className)} {...rest}>
      {children ?? (mode === 'recovery' ? messages.codeInput.recoveryLabel : messages.codeInput.label)}
    </label>
  );
});

export interface CodeInputHintProps extends ComponentPropsWithoutRef<'p'> {
  messages?: PartialMessages | undefined;
}

/** A description read with the field ("Enter the 6-digit code from your authenticator app."). */
export const CodeInputHint = forwardRef<HTMLParagraphElement, CodeInputHintProps>(function CodeInputHint(
  { className, children, messages: override, ...rest },
  ref,
) {
  const { hintId, mode, length } = useCodeInput('Hint');
  const messages = useMessages(override);
  return (
    <p ref={ref} id={hintId} className={cx('mfa-hint', className)} {...rest}>
      {children ?? (mode === 'recovery' ? messages.codeInput.recoveryHint : messages.codeInput.hint(length))}
    </p>
  );
});

export interface CodeInputFieldProps
  extends Omit<
    ComponentPropsWithoutRef<'input'>,
    'value' | 'defaultValue' | 'onChange' | 'maxLength' | 'type'
  > {
  /** Accessible name when there is no visible CodeInput.Label. */
  'aria-label'?: string;
}

/**
 * The real input, drawn transparent over the slots so clicks, selection, paste and autofill go to it.
 * Children (usually CodeInput.Slots) are drawn underneath.
 */
export const CodeInputField = forwardRef<HTMLInputElement, CodeInputFieldProps & { children?: ReactNode }>(
  function CodeInputField(
    { className, children, onFocus, onBlur, onSelect, onKeyUp, 'aria-describedby': describedByProp, ...rest },
    forwarded,
  ) {
    const context = useCodeInput('Field');
    const input = useRef<HTMLInputElement>(null);
    useImperativeHandle(
      forwarded as Ref<HTMLInputElement | null>,
      () => input.current as HTMLInputElement,
      [],
    );
    const { setSelection, focused } = context;
    const sync = useCallback(() => {
      const element = input.current;
      if (element) setSelection(element.selectionStart ?? 0, element.selectionEnd ?? 0);
    }, [setSelection]);
    // Arrow keys and Home/End move the caret without a change event: follow the selection.
    useEffect(() => {
      if (!focused) return;
      document.addEventListener('selectionchange', sync);
      return () => document.removeEventListener('selectionchange', sync);
    }, [focused, sync]);
    const describedBy = [describedByProp, context.hintId, context.invalid ? context.errorId : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="mfa-code-input-box" data-focused={context.focused ? '' : undefined}>
        {children}
        <input
          ref={input}
          id={context.inputId}
          className={cx('mfa-code-input-field', className)}
          type="text"
          inputMode={context.mode === 'numeric' ? 'numeric' : 'text'}
          autoComplete="one-time-code"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          pattern={context.mode === 'numeric' ? '[0-9]*' : undefined}
          maxLength={context.length + 4}
          value={context.value}
          disabled={context.disabled}
          readOnly={context.loading}
          aria-invalid={context.invalid || undefined}
          aria-busy={context.loading || undefined}
          aria-describedby={describedBy}
          {...rest}
          onChange={context.setFromInput}
          onFocus={(event) => {
            context.setFocused(true);
            sync();
            onFocus?.(event);
          }}
          onBlur={(event) => {
            context.setFocused(false);
            onBlur?.(event);
          }}
          onSelect={(event) => {
            sync();
            onSelect?.(event);
          }}
          onKeyUp={(event) => {
            sync();
            onKeyUp?.(event);
          }}
        />
      </div>
    );
  },
);

export type CodeInputSlotsProps = ComponentPropsWithoutRef<'div'>;

/** The drawn boxes, one per character (recovery codes show their hyphen after five). Hidden from AT. */
export const CodeInputSlots = forwardRef<HTMLDivElement, CodeInputSlotsProps>(function CodeInputSlots(
  { className, ...rest },
  ref,
) {
  const { value, length, mode, focused, caret, selectionEnd } = useCodeInput('Slots');
  const slots: ReactNode[] = [];
  for (let index = 0; index < length; index++) {
    if (mode === 'recovery' && index === 5) {
      slots.push(
        <span key="separator" className="mfa-code-input-separator">
          -
        </span>,
      );
    }
    const char = value[index];
    const selected = focused && selectionEnd > caret && index >= caret && index < selectionEnd;
    const active = focused && !selected && (index === caret || (caret >= length && index === length - 1));
    slots.push(
      <span
        key={index}
        className="mfa-code-input-slot"
        data-filled={char ? '' : undefined}
        data-active={active ? '' : undefined}
        data-selected={selected ? '' : undefined}
      >
        {char ?? ''}
        {active && !char ? <span className="mfa-code-input-caret" /> : null}
      </span>,
    );
  }
  return (
    <div ref={ref} aria-hidden="true" className={cx('mfa-code-input-slots', className)} {...rest}>
      {slots}
    </div>
  );
});

export interface CodeInputErrorProps extends ComponentPropsWithoutRef<'p'> {
  children?: ReactNode;
}

/** The error text the field is described by while invalid; announced as it appears (`role="alert"`). */
export const CodeInputError = forwardRef<HTMLParagraphElement, CodeInputErrorProps>(function CodeInputError(
  { className, children, ...rest },
  ref,
) {
  const { errorId } = useCodeInput('Error');
  return (
    <p ref={ref} id={errorId} role="alert" className={cx('mfa-code-input-error', className)} {...rest}>
      {children}
    </p>
  );
});

export interface CodeInputProps extends Omit<CodeInputRootProps, 'children'> {
  /** Error text to show under the field; also marks it invalid. */
  error?: ReactNode;
  /** Hide the visible label (the field keeps its accessible name). */
  hideLabel?: boolean;
  /** Hide the hint line. */
  hideHint?: boolean;
  autoFocus?: boolean;
  name?: string;
  messages?: PartialMessages;
  /** Props of the inner input (e.g. `aria-label`, `form`). */
  inputProps?: CodeInputFieldProps;
}

/**
 * The ready composition: label, field with slots, hint, error.
 *
 * @example
 * <CodeInput length={config.totpDigits} onComplete={(code) => verifyTotp(code)} error={error && text(error)} />
 */
const CodeInputComposed = forwardRef<HTMLInputElement, CodeInputProps>(function CodeInput(
  { error, hideLabel = false, hideHint = false, autoFocus, name, messages, inputProps, invalid, ...root },
  ref,
) {
  return (
    <CodeInputRoot {...root} invalid={invalid ?? Boolean(error)}>
      <CodeInputLabel messages={messages} className={hideLabel ? 'mfa-visually-hidden' : undefined} />
      <CodeInputField ref={ref} autoFocus={autoFocus} name={name} {...inputProps}>
        <CodeInputSlots />
      </CodeInputField>
      {hideHint ? null : <CodeInputHint messages={messages} />}
      {error ? <CodeInputError>{error}</CodeInputError> : null}
    </CodeInputRoot>
  );
});

/** The ready composition, with its parts as `CodeInput.Root`, `.Label`, `.Field`, `.Slots`, `.Hint`, `.Error`. */
export const CodeInput = Object.assign(CodeInputComposed, {
  Root: CodeInputRoot,
  Label: CodeInputLabel,
  Field: CodeInputField,
  Slots: CodeInputSlots,
  Hint: CodeInputHint,
  Error: CodeInputError,
});
