/** Strings of StepUpDialog. */
export interface StepUpMessages {
  /**
   * The dialog's title, completed by the scope's phrase from `scopes`: "Confirm it’s you to export your
   * wallet". Apps name their own scopes through `messages={{ scopes: { 'wallet:export': '…' } }}`.
   */
  title: (phrase: string) => string;
  /** Why the dialog asks, under the title. */
  description: string;
  /** The button that sends a typed code. */
  submit: string;
  /** Names the group of buttons that switch to another method. */
  anotherMethod: string;
  /** One button per other method. */
  switchTo: { totp: string; passkey: string; recovery_code: string };
  /** Announced (politely) once the dialog closed after a successful check. */
  success: string;
  /** Announced when a lockout is over. */
  unlocked: string;
}

export const stepUpEn: StepUpMessages = {
  title: (phrase) => `Confirm it’s you to ${phrase}`,
  description: 'For your security, we check again that it’s you before this action.',
  submit: 'Confirm',
  anotherMethod: 'Use another method',
  switchTo: {
    totp: 'Authenticator app',
    passkey: 'Passkey',
    recovery_code: 'Recovery code',
  },
  success: 'Confirmed. You can continue.',
  unlocked: 'You can try again now.',
};

export const stepUpDe: StepUpMessages = {
  title: (phrase) => `Bestätigen Sie, dass Sie es sind, um ${phrase}`,
  description: 'Zu Ihrer Sicherheit prüfen wir vor dieser Aktion noch einmal, dass Sie es sind.',
  submit: 'Bestätigen',
  anotherMethod: 'Andere Methode verwenden',
  switchTo: {
    totp: 'Authenticator-App',
    passkey: 'Passkey',
    recovery_code: 'Wiederherstellungscode',
  },
  success: 'Bestätigt. Sie können fortfahren.',
  unlocked: 'Sie können es jetzt erneut versuchen.',
};

export const stepUpAr: StepUpMessages = {
  title: (phrase) => `أكّد هويتك من أجل ${phrase}`,
  description: 'حفاظًا على أمانك، نتحقق مرة أخرى من هويتك قبل هذا الإجراء.',
  submit: 'تأكيد',
  anotherMethod: 'استخدام طريقة أخرى',
  switchTo: {
    totp: 'تطبيق المصادقة',
    passkey: 'مفتاح المرور',
    recovery_code: 'رمز الاسترداد',
  },
  success: 'تم التأكيد. يمكنك المتابعة.',
  unlocked: 'يمكنك المحاولة مرة أخرى الآن.',
};
