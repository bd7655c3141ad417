/**
 * What a sender is given, and the words of a code message in the user's language. The server sends codes
 * for re-authentication (step-up without an MFA factor, security rules 26-31); the app chooses how they
 * travel: `senders: { email, sms }` in the server's options, each one async function.
 */

/** One code to deliver. Never log it: `code` is a secret until it is used or expires. */
export interface CodeMessage {
  /** The verified destination from the app's `getUserContacts`: an email address or an E.164 number. */
  to: string;
  /** The one-time code, 6 digits. */
  code: string;
  /** Why the code was sent. */
  purpose: 'step-up';
  /** The scopes the code will elevate, e.g. `['wallet:export']`. */
  scopes: string[];
  userId: string;
  /** The user's language (BCP 47) as the request gave it (`Accept-Language`), e.g. `de-DE`. */
  locale: string;
  /** When the code stops working, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Delivers a code by email. Resolve once the message was accepted for delivery; throw when it was not:
 * the server then answers `503 delivery_failed`, stores nothing and counts nothing, so the user can retry
 * (security rule 30). Never include the code in what it throws or logs.
 */
export type EmailSender = (message: CodeMessage) => Promise<void>;

/** Delivers a code by SMS; the same contract as {@link EmailSender}. */
export type SmsSender = (message: CodeMessage) => Promise<void>;

/** A code message in words, ready to send: {@link renderCodeMessage}. */
export interface RenderedCodeMessage {
  /** For email. */
  subject: string;
  /** The plain-text body (for SMS, the whole message). */
  text: string;
}

interface Words {
  subject(code: string): string;
  email(code: string, minutes: number): string;
  sms(code: string, minutes: number): string;
}

const WORDS: Record<'en' | 'de' | 'ar', Words> = {
  en: {
    subject: (code) => `${code} is your verification code`,
    email: (code, minutes) =>
      `Your verification code is ${code}.\n\n` +
      `Enter it to confirm a sensitive action. It works once and expires in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.\n\n` +
      'If you did not ask for this code, do not share it with anyone: someone may be trying to use your account.',
    sms: (code, minutes) =>
      `${code} is your verification code. It expires in ${minutes} min. Do not share it with anyone.`,
  },
  de: {
    subject: (code) => `${code} ist Ihr Bestätigungscode`,
    email: (code, minutes) =>
      `Ihr Bestätigungscode lautet ${code}.\n\n` +
      `Geben Sie ihn ein, um eine sicherheitsrelevante Aktion zu bestätigen. Er gilt einmal und läuft in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} ab.\n\n` +
      'Wenn Sie diesen Code nicht angefordert haben, geben Sie ihn an niemanden weiter: Möglicherweise versucht jemand, Ihr Konto zu verwenden.',
    sms: (code, minutes) =>
      `${code} ist Ihr Bestätigungscode. Er läuft in ${minutes} Min. ab. Geben Sie ihn an niemanden weiter.`,
  },
  ar: {
    subject: (code) => `${code} هو رمز التحقق الخاص بك`,
    email: (code, minutes) =>
      `رمز التحقق الخاص بك هو ${code}.\n\n` +
      `أدخله لتأكيد إجراء حساس. يعمل مرة واحدة وتنتهي صلاحيته خلال ${arabicMinutes(minutes)}.\n\n` +
      'إذا لم تطلب هذا الرمز، فلا تشاركه مع أي شخص: ربما يحاول شخص ما استخدام حسابك.',
    sms: (code, minutes) =>
      `${code} هو رمز التحقق الخاص بك. تنتهي صلاحيته خلال ${arabicMinutes(minutes)}. لا تشاركه مع أي شخص.`,
  },
};

/** Arabic counts nouns in four forms: 1, 2, 3-10 and 11 or more. */
function arabicMinutes(minutes: number): string {
  if (minutes === 1) return 'دقيقة واحدة';
  if (minutes === 2) return 'دقيقتين';
  if (minutes <= 10) return `${minutes} دقائق`;
  return `${minutes} دقيقة`;
}

/**
 * The default words of a code message, in the message's language (English, German or Arabic; English
 * for any other), for `channel` `email` or `sms`. Use it in a sender of your own to keep the server's
 * wording, or write your own text: nothing else depends on it.
 */
export function renderCodeMessage(
  message: CodeMessage,
  channel: 'email' | 'sms',
  now = Date.now(),
): RenderedCodeMessage {
  const language = message.locale.toLowerCase().split(/[-_]/)[0];
  const words = language === 'de' || language === 'ar' ? WORDS[language] : WORDS.en;
  const minutes = Math.max(1, Math.round((message.expiresAt - now) / 60_000));
  return {
    subject: words.subject(message.code),
    text: channel === 'email' ? words.email(message.code, minutes) : words.sms(message.code, minutes),
  };
}
