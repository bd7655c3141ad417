import type { MfaErrorCode } from '@mfa-kit/client';
import { plural } from '../plural.js';

export interface CommonMessages {
  loading: string;
  cancel: string;
  continue: string;
  close: string;
  retry: string;
  copy: string;
  copied: string;
  /** A step-up or verification method's name. */
  method: { totp: string; passkey: string; recovery_code: string };
}

/** What a user reads for each error code: say what happened and what to do, never blame. */
export interface ErrorMessages {
  codes: Record<MfaErrorCode, string>;
  /** With a known wait: "Too many attempts. Try again in 0:30." */
  rateLimited: (seconds: number) => string;
  /** After a wrong code, the tries left before a lock (`attemptsRemaining`, 1 or more): "1 attempt left." */
  attemptsLeft: (count: number) => string;
  /**
   * A lock only the service's operators can lift (`locked: 'permanent'`): no time to wait for, so it says
   * whom to ask.
   */
  lockedPermanently: string;
}

/**
 * Phrases naming what a step-up protects, completing "Confirm it’s you to …". Apps add their own
 * scopes through `messages={{ scopes: { 'wallet:export': 'export your wallet' } }}`.
 */
export type ScopeMessages = Record<string, string> & { default: string };

export const commonEn: CommonMessages = {
  loading: 'Loading…',
  cancel: 'Cancel',
  continue: 'Continue',
  close: 'Close',
  retry: 'Try again',
  copy: 'Copy',
  copied: 'Copied',
  method: { totp: 'Authenticator app', passkey: 'Passkey', recovery_code: 'Recovery code' },
};
export const commonDe: CommonMessages = {
  loading: 'Wird geladen …',
  cancel: 'Abbrechen',
  continue: 'Weiter',
  close: 'Schließen',
  retry: 'Erneut versuchen',
  copy: 'Kopieren',
  copied: 'Kopiert',
  method: { totp: 'Authenticator-App', passkey: 'Passkey', recovery_code: 'Wiederherstellungscode' },
};
export const commonAr: CommonMessages = {
  loading: 'جارٍ التحميل…',
  cancel: 'إلغاء',
  continue: 'متابعة',
  close: 'إغلاق',
  retry: 'حاول مرة أخرى',
  copy: 'نسخ',
  copied: 'تم النسخ',
  method: { totp: 'تطبيق المصادقة', passkey: 'مفتاح المرور', recovery_code: 'رمز الاسترداد' },
};

const clock = (seconds: number, locale: string) => {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  return `${new Intl.NumberFormat(locale).format(minutes)}:${two.format(rest)}`;
};

