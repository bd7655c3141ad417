'use client';
/** StepUpDialog's parts; they render once Radix's Dialog has loaded (see StepUpDialog.Root). */
import type { Dialog } from 'radix-ui';
import { type ComponentPropsWithoutRef, forwardRef, lazy, type ReactNode, Suspense } from 'react';
// The verify parts by name, not the PasskeyPrompt object: its registration parts stay out of the bundle.
import {
  PasskeyPromptAction,
  PasskeyPromptDescription,
  PasskeyPromptStatus,
  PasskeyPromptUnsupported,
} from '../passkey-prompt/parts.js';
import { PasskeyPromptRoot } from '../passkey-prompt/root.js';
import { Alert } from '../primitives/alert.js';
import { Button, type ButtonProps } from '../primitives/button.js';
import { composeEventHandlers } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { type CodeMethod, MethodSwitch, VerificationCodePanel } from '../primitives/verification.js';
import { StepUpDialogRoot, type StepUpDialogRootProps, useStepUpDialog } from './root.js';

// The re-authentication screens load only for a request that offers them.
const ReauthPanel = lazy(() => import('./reauth.js').then((module) => ({ default: module.ReauthPanel })));
const ReauthSwitch = lazy(() => import('./reauth.js').then((module) => ({ default: module.ReauthSwitch })));

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
    const { Dialog, messages, theme, verification, returnFocus, reauth, prompt } = useStepUpDialog('Content');
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
          data-method={reauth ?? verification.method}
          data-status={reauth ? (prompt?.isPending ? 'pending' : 'idle') : verification.state}
          onOpenAutoFocus={composeEventHandlers(onOpenAutoFocus, (event) => {
            // Radix focuses the first control, which is Cancel when a passkey is offered first: the
            // passkey button is what to press (a code field comes first, and Radix finds it).
            const action = (event.currentTarget as HTMLElement).querySelector<HTMLElement>(
              '.mfa-passkey-action',
            );
            if (!action) return;
            event.preventDefault();
            action.focus();
          })}
          // A click outside does nothing (and an app that prevented it already asked for that).
          onPointerDownOutside={composeEventHandlers(onPointerDownOutside, (event) => event.preventDefault())}
          onCloseAutoFocus={composeEventHandlers(onCloseAutoFocus, (event) => {
            event.preventDefault();
            returnFocus();
          })}
          {...rest}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    );
  },
);

export interface StepUpDialogTitleProps extends ComponentPropsWithoutRef<typeof Dialog.Title> {}

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

export interface StepUpDialogDescriptionProps extends ComponentPropsWithoutRef<typeof Dialog.Description> {}

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

const CodePanel = forwardRef<HTMLFormElement, StepUpDialogCodeProps & { method: CodeMethod }>(
  function CodePanel(props, ref) {
    const { verification, digits, messages, override, formId } = useStepUpDialog(
      props.method === 'totp' ? 'Totp' : 'RecoveryCode',
    );
    return (
      <VerificationCodePanel
        ref={ref}
        id={formId}
        verification={verification}
        digits={digits}
        messages={messages}
        override={override}
        {...props}
      />
    );
  },
);

/** The authenticator-app code, sent when complete. Renders only while that method is shown. */
export const StepUpDialogTotp = forwardRef<HTMLFormElement, StepUpDialogCodeProps>(
  function StepUpDialogTotp(props, ref) {
    return <CodePanel ref={ref} method="totp" {...props} />;
  },
);

/** A recovery code (spends it). Renders only while that method is shown. */
export const StepUpDialogRecoveryCode = forwardRef<HTMLFormElement, StepUpDialogCodeProps>(
  function StepUpDialogRecoveryCode(props, ref) {
    return <CodePanel ref={ref} method="recovery_code" {...props} />;
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

/**
 * "Use another method": a button for each of the user's other methods, the re-authentication methods
 * the request offers among them ("Email me a code", "Text me a code", "Confirm with your wallet").
 */
export const StepUpDialogMethodSwitch = forwardRef<HTMLFieldSetElement, StepUpDialogMethodSwitchProps>(
  function StepUpDialogMethodSwitch(props, ref) {
    const { verification, messages, prompt } = useStepUpDialog('MethodSwitch');
    if (prompt?.reauthMethods.length) {
      return (
        <Suspense fallback={null}>
          <ReauthSwitch ref={ref} {...props} />
        </Suspense>
      );
    }
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

/**
 * The re-authentication method chosen (a code by email or SMS, or a wallet signature), with its own row
 * of Cancel and Confirm; nothing while a factor is shown. Its screens load on demand, the first time a
 * request offers re-authentication (docs/protocol.md §8).
 */
export function StepUpDialogReauth() {
  const { reauth } = useStepUpDialog('Reauth');
  if (reauth === null) return null;
  return (
    <Suspense fallback={null}>
      <ReauthPanel />
    </Suspense>
  );
}

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
  const { verification, reauth } = useStepUpDialog('Content');
  if (verification.method === 'passkey' || reauth !== null) return null;
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
        <StepUpDialogReauth />
        <StepUpDialogStatus />
        <CodeFooter />
        <StepUpDialogMethodSwitch />
      </StepUpDialogContent>
    </StepUpDialogRoot>
  );
}

/**
 * The ready composition, with its parts as `StepUpDialog.Root`, `.Content`, `.Title`, `.Description`,
 * `.Totp`, `.Passkey`, `.RecoveryCode`, `.Reauth`, `.Status`, `.Submit`, `.Cancel`, `.MethodSwitch`.
 */
export const StepUpDialog = Object.assign(StepUpDialogComposed, {
  Root: StepUpDialogRoot,
  Content: StepUpDialogContent,
  Title: StepUpDialogTitle,
  Description: StepUpDialogDescription,
  Totp: StepUpDialogTotp,
  Passkey: StepUpDialogPasskey,
  RecoveryCode: StepUpDialogRecoveryCode,
  Reauth: StepUpDialogReauth,
  Status: StepUpDialogStatus,
  Submit: StepUpDialogSubmit,
  Cancel: StepUpDialogCancel,
  MethodSwitch: StepUpDialogMethodSwitch,
});
