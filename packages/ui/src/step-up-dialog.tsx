'use client';
/**
 * StepUpDialog: the app's step-up prompt. Mount it once inside MfaProvider; it opens whenever a
 * `useStepUp().ensure()` (or an action that steps up) waits for the user, names the action in its title,
 * offers the user's methods (most recently added first), and closes on success or cancel, returning
 * focus to where it was.
 */
import { MfaError, type VerificationMethod } from '@mfa-kit/client';
import { type StepUpPrompt, useMfa, useStepUpPrompt } from '@mfa-kit/react';
import type { Dialog } from 'radix-ui';
import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type ReactNode,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useMessages } from './config.js';
import type { Messages, PartialMessages } from './i18n/index.js';
// The verify parts by name, not the PasskeyPrompt object: its registration parts stay out of the bundle.
import {
  PasskeyPromptAction,
  PasskeyPromptDescription,
  PasskeyPromptRoot,
  PasskeyPromptStatus,
  PasskeyPromptUnsupported,
} from './passkey-prompt.js';
import { Alert } from './primitives/alert.js';
import { Button, type ButtonProps } from './primitives/button.js';
import { cx } from './primitives/cx.js';
import { type RadixDialogs, useRadixDialogs } from './primitives/lazy-dialog.js';
import {
  MethodSwitch,
  useVerification,
  type Verification,
  VerificationCodePanel,
  type VerificationState,
} from './primitives/verification.js';

interface StepUpDialogContextValue {
  /** Radix's Dialog, once loaded (at idle, or when the first request arrives). */
  Dialog: RadixDialogs['Dialog'];
  /** The request shown: the pending one, or the last one while the dialog closes. */
  prompt: StepUpPrompt | null;
  verification: Verification;
  messages: Messages;
  override: PartialMessages | undefined;
  digits: number;
  formId: string;
  /** `data-theme` of the nearest themed ancestor of where the dialog is mounted, for the portal. */
  theme: string | undefined;
  returnFocus(): void;
}

const StepUpDialogContext = createContext<StepUpDialogContextValue | null>(null);

function useStepUpDialog(part: string): StepUpDialogContextValue {
  const context = useContext(StepUpDialogContext);
  if (!context) throw new Error(`<StepUpDialog.${part}> must be inside <StepUpDialog.Root>`);
  return context;
}

const gone = () =>
  Promise.reject(new MfaError('stepup_cancelled', 'this step-up request is no longer pending'));

export interface StepUpDialogRootProps {
  /** Called after the user confirmed, with the scope and the method used. */
  onSuccess?: ((scope: string, method: VerificationMethod) => void) | undefined;
  /** Called when the user closed the dialog (Escape or Cancel); the waiting `ensure()` rejects. */
  onCancel?: ((scope: string) => void) | undefined;
  messages?: PartialMessages | undefined;
  children?: ReactNode;
}

/**
 * Registers the step-up prompt (`useStepUpPrompt`) and holds the dialog's state. Renders the Radix
 * Dialog root and, in place, a visually hidden live region that announces success after the dialog closed.
 * Radix's Dialog is loaded when the page is idle, or when the first request arrives; the parts render
 * once it is there.
 */
