import { plural } from '../plural.js';

/** Strings of RecoveryCodes: showing, saving and replacing recovery codes. */
export interface RecoveryCodesMessages {
  /** Heading while fresh codes are shown. */
  title: string;
  description: string;
  /** Accessible name of the list of codes. */
  listLabel: string;
  copyAll: string;
  /** Announced after the codes were copied. */
  copied: string;
  download: string;
  /** Announced after the download started. */
  downloaded: (fileName: string) => string;
  print: string;
  /** The checkbox that must be ticked before Continue. */
  confirmSaved: string;
  /** First line of the downloaded file and of the printed sheet (when no `title` prop is given). */
  fileTitle: string;
  /** "Created 27 November 2026" (the date comes formatted in the locale). */
  fileDate: (date: string) => string;
  fileInstructions: string;
  /** Heading when no fresh codes are shown. */
  summaryTitle: string;
  /** "You have 8 recovery codes left." */
  remaining: (count: number) => string;
  /** Shown at 3 or fewer. */
  lowWarning: (count: number) => string;
  /** The user has no factor yet, so no codes. */
  none: string;
  /** Codes were generated but never confirmed as saved, and they can't be shown again. */
  unconfirmed: string;
  generate: string;
  /** The confirmation before replacing the codes. */
  confirmTitle: string;
  confirmDescription: string;
  confirmAction: string;
  /** The user closed the step-up prompt: nothing changed. */
  regenerateCancelled: string;
  /** After the user confirmed saving regenerated codes. */
  saved: string;
}

export const recoveryCodesEn: RecoveryCodesMessages = {
  title: 'Save your recovery codes',
  description:
    'If you lose your phone or can’t use your other sign-in methods, you can sign in with one of these codes. Each code works once. Keep them somewhere safe, such as a password manager.',
  listLabel: 'Recovery codes',
  copyAll: 'Copy all',
  copied: 'Recovery codes copied',
  download: 'Download',
  downloaded: (fileName) => `Downloaded ${fileName}`,
  print: 'Print',
  confirmSaved: 'I have saved these codes',
  fileTitle: 'Recovery codes',
  fileDate: (date) => `Created ${date}`,
  fileInstructions:
    'Each code can be used once to sign in when you can’t use your other sign-in methods. Keep them somewhere safe.',
  summaryTitle: 'Recovery codes',
  remaining: (count) =>
    count === 0
      ? 'You have no recovery codes left.'
      : plural('en', count, {
          one: 'You have 1 recovery code left.',
          other: 'You have # recovery codes left.',
        }),
  lowWarning: (count) =>
    count === 0
      ? 'Without recovery codes you could be locked out if you lose your other sign-in methods. Generate new ones.'
      : plural('en', count, {
          one: 'Only 1 code is left. Generate new ones before you run out.',
          other: 'Only # codes are left. Generate new ones before you run out.',
        }),
  none: 'You’ll get recovery codes when you add your first sign-in method.',
  unconfirmed:
    'Your latest recovery codes were never confirmed as saved, and they can’t be shown again. If you don’t have them, generate new ones.',
  generate: 'Generate new codes',
  confirmTitle: 'Generate new recovery codes?',
  confirmDescription: 'Your old codes will stop working. You’ll be asked to confirm it’s you.',
  confirmAction: 'Generate new codes',
  regenerateCancelled: 'Nothing changed: your old codes still work.',
  saved: 'Your new recovery codes are ready to use.',
};

