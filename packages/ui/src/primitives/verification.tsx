'use client';
/**
 * The part StepUpDialog and MfaChallenge share: proving one of several methods. Which method is shown
 * (most recently added first, "use another method" to switch), the code being typed, which attempt an
 * error belongs to, the lockout of a rate limit, and the code form and method switch that render it.
 * Each component binds it to its own hook (`useStepUpPrompt()` or `useMfa()`) and names its own parts.
 */
import type { MfaError, VerificationMethod } from '@mfa-kit/client';
import {
  type ComponentPropsWithoutRef,
  type ComponentType,
  forwardRef,
  type ReactNode,
  type SVGProps,
  useEffect,
  useState,
} from 'react';
import { CodeInput } from '../code-input.js';
import type { Messages, PartialMessages } from '../i18n/index.js';
import { Button } from './button.js';
import { cx } from './cx.js';
import { ErrorMessage } from './error-message.js';
import { PasskeyIcon, RecoveryIcon, TotpIcon } from './icons.js';
import { type Lockout, useLockout } from './use-lockout.js';
import { useWebAuthnSupported } from './use-webauthn-supported.js';

export type CodeMethod = 'totp' | 'recovery_code';

/** Where a verification stands, for `data-state`. */
export type VerificationState = 'idle' | 'pending' | 'error' | 'locked' | 'success';

export interface UseVerificationOptions {
  /** Identifies the request being answered; when it changes the flow starts over. */
  resetKey: string | null;
  /** Ways the user can verify, most recently added first. */
  methods: readonly VerificationMethod[];
  /** The last failure (from the hook); cleared by the hook when the next attempt starts. */
  error: MfaError | null;
  isPending: boolean;
  /** Proves a typed code; rejects when it is refused. */
  submitCode: (method: CodeMethod, code: string) => Promise<unknown>;
  /** Proves a passkey (browser prompt); rejects when it fails. */
  submitPasskey: () => Promise<unknown>;
  onSuccess?: ((method: VerificationMethod) => void) | undefined;
}

export interface Verification {
  /** The methods offered, in order; passkeys are left out where the browser can't use them. */
  methods: readonly VerificationMethod[];
  /** The method shown now. */
  method: VerificationMethod | undefined;
  select(method: VerificationMethod): void;
  /** The user switched methods: the new method's control takes focus. */
  switched: boolean;
  code: string;
  /** Changes each time a refused code is cleared from the field. */
  cleared: number;
  setCode(code: string): void;
  /** Sends a complete code for the method shown (ignored while locked or checking). */
  submitCode(code: string): void;
  /** Runs the passkey check; rejects as the hook does. */
  submitPasskey(): Promise<void>;
  /** The error to show with `method`'s control: its own attempt's, or a lock, which blocks them all. */
  errorFor(method: VerificationMethod): MfaError | null;
  error: MfaError | null;
  isPending: boolean;
  lockout: Lockout;
  succeeded: boolean;
  state: VerificationState;
}

interface Flow {
  key: string | null;
  method: VerificationMethod | null;
  code: string;
  attempted: VerificationMethod | null;
  switched: boolean;
  succeeded: boolean;
  /** Counts the times a refused code was cleared from the field. */
  cleared: number;
}

const fresh = (key: string | null): Flow => ({
  key,
  method: null,
  code: '',
  attempted: null,
  switched: false,
  succeeded: false,
  cleared: 0,
});

export function useVerification(options: UseVerificationOptions): Verification {
  const { resetKey, methods: offered, error, isPending } = options;
  const webAuthn = useWebAuthnSupported();
  // Not memoised: nothing keeps it across renders (the Verification object is new on each).
  const usable = offered.filter((method) => method !== 'passkey' || webAuthn);
  // Only passkeys, in a browser without them: show the passkey panel, which says so.
  const methods = usable.length > 0 ? usable : offered;

  const [stored, setFlow] = useState<Flow>(() => fresh(resetKey));
  let flow = stored;
  if (stored.key !== resetKey) {
    // A new request: adjust during render, so the old request's code is never shown with the new one.
    flow = fresh(resetKey);
    setFlow(flow);
  }
  const update = (patch: Partial<Flow>) =>
    setFlow((current) => (current.key === resetKey ? { ...current, ...patch } : current));

  const method = flow.method !== null && methods.includes(flow.method) ? flow.method : methods[0];
  const lockout = useLockout(error);

  const succeed = (proved: VerificationMethod) => {
    update({ succeeded: true });
    options.onSuccess?.(proved);
  };

  const errorFor = (target: VerificationMethod): MfaError | null => {
    if (!error) return null;
    // A lock counts against the user, so it blocks every method; a temporary one is gone once it ends.
    if (lockout.permanent || lockout.retryAfter > 0) return lockout.ended ? null : error;
    return flow.attempted === target ? error : null;
  };

  const state: VerificationState = flow.succeeded
    ? 'success'
    : isPending
      ? 'pending'
      : lockout.locked
        ? 'locked'
        : error && flow.attempted
          ? 'error'
          : 'idle';

  return {
    methods,
    method,
    select: (next) => update({ method: next, code: '', switched: true }),
    switched: flow.switched,
    code: flow.code,
    cleared: flow.cleared,
    setCode: (code) => update({ code }),
    submitCode(code) {
      if ((method !== 'totp' && method !== 'recovery_code') || lockout.locked || isPending) return;
      update({ attempted: method });
      options.submitCode(method, code).then(
        () => succeed(method),
        // Shown through `error`; the field is emptied for the next try.
        () =>
          setFlow((current) =>
            current.key === resetKey ? { ...current, code: '', cleared: current.cleared + 1 } : current,
          ),
      );
    },
    async submitPasskey() {
      update({ attempted: 'passkey' });
      await options.submitPasskey();
      succeed('passkey');
    },
    errorFor,
    error,
    isPending,
    lockout,
    succeeded: flow.succeeded,
    state,
  };
}

