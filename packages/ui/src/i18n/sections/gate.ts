/** Strings of MfaGate (its loading and error states, and the enrolment it shows when one is required). */
export interface GateMessages {
  /** Announced while the status loads. */
  loading: string;
  enrollTitle: string;
  enrollDescription: string;
  /** Tabs: how to add the first factor. */
  chooseMethod: string;
  useTotp: string;
  usePasskey: string;
  /** When the status cannot be loaded. */
  errorTitle: string;
}

export const gateEn: GateMessages = {
  loading: 'Checking your sign-in…',
  enrollTitle: 'Set up two-step verification',
  enrollDescription:
    'Your account needs a second step at sign-in. Add an authenticator app or a passkey to continue.',
  chooseMethod: 'How do you want to verify?',
  useTotp: 'Authenticator app',
  usePasskey: 'Passkey',
  errorTitle: 'We couldn’t check your sign-in',
};
export const gateDe: GateMessages = {
  loading: 'Ihre Anmeldung wird geprüft …',
  enrollTitle: 'Bestätigung in zwei Schritten einrichten',
  enrollDescription:
    'Ihr Konto braucht bei der Anmeldung einen zweiten Schritt. Fügen Sie eine Authenticator-App oder einen Passkey hinzu, um fortzufahren.',
  chooseMethod: 'Wie möchten Sie sich bestätigen?',
  useTotp: 'Authenticator-App',
  usePasskey: 'Passkey',
  errorTitle: 'Ihre Anmeldung konnte nicht geprüft werden',
};
export const gateAr: GateMessages = {
  loading: 'جارٍ التحقق من تسجيل دخولك…',
  enrollTitle: 'إعداد التحقق بخطوتين',
  enrollDescription: 'يحتاج حسابك إلى خطوة ثانية عند تسجيل الدخول. أضف تطبيق مصادقة أو مفتاح مرور للمتابعة.',
  chooseMethod: 'كيف تريد التحقق؟',
  useTotp: 'تطبيق المصادقة',
  usePasskey: 'مفتاح المرور',
  errorTitle: 'تعذّر التحقق من تسجيل دخولك',
};
