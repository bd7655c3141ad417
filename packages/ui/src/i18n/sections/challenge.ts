/** Strings of MfaChallenge, the second step of a sign-in. */
export interface ChallengeMessages {
  title: string;
  /** Why the screen asks, under the title. */
  description: string;
  /** The button that sends a typed code. */
  submit: string;
  /** Names the group of buttons that switch to another method. */
  anotherMethod: string;
  /** One button per other method. */
  switchTo: { totp: string; passkey: string; recovery_code: string };
  /** Shown and announced once the sign-in is complete. */
  success: string;
  /** Announced when a lockout is over. */
  unlocked: string;
}

export const challengeEn: ChallengeMessages = {
  title: 'Two-step verification',
  description: 'Your account is protected with a second step. Confirm it’s you to finish signing in.',
  submit: 'Verify',
  anotherMethod: 'Use another method',
  switchTo: {
    totp: 'Authenticator app',
    passkey: 'Passkey',
    recovery_code: 'Recovery code',
  },
  success: 'You’re signed in.',
  unlocked: 'You can try again now.',
};

export const challengeDe: ChallengeMessages = {
  title: 'Bestätigung in zwei Schritten',
  description:
    'Ihr Konto ist mit einem zweiten Schritt geschützt. Bestätigen Sie, dass Sie es sind, um die Anmeldung abzuschließen.',
  submit: 'Bestätigen',
  anotherMethod: 'Andere Methode verwenden',
  switchTo: {
    totp: 'Authenticator-App',
    passkey: 'Passkey',
    recovery_code: 'Wiederherstellungscode',
  },
  success: 'Sie sind angemeldet.',
  unlocked: 'Sie können es jetzt erneut versuchen.',
};

export const challengeAr: ChallengeMessages = {
  title: 'التحقق بخطوتين',
  description: 'حسابك محمي بخطوة ثانية. أكّد هويتك لإكمال تسجيل الدخول.',
  submit: 'تحقّق',
  anotherMethod: 'استخدام طريقة أخرى',
  switchTo: {
    totp: 'تطبيق المصادقة',
    passkey: 'مفتاح المرور',
    recovery_code: 'رمز الاسترداد',
  },
  success: 'تم تسجيل دخولك.',
  unlocked: 'يمكنك المحاولة مرة أخرى الآن.',
};