export function StepUpDialogRoot({
  onSuccess,
  onCancel,
  messages: override,
  children,
}: StepUpDialogRootProps) {
  const prompt = useStepUpPrompt();
  const { totpDigits } = useMfa();
  const messages = useMessages(override);
  const [shown, setShown] = useState(prompt);
  if (prompt !== null && prompt !== shown) setShown(prompt);
  const current = prompt ?? shown;
  const open = prompt !== null;

  const [announcement, setAnnouncement] = useState('');
  const [theme, setTheme] = useState<string | undefined>(undefined);
  const anchor = useRef<HTMLDivElement>(null);
  const focusBefore = useRef<Element | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    // Radix moves focus into the dialog in an effect of its own, later; remember where it was to return
    // it there (with no Dialog.Trigger, Radix has nowhere to return it).
    focusBefore.current = document.activeElement;
    setTheme(anchor.current?.closest('[data-theme]')?.getAttribute('data-theme') ?? undefined);
    setAnnouncement('');
  }, [open]);

  const verification = useVerification({
    resetKey: prompt?.scope ?? null,
    methods: current?.methods ?? [],
    error: prompt?.error ?? null,
    isPending: prompt?.isPending ?? false,
    submitCode: (method, code) => {
      if (!prompt) return gone();
      return method === 'totp' ? prompt.submitTotp(code) : prompt.submitRecoveryCode(code);
    },
    submitPasskey: () => (prompt ? prompt.submitPasskey() : gone()),
    onSuccess: (method) => {
      setAnnouncement(messages.stepUp.success);
      if (prompt) onSuccess?.(prompt.scope, method);
    },
  });

  const formId = useId();
  // Should the dialog's code not arrive, the request is cancelled rather than left waiting unseen.
  const radix = useRadixDialogs(open, () => {
    if (!prompt) return;
    prompt.cancel();
    onCancel?.(prompt.scope);
  });
  const Dialog = radix?.Dialog;
  const context: StepUpDialogContextValue | null = Dialog
    ? {
        Dialog,
        prompt: current,
        verification,
        messages,
        override,
        digits: totpDigits,
        formId,
        theme,
        returnFocus() {
          const target = focusBefore.current;
          focusBefore.current = null;
          if (target instanceof HTMLElement && target.isConnected) target.focus();
        },
      }
    : null;

  return (
    <StepUpDialogContext.Provider value={context}>
      {Dialog ? (
        <Dialog.Root
          open={open}
          onOpenChange={(next) => {
            if (next || !prompt) return;
            prompt.cancel();
            onCancel?.(prompt.scope);
          }}
        >
          {children}
        </Dialog.Root>
      ) : null}
      <div ref={anchor} role="status" className="mfa-visually-hidden">
        {announcement}
      </div>
    </StepUpDialogContext.Provider>
  );
}

export interface StepUpDialogContentProps extends ComponentPropsWithoutRef<typeof Dialog.Content> {
  /** Where the dialog is portalled to. Default `document.body`. */
  container?: HTMLElement | null | undefined;
  /** Class of the backdrop. */
  overlayClassName?: string | undefined;
}

/**
 * The portalled backdrop and dialog. Focus is trapped inside while open; Escape cancels; a click outside
 * does nothing (a half-typed code is not thrown away by a stray click). `data-status` is the
 * verification's state: `idle`, `pending`, `error`, `locked`, `success`; `data-method` the method shown.
 */
export const StepUpDialogContent = forwardRef<HTMLDivElement, StepUpDialogContentProps>(
  function StepUpDialogContent(
    {
      container,
      overlayClassName,
      className,
      children,
      onOpenAutoFocus,
      onCloseAutoFocus,
      onPointerDownOutside,
      ...rest
    },
    ref,
  ) {
    const { Dialog, messages, theme, verification, returnFocus } = useStepUpDialog('Content');
    const status: VerificationState = verification.state;
    return (
      <Dialog.Portal container={container}>
        <Dialog.Overlay
          className={cx('mfa-portal mfa-step-up-overlay', overlayClassName)}
          data-theme={theme}
        />
        <Dialog.Content
          ref={ref}
          className={cx('mfa-portal mfa-step-up', className)}
          dir={messages.dir}
          lang={messages.locale}
          data-theme={theme}
          data-method={verification.method}
          data-status={status}
          onOpenAutoFocus={(event) => {
            onOpenAutoFocus?.(event);
            // Radix focuses the first control, which is Cancel when a passkey is offered first: the
            // passkey button is what to press (a code field comes first, and Radix finds it).
            const action = (event.currentTarget as HTMLElement).querySelector<HTMLElement>(
              '.mfa-passkey-action',
            );
            if (event.defaultPrevented || !action) return;
            event.preventDefault();
            action.focus();
          }}
          onPointerDownOutside={(event) => {
            onPointerDownOutside?.(event);
            event.preventDefault();
          }}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            if (event.defaultPrevented) return;
            event.preventDefault();
            returnFocus();
          }}
          {...rest}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    );
  },
);

export type StepUpDialogTitleProps = ComponentPropsWithoutRef<typeof Dialog.Title>;

/**
 * "Confirm it’s you to export your wallet": `messages.stepUp.title` with the scope's phrase from
 * `messages.scopes` (or `scopes.default`).
 */