export const errorsEn: ErrorMessages = {
  codes: {
    invalid_request: 'That didn’t look right. Check what you entered and try again.',
    unauthorized: 'Your session has ended. Sign in again.',
    mfa_required: 'Finish signing in with your second step first.',
    forbidden: 'This isn’t allowed for your account.',
    elevation_required: 'Confirm it’s you to continue.',
    not_found: 'We couldn’t find that. It may have been removed.',
    conflict: 'That can’t be done right now.',
    expired: 'This has expired. Start again.',
    payload_too_large: 'That was too much to send.',
    invalid_code: 'That code isn’t right. Check it and try again.',
    code_reused: 'That code was already used. Wait for a new code and try again.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    internal_error: 'Something went wrong on our side. Try again.',
    unavailable: 'The service is unavailable right now. Try again in a moment.',
    network_error: 'You seem to be offline. Check your connection and try again.',
    bad_response: 'Something went wrong. Try again.',
    invalid_input: 'Enter the code as shown, digits only.',
    invalid_token: 'Your session has ended. Sign in again.',
    passkey_cancelled: 'The passkey request was cancelled or timed out.',
    passkey_not_supported: 'This browser can’t use passkeys. Use another method.',
    passkey_already_registered: 'This passkey is already registered.',
    passkey_failed: 'The passkey didn’t work. Try again or use another method.',
    stepup_cancelled: 'Cancelled.',
    reauth_unavailable: 'This way to confirm is not available for your account.',
    delivery_failed: 'The code could not be sent. Nothing was used up. Try again in a moment.',
    wallet_rejected: 'The signature was declined in your wallet.',
    wallet_failed: 'Your wallet could not sign the message. Try again.',
  },
  rateLimited: (seconds) => `Too many attempts. Try again in ${clock(seconds, 'en')}.`,
  attemptsLeft: (count) => plural('en', count, { one: '# attempt left.', other: '# attempts left.' }),
  lockedPermanently: 'Too many wrong attempts, so your account is locked. Contact support to unlock it.',
};
export const errorsDe: ErrorMessages = {
  codes: {
    invalid_request: 'Das sah nicht richtig aus. Prüfen Sie Ihre Eingabe und versuchen Sie es erneut.',
    unauthorized: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
    mfa_required: 'Schließen Sie zuerst die Anmeldung mit dem zweiten Schritt ab.',
    forbidden: 'Das ist für Ihr Konto nicht erlaubt.',
    elevation_required: 'Bestätigen Sie, dass Sie es sind, um fortzufahren.',
    not_found: 'Das wurde nicht gefunden. Vielleicht wurde es entfernt.',
    conflict: 'Das ist gerade nicht möglich.',
    expired: 'Das ist abgelaufen. Beginnen Sie von vorn.',
    payload_too_large: 'Das war zu viel zum Senden.',
    invalid_code: 'Dieser Code stimmt nicht. Prüfen Sie ihn und versuchen Sie es erneut.',
    code_reused: 'Dieser Code wurde schon verwendet. Warten Sie auf einen neuen Code.',
    rate_limited: 'Zu viele Versuche. Warten Sie einen Moment.',
    internal_error: 'Bei uns ist etwas schiefgelaufen. Versuchen Sie es erneut.',
    unavailable: 'Der Dienst ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.',
    network_error: 'Sie scheinen offline zu sein. Prüfen Sie Ihre Verbindung.',
    bad_response: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
    invalid_input: 'Geben Sie den Code wie angezeigt ein, nur Ziffern.',
    invalid_token: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
    passkey_cancelled: 'Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen.',
    passkey_not_supported: 'Dieser Browser unterstützt keine Passkeys. Nutzen Sie eine andere Methode.',
    passkey_already_registered: 'Dieser Passkey ist bereits registriert.',
    passkey_failed:
      'Der Passkey hat nicht funktioniert. Versuchen Sie es erneut oder nutzen Sie eine andere Methode.',
    stepup_cancelled: 'Abgebrochen.',
    reauth_unavailable: 'Diese Art der Bestätigung ist für Ihr Konto nicht verfügbar.',
    delivery_failed:
      'Der Code konnte nicht gesendet werden. Es wurde nichts verbraucht. Versuchen Sie es gleich noch einmal.',
    wallet_rejected: 'Die Signatur wurde in Ihrer Wallet abgelehnt.',
    wallet_failed: 'Ihre Wallet konnte die Nachricht nicht signieren. Versuchen Sie es noch einmal.',
  },
  rateLimited: (seconds) => `Zu viele Versuche. Erneut möglich in ${clock(seconds, 'de')}.`,
  attemptsLeft: (count) => plural('de', count, { one: 'Noch # Versuch.', other: 'Noch # Versuche.' }),
  lockedPermanently:
    'Zu viele falsche Versuche, deshalb ist Ihr Konto gesperrt. Wenden Sie sich an den Support, um es entsperren zu lassen.',
};
export const errorsAr: ErrorMessages = {
  codes: {
    invalid_request: 'يبدو أن هناك خطأ. تحقّق مما أدخلته وحاول مرة أخرى.',
    unauthorized: 'انتهت جلستك. سجّل الدخول مرة أخرى.',
    mfa_required: 'أكمل تسجيل الدخول بالخطوة الثانية أولًا.',
    forbidden: 'هذا غير مسموح به لحسابك.',
    elevation_required: 'أكّد هويتك للمتابعة.',
    not_found: 'لم نعثر على ذلك. ربما تمت إزالته.',
    conflict: 'لا يمكن إجراء ذلك الآن.',
    expired: 'انتهت الصلاحية. ابدأ من جديد.',
    payload_too_large: 'البيانات المرسلة كبيرة جدًا.',
    invalid_code: 'الرمز غير صحيح. تحقّق منه وحاول مرة أخرى.',
    code_reused: 'سبق استخدام هذا الرمز. انتظر رمزًا جديدًا وحاول مرة أخرى.',
    rate_limited: 'محاولات كثيرة جدًا. انتظر قليلًا وحاول مرة أخرى.',
    internal_error: 'حدث خطأ من جهتنا. حاول مرة أخرى.',
    unavailable: 'الخدمة غير متاحة الآن. حاول بعد قليل.',
    network_error: 'يبدو أنك غير متصل. تحقّق من اتصالك وحاول مرة أخرى.',
    bad_response: 'حدث خطأ ما. حاول مرة أخرى.',
    invalid_input: 'أدخل الرمز كما يظهر، أرقامًا فقط.',
    invalid_token: 'انتهت جلستك. سجّل الدخول مرة أخرى.',
    passkey_cancelled: 'أُلغي طلب مفتاح المرور أو انتهت مهلته.',
    passkey_not_supported: 'لا يدعم هذا المتصفح مفاتيح المرور. استخدم طريقة أخرى.',
    passkey_already_registered: 'مفتاح المرور هذا مسجّل بالفعل.',
    passkey_failed: 'لم يعمل مفتاح المرور. حاول مرة أخرى أو استخدم طريقة أخرى.',
    stepup_cancelled: 'أُلغي.',
    reauth_unavailable: 'طريقة التأكيد هذه غير متاحة لحسابك.',
    delivery_failed: 'تعذّر إرسال الرمز. لم يُستهلك شيء. حاول بعد قليل.',
    wallet_rejected: 'رُفض التوقيع في محفظتك.',
    wallet_failed: 'تعذّر على محفظتك توقيع الرسالة. حاول مرة أخرى.',
  },
  rateLimited: (seconds) => `محاولات كثيرة جدًا. حاول مرة أخرى بعد ${clock(seconds, 'ar')}.`,
  attemptsLeft: (count) =>
    plural('ar', count, {
      one: 'تبقّت محاولة واحدة.',
      two: 'تبقّت محاولتان.',
      few: 'تبقّت # محاولات.',
      other: 'تبقّت # محاولة.',
    }),
  lockedPermanently: 'محاولات خاطئة كثيرة جدًا، لذا قُفل حسابك. تواصل مع الدعم لفتحه.',
};

export const scopesEn: ScopeMessages = {
  default: 'continue',
  'credential:link': 'change your sign-in methods',
  'credential:unlink': 'remove a sign-in method',
};
export const scopesDe: ScopeMessages = {
  default: 'fortzufahren',
  'credential:link': 'Ihre Anmeldemethoden zu ändern',
  'credential:unlink': 'eine Anmeldemethode zu entfernen',
};
export const scopesAr: ScopeMessages = {
  default: 'المتابعة',
  'credential:link': 'تغيير طرق تسجيل الدخول',
  'credential:unlink': 'إزالة طريقة لتسجيل الدخول',
};
