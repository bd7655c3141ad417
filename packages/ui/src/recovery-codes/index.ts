/** RecoveryCodes' public surface: the ready composition, and each part under its full name. */

export { LOW_RECOVERY_CODES } from './flow.js';
export {
  RecoveryCodes,
  type RecoveryCodesActionProps,
  RecoveryCodesConfirm,
  type RecoveryCodesConfirmProps,
  RecoveryCodesContinue,
  RecoveryCodesCopy,
  RecoveryCodesDescription,
  type RecoveryCodesDescriptionProps,
  RecoveryCodesDownload,
  RecoveryCodesError,
  type RecoveryCodesErrorProps,
  RecoveryCodesList,
  type RecoveryCodesListProps,
  RecoveryCodesPrint,
  type RecoveryCodesProps,
  RecoveryCodesRegenerate,
  type RecoveryCodesRegenerateProps,
  RecoveryCodesRemaining,
  type RecoveryCodesRemainingProps,
  RecoveryCodesStatus,
  type RecoveryCodesStatusProps,
  RecoveryCodesTitle,
  type RecoveryCodesTitleProps,
} from './parts.js';
export { RecoveryCodesRoot, type RecoveryCodesRootProps, type RecoveryCodesState } from './root.js';
export { recoveryCodesText } from './text.js';