export const StepUpDialogTitle = forwardRef<HTMLHeadingElement, StepUpDialogTitleProps>(
  function StepUpDialogTitle({ className, children, ...rest }, ref) {
    const { Dialog, prompt, messages } = useStepUpDialog('Title');
    const phrase = (prompt ? messages.scopes[prompt.scope] : undefined) ?? messages.scopes.default;
    return (
      <Dialog.Title ref={ref} className={cx('mfa-title', className)} {...rest}>
        {children ?? messages.stepUp.title(phrase)}
      </Dialog.Title>
    );
  },
);

export type StepUpDialogDescriptionProps = ComponentPropsWithoutRef<typeof Dialog.Description>;

/** Why the dialog asks; the dialog is described by it. */
export const StepUpDialogDescription = forwardRef<HTMLParagraphElement, StepUpDialogDescriptionProps>(
  function StepUpDialogDescription({ className, children, ...rest }, ref) {
    const { Dialog, messages } = useStepUpDialog('Description');
    return (
      <Dialog.Description ref={ref} className={cx('mfa-description', className)} {...rest}>
        {children ?? messages.stepUp.description}
      </Dialog.Description>
    );
  },
);

export type StepUpDialogCodeProps = Omit<ComponentPropsWithoutRef<'form'>, 'children' | 'method'>;

/** The authenticator-app code, sent when complete. Renders only while that method is shown. */
export const StepUpDialogTotp = forwardRef<HTMLFormElement, StepUpDialogCodeProps>(
  function StepUpDialogTotp(props, ref) {
    const { verification, digits, messages, override, formId } = useStepUpDialog('Totp');
    return (
      <VerificationCodePanel
        ref={ref}
        id={formId}
        verification={verification}
        method="totp"
        digits={digits}
        messages={messages}
        override={override}
        {...props}
      />
    );
  },
);

/** A recovery code (spends it). Renders only while that method is shown. */
export const StepUpDialogRecoveryCode = forwardRef<HTMLFormElement, StepUpDialogCodeProps>(
  function StepUpDialogRecoveryCode(props, ref) {
    const { verification, digits, messages, override, formId } = useStepUpDialog('RecoveryCode');
    return (
      <VerificationCodePanel
        ref={ref}
        id={formId}
        verification={verification}
        method="recovery_code"
        digits={digits}
        messages={messages}
        override={override}
        {...props}
      />
    );
  },
);

export interface StepUpDialogPasskeyProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /**
   * Buttons for the row that ends the panel, before the passkey button (the ready composition puts
   * Cancel there, so the two sit side by side as Cancel and Confirm do for a code). Default: none.
   */
  actions?: ReactNode;
}

/**
 * A passkey (PasskeyPrompt answering with `prompt.submitPasskey()`): what to do, the status, then a row
 * with `actions` and the passkey button, which takes focus. Renders only while it is shown.
 */
export const StepUpDialogPasskey = forwardRef<HTMLDivElement, StepUpDialogPasskeyProps>(
  function StepUpDialogPasskey({ className, actions, ...rest }, ref) {
    const { verification, override } = useStepUpDialog('Passkey');
    if (verification.method !== 'passkey') return null;
    return (
      <PasskeyPromptRoot
        ref={ref}
        mode="verify"
        onVerify={verification.submitPasskey}
        error={verification.errorFor('passkey')}
        messages={override}
        className={cx('mfa-verify-panel', className)}
        data-method="passkey"
        {...rest}
      >
        <PasskeyPromptDescription />
        <PasskeyPromptUnsupported />
        <PasskeyPromptStatus />
        <div className="mfa-step-up-footer">
          {actions}
          <PasskeyPromptAction autoFocus={verification.switched} />
        </div>
      </PasskeyPromptRoot>
    );
  },
);

export type StepUpDialogMethodSwitchProps = ComponentPropsWithoutRef<'fieldset'>;

/** "Use another method": a button for each of the user's other methods. */
export const StepUpDialogMethodSwitch = forwardRef<HTMLFieldSetElement, StepUpDialogMethodSwitchProps>(
  function StepUpDialogMethodSwitch(props, ref) {
    const { verification, messages } = useStepUpDialog('MethodSwitch');
    return (
      <MethodSwitch
        ref={ref}
        verification={verification}
        label={messages.stepUp.anotherMethod}
        names={messages.stepUp.switchTo}
        {...props}
      />
    );
  },
);

export type StepUpDialogStatusProps = ComponentPropsWithoutRef<'div'>;

