/** Strings of PasskeyPrompt. */
export interface PasskeyMessages {
  register: {
    title: string;
    description: string;
    /** Label of the optional name field. */
    nameLabel: string;
    nameHint: string;
    action: string;
    /** Announced while the browser's passkey prompt is open. */
    pending: string;
    /**
     * Announced when the passkey was added: "Work laptop added.", or "Passkey added." for one the user
     * gave no name (`name` is then the kind's default, `devices.defaultName`).
     */
    success: (name: string) => string;
    /** The browser has no WebAuthn: a passkey can't be created here. */
    unsupported: string;
  };
  verify: {
    title: string;
    description: string;
    action: string;
    pending: string;
    success: string;
    unsupported: string;
  };
  /** The action's label after a cancelled or failed attempt. */
  retry: string;
  /** The way forward when passkeys don't work here. */
  fallback: string;
  /** The prompt was closed or timed out (`passkey_cancelled`). */
  cancelled: string;
  /** The authenticator already holds a passkey for this account (`passkey_already_registered`, `conflict`). */
  alreadyRegistered: string;
  /** The browser could not complete the ceremony (`passkey_failed`). */
  failed: string;
}

export const passkeyEn: PasskeyMessages = {
  register: {
    title: 'Add a passkey',
    description:
      'Sign in with your fingerprint, face, screen lock or a security key instead of typing a code.',
    nameLabel: 'Passkey name (optional)',
    nameHint: 'Helps you recognise it later, for example “Work laptop”.',
    action: 'Create a passkey',
    pending: 'Follow the steps your browser shows.',
    success: (name) => `${name} added.`,
    unsupported:
      'This browser can’t create passkeys. Try another browser or device, or use an authenticator app.',
  },
  verify: {
    title: 'Use your passkey',
    description: 'Use the passkey on this device, or your security key.',
    action: 'Use your passkey',
    pending: 'Follow the steps your browser shows.',
    success: 'Passkey confirmed.',
    unsupported: 'This browser can’t use passkeys. Use your authenticator app or a recovery code instead.',
  },
  retry: 'Try again',
  fallback: 'Use your authenticator app instead',
  cancelled: 'The passkey request was cancelled or timed out. Try again when you’re ready.',
  alreadyRegistered:
    'This device already has a passkey for your account, so you can use it to sign in. To add another, use a different device or security key.',
  failed: 'Your passkey didn’t work. Try again, or use another method.',
};

export const passkeyDe: PasskeyMessages = {
  register: {
    title: 'Passkey hinzufügen',
    description:
      'Melden Sie sich mit Fingerabdruck, Gesicht, Displaysperre oder Sicherheitsschlüssel an, statt einen Code einzugeben.',
    nameLabel: 'Name des Passkeys (optional)',
    nameHint: 'Damit Sie ihn später wiedererkennen, zum Beispiel „Arbeitslaptop“.',
    action: 'Passkey erstellen',
    pending: 'Folgen Sie den Schritten, die Ihr Browser anzeigt.',
    success: (name) => `${name} hinzugefügt.`,
    unsupported:
      'Dieser Browser kann keine Passkeys erstellen. Nutzen Sie einen anderen Browser oder ein anderes Gerät oder eine Authenticator-App.',
  },
  verify: {
    title: 'Passkey verwenden',
    description: 'Verwenden Sie den Passkey auf diesem Gerät oder Ihren Sicherheitsschlüssel.',
    action: 'Passkey verwenden',
    pending: 'Folgen Sie den Schritten, die Ihr Browser anzeigt.',
    success: 'Passkey bestätigt.',
    unsupported:
      'Dieser Browser unterstützt keine Passkeys. Nutzen Sie stattdessen Ihre Authenticator-App oder einen Wiederherstellungscode.',
  },
  retry: 'Erneut versuchen',
  fallback: 'Stattdessen die Authenticator-App verwenden',
  cancelled:
    'Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut, wenn Sie bereit sind.',
  alreadyRegistered:
    'Dieses Gerät hat bereits einen Passkey für Ihr Konto – Sie können ihn zur Anmeldung verwenden. Für einen weiteren nutzen Sie ein anderes Gerät oder einen Sicherheitsschlüssel.',
  failed: 'Ihr Passkey hat nicht funktioniert. Versuchen Sie es erneut oder nutzen Sie eine andere Methode.',
};

export const passkeyAr: PasskeyMessages = {
  register: {
    title: 'إضافة مفتاح مرور',
    description: 'سجّل الدخول ببصمتك أو وجهك أو قفل الشاشة أو مفتاح أمان بدلًا من كتابة رمز.',
    nameLabel: 'اسم مفتاح المرور (اختياري)',
    nameHint: 'يساعدك على التعرّف عليه لاحقًا، مثل «حاسوب العمل».',
    action: 'إنشاء مفتاح مرور',
    pending: 'اتبع الخطوات التي يعرضها متصفحك.',
    // The name may be Latin ("YubiKey"): isolated, so it can't reorder the Arabic around it.
    success: (name) => `تمت إضافة \u2068${name}\u2069.`,
    unsupported: 'لا يستطيع هذا المتصفح إنشاء مفاتيح مرور. جرّب متصفحًا أو جهازًا آخر، أو استخدم تطبيق مصادقة.',
  },
  verify: {
    title: 'استخدام مفتاح المرور',
    description: 'استخدم مفتاح المرور على هذا الجهاز أو مفتاح الأمان الخاص بك.',
    action: 'استخدام مفتاح المرور',
    pending: 'اتبع الخطوات التي يعرضها متصفحك.',
    success: 'تم تأكيد مفتاح المرور.',
    unsupported: 'لا يدعم هذا المتصفح مفاتيح المرور. استخدم تطبيق المصادقة أو رمز استرداد بدلًا من ذلك.',
  },
  retry: 'حاول مرة أخرى',
  fallback: 'استخدام تطبيق المصادقة بدلًا من ذلك',
  cancelled: 'أُلغي طلب مفتاح المرور أو انتهت مهلته. حاول مرة أخرى عندما تكون مستعدًا.',
  alreadyRegistered:
    'يحتوي هذا الجهاز بالفعل على مفتاح مرور لحسابك، ويمكنك استخدامه لتسجيل الدخول. لإضافة مفتاح آخر، استخدم جهازًا آخر أو مفتاح أمان.',
  failed: 'لم يعمل مفتاح المرور. حاول مرة أخرى أو استخدم طريقة أخرى.',
};
