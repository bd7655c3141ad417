'use client';
import { useStepUpDialog } from './context.js';
import {
  StepUpDialogCancel,
  StepUpDialogContent,
  StepUpDialogDescription,
  StepUpDialogMethodSwitch,
  StepUpDialogPasskey,
  StepUpDialogRecoveryCode,
  StepUpDialogStatus,
  StepUpDialogSubmit,
  StepUpDialogTitle,
  StepUpDialogTotp,
} from './parts.js';
import { StepUpDialogRoot, type StepUpDialogRootProps } from './root.js';

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