/** A polite live region: says when a lockout is over. */
export const StepUpDialogStatus = forwardRef<HTMLDivElement, StepUpDialogStatusProps>(
  function StepUpDialogStatus({ className, ...rest }, ref) {
    const { verification, messages } = useStepUpDialog('Status');
    return (
      <div ref={ref} className={cx('mfa-step-up-status', className)} {...rest}>
        <Alert tone="info">{verification.lockout.ended ? messages.stepUp.unlocked : null}</Alert>
      </div>
    );
  },
);

export type StepUpDialogSubmitProps = Omit<ButtonProps, 'type' | 'form'>;

/** Sends the typed code (also sent by itself when complete). Renders nothing for a passkey. */
export const StepUpDialogSubmit = forwardRef<HTMLButtonElement, StepUpDialogSubmitProps>(
  function StepUpDialogSubmit({ className, children, ...rest }, ref) {
    const { verification, messages, formId } = useStepUpDialog('Submit');
    if (verification.method === 'passkey' || verification.method === undefined) return null;
    const { locked } = verification.lockout;
    return (
      <Button
        ref={ref}
        type="submit"
        form={formId}
        className={cx('mfa-step-up-submit', className)}
        loading={verification.isPending}
        aria-disabled={locked || verification.isPending || undefined}
        {...rest}
      >
        {children ?? messages.stepUp.submit}
      </Button>
    );
  },
);

export type StepUpDialogCancelProps = ButtonProps;

/** Closes the dialog; the waiting `ensure()` rejects with `stepup_cancelled`. Escape does the same. */
export const StepUpDialogCancel = forwardRef<HTMLButtonElement, StepUpDialogCancelProps>(
  function StepUpDialogCancel({ children, variant = 'secondary', ...rest }, ref) {
    const { Dialog, messages } = useStepUpDialog('Cancel');
    return (
      <Dialog.Close asChild>
        <Button ref={ref} variant={variant} {...rest}>
          {children ?? messages.common.cancel}
        </Button>
      </Dialog.Close>
    );
  },
);

/** Cancel and Confirm under a code; a passkey has its own row (see StepUpDialogPasskey's `actions`). */
function CodeFooter() {
  const { verification } = useStepUpDialog('Content');
  if (verification.method === 'passkey') return null;
  return (
    <div className="mfa-step-up-footer">
      <StepUpDialogCancel />
      <StepUpDialogSubmit />
    </div>
  );
}

export interface StepUpDialogProps extends Omit<StepUpDialogRootProps, 'children'> {
  className?: string | undefined;
  /** Where the dialog is portalled to. Default `document.body`. */
  container?: HTMLElement | null | undefined;
}

/**
 * The ready composition. Mount it once near the root of the app, inside MfaProvider:
 *
 * @example
 * <MfaProvider client={client} accessToken={token} onAccessToken={setToken}>
 *   <App />
 *   <StepUpDialog />
 * </MfaProvider>
 */
function StepUpDialogComposed({ className, container, ...root }: StepUpDialogProps) {
  return (
    <StepUpDialogRoot {...root}>
      <StepUpDialogContent className={className} container={container}>
        <StepUpDialogTitle />
        <StepUpDialogDescription />
        <StepUpDialogTotp />
        <StepUpDialogPasskey actions={<StepUpDialogCancel />} />
        <StepUpDialogRecoveryCode />
        <StepUpDialogStatus />
        <CodeFooter />
        <StepUpDialogMethodSwitch />
      </StepUpDialogContent>
    </StepUpDialogRoot>
  );
}

/**
 * The ready composition, with its parts as `StepUpDialog.Root`, `.Content`, `.Title`, `.Description`,
 * `.Totp`, `.Passkey`, `.RecoveryCode`, `.Status`, `.Submit`, `.Cancel`, `.MethodSwitch`.
 */
export const StepUpDialog = Object.assign(StepUpDialogComposed, {
  Root: StepUpDialogRoot,
  Content: StepUpDialogContent,
  Title: StepUpDialogTitle,
  Description: StepUpDialogDescription,
  Totp: StepUpDialogTotp,
  Passkey: StepUpDialogPasskey,
  RecoveryCode: StepUpDialogRecoveryCode,
  Status: StepUpDialogStatus,
  Submit: StepUpDialogSubmit,
  Cancel: StepUpDialogCancel,
  MethodSwitch: StepUpDialogMethodSwitch,
});