export interface VerificationCodePanelProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'children' | 'method'> {
  verification: Verification;
  method: CodeMethod;
  /** Digits of a TOTP code. */
  digits: number;
  messages: Messages;
  /** The component's own `messages` prop, for the CodeInput parts. */
  override?: PartialMessages | undefined;
  /** Focus the field when it appears (it always does after the user switched methods). */
  autoFocus?: boolean | undefined;
  children?: ReactNode;
}

/**
 * A form with a CodeInput for the method shown: sends the code when it is complete (or submitted),
 * shows the error of its attempt under the field, and is read-only (not disabled, so focus stays) while a
 * check runs or a lockout lasts. Renders nothing while another method is shown.
 */
export const VerificationCodePanel = forwardRef<HTMLFormElement, VerificationCodePanelProps>(
  function VerificationCodePanel(
    { verification, method, digits, messages, override, autoFocus, className, children, onSubmit, ...rest },
    ref,
  ) {
    const { cleared } = verification;
    useEffect(() => {
      // CodeInput keeps drawing its caret where typing ended when its value is emptied from outside
      // (no selectionchange fires for that); its field re-reads the real caret on this event.
      if (cleared > 0) document.dispatchEvent(new Event('selectionchange'));
    }, [cleared]);
    if (verification.method !== method) return null;
    const error = verification.errorFor(method);
    const { locked } = verification.lockout;
    const length = method === 'totp' ? digits : 10;
    return (
      <form
        ref={ref}
        noValidate
        className={cx('mfa-verify-panel', className)}
        data-method={method}
        data-state={verification.state}
        {...rest}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.(event);
          if (verification.code.length === length) verification.submitCode(verification.code);
          // Nothing to send yet: take the user to the field.
          else event.currentTarget.querySelector('input')?.focus();
        }}
      >
        <CodeInput.Root
          mode={method === 'totp' ? 'numeric' : 'recovery'}
          length={method === 'totp' ? digits : 6}
          value={verification.code}
          onValueChange={(next) => {
            verification.setCode(next);
            // Sent on every change that completes the code: CodeInput's onComplete skips a code equal to
            // the last complete one, which is exactly what a user pastes again after a refusal.
            if (next.length === length && next !== verification.code) verification.submitCode(next);
          }}
          loading={verification.isPending}
          invalid={error !== null}
          data-locked={locked ? '' : undefined}
        >
          <CodeInput.Label messages={override} />
          <CodeInput.Field
            autoFocus={autoFocus || verification.switched}
            readOnly={locked || verification.isPending}
            aria-disabled={locked || undefined}
          >
            <CodeInput.Slots />
          </CodeInput.Field>
          <CodeInput.Hint messages={override} />
          {error ? (
            <CodeInput.Error>
              <ErrorMessage error={error} lockout={verification.lockout} messages={messages} />
            </CodeInput.Error>
          ) : null}
        </CodeInput.Root>
        {children}
      </form>
    );
  },
);

const ICONS: Record<VerificationMethod, ComponentType<SVGProps<SVGSVGElement>>> = {
  totp: TotpIcon,
  passkey: PasskeyIcon,
  recovery_code: RecoveryIcon,
};

export interface MethodSwitchProps extends ComponentPropsWithoutRef<'fieldset'> {
  verification: Verification;
  /** Names the group ("Use another method"). */
  label: string;
  /** A button's text per method. */
  names: Record<VerificationMethod, string>;
}

/** A fieldset with one button per other method; renders nothing when there is no other. */
export const MethodSwitch = forwardRef<HTMLFieldSetElement, MethodSwitchProps>(function MethodSwitch(
  { verification, label, names, className, ...rest },
  ref,
) {
  const others = verification.methods.filter((method) => method !== verification.method);
  if (others.length === 0 || verification.succeeded) return null;
  return (
    <fieldset ref={ref} className={cx('mfa-method-switch', className)} {...rest}>
      <legend className="mfa-method-switch-label">{label}</legend>
      <div className="mfa-method-switch-options">
        {others.map((method) => {
          const Icon = ICONS[method];
          return (
            <Button
              key={method}
              variant="secondary"
              className="mfa-method-switch-option"
              data-method={method}
              onClick={() => verification.select(method)}
            >
              <Icon />
              {names[method]}
            </Button>
          );
        })}
      </div>
    </fieldset>
  );
});
