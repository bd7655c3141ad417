/** Strings of TotpSetup: adding an authenticator app. */
export interface TotpSetupMessages {
  title: string;
  description: string;
  /** Label of the optional device-name field. */
  nameLabel: string;
  /** What the name is for, and what happens when it is left empty. */
  nameHint: string;
  /** The button that starts the enrolment. */
  start: string;
  /** Heading of the first step (scan). */
  scanTitle: string;
  scanInstructions: string;
  /** Accessible name of the QR code image. */
  qrLabel: string;
  /** The otpauth:// link, shown on touch devices. */
  openInApp: string;
  /** The disclosure for people who can't scan. */
  cantScan: string;
  secretInstructions: string;
  /** Label of the setup key. */
  secretLabel: string;
  copySecret: string;
  /** Announced after the key was copied. */
  secretCopied: string;
  /** Heading of the second step (enter the first code). */
  verifyTitle: string;
  verify: string;
  /** Shown after two wrong codes in a row: the usual cause is the phone's clock. */
  clockHint: string;
  /** The enrolment is too old (or gone): the user must start again. */
  expired: string;
  /** Too many wrong codes locked this enrolment for good: the user starts a new one. */
  locked: string;
  startAgain: string;
  /** The user closed the step-up prompt that adding a second factor needs. */
  stepUpCancelled: string;
  success: string;
  /** "“Pixel 9” is ready." */
  successDescription: (deviceName: string) => string;
}

export const totpSetupEn: TotpSetupMessages = {
  title: 'Set up an authenticator app',
  description:
    'An authenticator app, such as Google Authenticator, Microsoft Authenticator, 1Password or Authy, gives you a new code every 30 seconds for signing in.',
  nameLabel: 'Name (optional)',
  nameHint:
    'Helps you recognise this app later, for example “Work phone”. Leave it empty to use a default name.',
  start: 'Set up authenticator app',
  scanTitle: 'Scan the QR code',
  scanInstructions: 'In your authenticator app, add an account and scan this QR code.',
  qrLabel: 'QR code for your authenticator app',
  openInApp: 'Open in authenticator app',
  cantScan: 'Can’t scan it?',
  secretInstructions:
    'Add an account in your app and enter this setup key. If the app asks, choose “time-based”.',
  secretLabel: 'Setup key',
  copySecret: 'Copy key',
  secretCopied: 'Setup key copied',
  verifyTitle: 'Enter the code from the app',
  verify: 'Verify',
  clockHint:
    'Still not working? Codes depend on the clock: check that the date and time on your phone are set automatically.',
  expired:
    'This setup has expired. Start again to get a new QR code, and remove the old entry from your app.',
  locked:
    'Too many wrong codes for this setup. Start again to get a new QR code, and remove the old entry from your app.',
  startAgain: 'Start again',
  stepUpCancelled: 'To add an app, first confirm it’s you. Try again when you’re ready.',
  success: 'Authenticator app added',
  successDescription: (name) => `“${name}” is ready. You’ll use its codes when you sign in.`,
};

