/**
 * StepUpDialog: the app's step-up prompt. Mount it once inside MfaProvider; it opens whenever a
 * `useStepUp().ensure()` (or an action that steps up) waits for the user, names the action in its title,
 * offers the user's methods (most recently added first), and closes on success or cancel, returning
 * focus to where it was.
 */
export {
  StepUpDialog,
  StepUpDialogCancel,
  type StepUpDialogCancelProps,
  type StepUpDialogCodeProps,
  StepUpDialogContent,
  type StepUpDialogContentProps,
  StepUpDialogDescription,
  type StepUpDialogDescriptionProps,
  StepUpDialogMethodSwitch,
  type StepUpDialogMethodSwitchProps,
  StepUpDialogPasskey,
  type StepUpDialogPasskeyProps,
  type StepUpDialogProps,
  StepUpDialogReauth,
  StepUpDialogRecoveryCode,
  StepUpDialogStatus,
  type StepUpDialogStatusProps,
  StepUpDialogSubmit,
  type StepUpDialogSubmitProps,
  StepUpDialogTitle,
  type StepUpDialogTitleProps,
  StepUpDialogTotp,
} from './parts.js';
export { StepUpDialogRoot, type StepUpDialogRootProps } from './root.js';