export const recoveryCodesDe: RecoveryCodesMessages = {
  title: 'Wiederherstellungscodes speichern',
  description:
    'Wenn Sie Ihr Handy verlieren oder Ihre anderen Anmeldemethoden nicht nutzen können, melden Sie sich mit einem dieser Codes an. Jeder Code funktioniert einmal. Bewahren Sie sie sicher auf, etwa in einem Passwort-Manager.',
  listLabel: 'Wiederherstellungscodes',
  copyAll: 'Alle kopieren',
  copied: 'Wiederherstellungscodes kopiert',
  download: 'Herunterladen',
  downloaded: (fileName) => `${fileName} heruntergeladen`,
  print: 'Drucken',
  confirmSaved: 'Ich habe diese Codes gespeichert',
  fileTitle: 'Wiederherstellungscodes',
  fileDate: (date) => `Erstellt am ${date}`,
  fileInstructions:
    'Jeder Code kann einmal zur Anmeldung verwendet werden, wenn Ihre anderen Anmeldemethoden nicht verfügbar sind. Bewahren Sie sie sicher auf.',
  summaryTitle: 'Wiederherstellungscodes',
  remaining: (count) =>
    count === 0
      ? 'Sie haben keine Wiederherstellungscodes mehr.'
      : plural('de', count, {
          one: 'Sie haben noch 1 Wiederherstellungscode.',
          other: 'Sie haben noch # Wiederherstellungscodes.',
        }),
  lowWarning: (count) =>
    count === 0
      ? 'Ohne Wiederherstellungscodes könnten Sie ausgesperrt werden, wenn Sie Ihre anderen Anmeldemethoden verlieren. Erstellen Sie neue.'
      : plural('de', count, {
          one: 'Nur noch 1 Code übrig. Erstellen Sie neue, bevor sie aufgebraucht sind.',
          other: 'Nur noch # Codes übrig. Erstellen Sie neue, bevor sie aufgebraucht sind.',
        }),
  none: 'Sie erhalten Wiederherstellungscodes, sobald Sie Ihre erste Anmeldemethode hinzufügen.',
  unconfirmed:
    'Sie haben nie bestätigt, dass Sie Ihre neuesten Wiederherstellungscodes gespeichert haben, und sie können nicht erneut angezeigt werden. Falls Sie sie nicht haben, erstellen Sie neue.',
  generate: 'Neue Codes erstellen',
  confirmTitle: 'Neue Wiederherstellungscodes erstellen?',
  confirmDescription:
    'Ihre alten Codes funktionieren dann nicht mehr. Sie werden gebeten zu bestätigen, dass Sie es sind.',
  confirmAction: 'Neue Codes erstellen',
  regenerateCancelled: 'Nichts wurde geändert: Ihre alten Codes funktionieren weiterhin.',
  saved: 'Ihre neuen Wiederherstellungscodes sind einsatzbereit.',
};

export const recoveryCodesAr: RecoveryCodesMessages = {
  title: 'احفظ رموز الاسترداد',
  description:
    'إذا فقدت هاتفك أو لم تتمكن من استخدام طرق تسجيل الدخول الأخرى، يمكنك تسجيل الدخول بأحد هذه الرموز. يعمل كل رمز مرة واحدة. احفظها في مكان آمن، مثل مدير كلمات المرور.',
  listLabel: 'رموز الاسترداد',
  copyAll: 'نسخ الكل',
  copied: 'تم نسخ رموز الاسترداد',
  download: 'تنزيل',
  downloaded: (fileName) => `تم تنزيل ${fileName}`,
  print: 'طباعة',
  confirmSaved: 'لقد حفظت هذه الرموز',
  fileTitle: 'رموز الاسترداد',
  fileDate: (date) => `أُنشئت في ${date}`,
  fileInstructions:
    'يمكن استخدام كل رمز مرة واحدة لتسجيل الدخول عندما لا تتمكن من استخدام طرق تسجيل الدخول الأخرى. احفظها في مكان آمن.',
  summaryTitle: 'رموز الاسترداد',
  remaining: (count) =>
    plural('ar', count, {
      zero: 'لم يتبقَّ لديك أي رمز استرداد.',
      one: 'تبقّى لديك رمز استرداد واحد.',
      two: 'تبقّى لديك رمزا استرداد.',
      few: 'تبقّى لديك # رموز استرداد.',
      many: 'تبقّى لديك # رمز استرداد.',
      other: 'تبقّى لديك # رمز استرداد.',
    }),
  lowWarning: (count) =>
    plural('ar', count, {
      zero: 'بدون رموز الاسترداد قد لا تتمكن من الدخول إلى حسابك إذا فقدت طرق تسجيل الدخول الأخرى. أنشئ رموزًا جديدة.',
      one: 'تبقّى رمز واحد فقط. أنشئ رموزًا جديدة قبل أن تنفد.',
      two: 'تبقّى رمزان فقط. أنشئ رموزًا جديدة قبل أن تنفد.',
      few: 'تبقّت # رموز فقط. أنشئ رموزًا جديدة قبل أن تنفد.',
      other: 'تبقّى # رمز فقط. أنشئ رموزًا جديدة قبل أن تنفد.',
    }),
  none: 'ستحصل على رموز الاسترداد عند إضافة أول طريقة لتسجيل الدخول.',
  unconfirmed:
    'لم تؤكّد قط أنك حفظت أحدث رموز الاسترداد، ولا يمكن عرضها مرة أخرى. إذا لم تكن لديك، فأنشئ رموزًا جديدة.',
  generate: 'إنشاء رموز جديدة',
  confirmTitle: 'هل تريد إنشاء رموز استرداد جديدة؟',
  confirmDescription: 'ستتوقف رموزك القديمة عن العمل. سيُطلب منك تأكيد هويتك.',
  confirmAction: 'إنشاء رموز جديدة',
  regenerateCancelled: 'لم يتغيّر شيء: ما زالت رموزك القديمة تعمل.',
  saved: 'رموز الاسترداد الجديدة جاهزة للاستخدام.',
};