export const totpSetupDe: TotpSetupMessages = {
  title: 'Authenticator-App einrichten',
  description:
    'Eine Authenticator-App wie Google Authenticator, Microsoft Authenticator, 1Password oder Authy zeigt Ihnen alle 30 Sekunden einen neuen Code für die Anmeldung.',
  nameLabel: 'Name (optional)',
  nameHint:
    'Damit Sie die App später wiedererkennen, zum Beispiel „Diensthandy“. Ohne Eingabe wird ein Standardname verwendet.',
  start: 'Authenticator-App einrichten',
  scanTitle: 'QR-Code scannen',
  scanInstructions: 'Fügen Sie in Ihrer Authenticator-App ein Konto hinzu und scannen Sie diesen QR-Code.',
  qrLabel: 'QR-Code für Ihre Authenticator-App',
  openInApp: 'In Authenticator-App öffnen',
  cantScan: 'Scannen funktioniert nicht?',
  secretInstructions:
    'Fügen Sie in Ihrer App ein Konto hinzu und geben Sie diesen Einrichtungsschlüssel ein. Wählen Sie „zeitbasiert“, falls die App fragt.',
  secretLabel: 'Einrichtungsschlüssel',
  copySecret: 'Schlüssel kopieren',
  secretCopied: 'Einrichtungsschlüssel kopiert',
  verifyTitle: 'Code aus der App eingeben',
  verify: 'Bestätigen',
  clockHint:
    'Funktioniert es immer noch nicht? Die Codes hängen von der Uhrzeit ab: Prüfen Sie, ob Datum und Uhrzeit auf Ihrem Handy automatisch eingestellt werden.',
  expired:
    'Diese Einrichtung ist abgelaufen. Beginnen Sie von vorn, um einen neuen QR-Code zu erhalten, und löschen Sie den alten Eintrag in Ihrer App.',
  locked:
    'Zu viele falsche Codes für diese Einrichtung. Beginnen Sie von vorn, um einen neuen QR-Code zu erhalten, und löschen Sie den alten Eintrag in Ihrer App.',
  startAgain: 'Von vorn beginnen',
  stepUpCancelled:
    'Um eine App hinzuzufügen, bestätigen Sie zuerst, dass Sie es sind. Versuchen Sie es erneut, wenn Sie bereit sind.',
  success: 'Authenticator-App hinzugefügt',
  successDescription: (name) =>
    `„${name}“ ist eingerichtet. Sie verwenden die Codes dieser App bei der Anmeldung.`,
};

export const totpSetupAr: TotpSetupMessages = {
  title: 'إعداد تطبيق المصادقة',
  description:
    'يمنحك تطبيق المصادقة، مثل Google Authenticator أو Microsoft Authenticator أو 1Password أو Authy، رمزًا جديدًا كل ٣٠ ثانية لتسجيل الدخول.',
  nameLabel: 'الاسم (اختياري)',
  nameHint: 'يساعدك على تمييز هذا التطبيق لاحقًا، مثل «هاتف العمل». اتركه فارغًا لاستخدام اسم افتراضي.',
  start: 'إعداد تطبيق المصادقة',
  scanTitle: 'امسح رمز QR',
  scanInstructions: 'أضف حسابًا في تطبيق المصادقة وامسح رمز QR هذا.',
  qrLabel: 'رمز QR لتطبيق المصادقة',
  openInApp: 'الفتح في تطبيق المصادقة',
  cantScan: 'لا يمكنك المسح؟',
  secretInstructions:
    'أضف حسابًا في التطبيق وأدخل مفتاح الإعداد هذا. إذا سألك التطبيق، فاختر «مستند إلى الوقت».',
  secretLabel: 'مفتاح الإعداد',
  copySecret: 'نسخ المفتاح',
  secretCopied: 'تم نسخ مفتاح الإعداد',
  verifyTitle: 'أدخل الرمز من التطبيق',
  verify: 'تحقّق',
  clockHint: 'ما زال لا يعمل؟ تعتمد الرموز على الساعة: تأكّد من ضبط التاريخ والوقت في هاتفك تلقائيًا.',
  expired: 'انتهت صلاحية هذا الإعداد. ابدأ من جديد للحصول على رمز QR جديد، واحذف الإدخال القديم من التطبيق.',
  locked:
    'رموز خاطئة كثيرة جدًا لهذا الإعداد. ابدأ من جديد للحصول على رمز QR جديد، واحذف الإدخال القديم من التطبيق.',
  startAgain: 'البدء من جديد',
  stepUpCancelled: 'لإضافة تطبيق، أكّد هويتك أولًا. حاول مرة أخرى عندما تكون مستعدًا.',
  success: 'تمت إضافة تطبيق المصادقة',
  successDescription: (name) => `«${name}» جاهز. ستستخدم رموزه عند تسجيل الدخول.`,
};
