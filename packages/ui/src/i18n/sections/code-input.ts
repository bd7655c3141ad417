/** Strings of CodeInput. */
export interface CodeInputMessages {
  /** Accessible name of a TOTP code field. */
  label: string;
  /** Accessible name of a recovery-code field. */
  recoveryLabel: string;
  /** "Enter the 6-digit code from your authenticator app." */
  hint: (digits: number) => string;
  recoveryHint: string;
}

export const codeInputEn: CodeInputMessages = {
  label: 'Verification code',
  recoveryLabel: 'Recovery code',
  hint: (digits) => `Enter the ${digits}-digit code from your authenticator app.`,
  recoveryHint: 'Enter one of your recovery codes, for example 7kq2m-x9d4f.',
};
export const codeInputDe: CodeInputMessages = {
  label: 'Bestätigungscode',
  recoveryLabel: 'Wiederherstellungscode',
  hint: (digits) => `Geben Sie den ${digits}-stelligen Code aus Ihrer Authenticator-App ein.`,
  recoveryHint: 'Geben Sie einen Ihrer Wiederherstellungscodes ein, zum Beispiel 7kq2m-x9d4f.',
};
export const codeInputAr: CodeInputMessages = {
  label: 'رمز التحقق',
  recoveryLabel: 'رمز الاسترداد',
  hint: (digits) =>
    `أدخل الرمز المكوّن من ${new Intl.NumberFormat('ar').format(digits)} أرقام من تطبيق المصادقة.`,
  recoveryHint: 'أدخل أحد رموز الاسترداد الخاصة بك، مثل \u20687kq2m-x9d4f\u2069.',
};
