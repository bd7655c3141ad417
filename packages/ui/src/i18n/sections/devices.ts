import type { MfaMethod } from '@mfa-kit/client';

/** Strings of DeviceList. Factor kinds are named by `common.method`. */
export interface DevicesMessages {
  /**
   * The name of a factor the user gave none: the kind, with `position` (1 for the oldest of its kind)
   * after the first ("Authenticator app", "Authenticator app 2"). See `deviceDisplayName`.
   */
  defaultName: (type: MfaMethod, position: number) => string;
  /** Heading of the list. */
  title: string;
  description: string;
  /** Read while the list loads (the skeleton rows are hidden from assistive technology). */
  loading: string;
  /** The list could not be loaded; followed by the reason and a Retry button. */
  loadFailed: string;
  empty: string;
  emptyHint: string;
  /** "Added 20 Nov 2026": `date` is already formatted for the locale. */
  added: (date: string) => string;
  /** "Last used 3 hours ago": `relative` comes from Intl.RelativeTimeFormat. */
  lastUsed: (relative: string) => string;
  /** Used less than a minute ago (or a clock ahead of this one's). */
  lastUsedJustNow: string;
  /** Not used to sign in or step up since it was added (`lastUsedAt` null): "Not used yet". */
  neverUsed: string;
  /** Visible text of the rename button. */
  rename: string;
  /** Accessible name of the rename button; contains the visible text. */
  renameNamed: (name: string) => string;
  /** Label of the name field while renaming. */
  nameLabel: string;
  save: string;
  /** Announced after a rename. */
  renamed: (name: string) => string;
  /** The server refused the new name (`invalid_request`). */
  nameInvalid: string;
  /** Visible text of the remove button. */
  remove: string;
  /** Accessible name of the remove button; contains the visible text. */
  removeNamed: (name: string) => string;
  /** Title of the confirmation. */
  confirmTitle: (name: string) => string;
  confirmDescription: string;
  /** The confirming button of the dialog. */
  confirmRemove: string;
  /** Announced after a removal. */
  removed: (name: string) => string;
  /** Why the last factor cannot be removed (also the answer to a `conflict`). */
  lastFactor: string;
  addTotp: string;
  addPasskey: string;
  /** Announced after a factor was added from the list. */
  deviceAdded: (name: string) => string;
}

export const devicesEn: DevicesMessages = {
  defaultName: (type, position) =>
    (type === 'totp' ? 'Authenticator app' : 'Passkey') + (position > 1 ? ` ${position}` : ''),
  title: 'Sign-in methods',
  description: 'Authenticator apps and passkeys you can use as your second step when you sign in.',
  loading: 'Loading your sign-in methods…',
  loadFailed: 'We couldn’t load your sign-in methods.',
  empty: 'No sign-in methods yet',
  emptyHint: 'Add one to protect your account with a second step when you sign in.',
  added: (date) => `Added ${date}`,
  lastUsed: (relative) => `Last used ${relative}`,
  lastUsedJustNow: 'Last used just now',
  neverUsed: 'Not used yet',
  rename: 'Rename',
  renameNamed: (name) => `Rename ${name}`,
  nameLabel: 'Name',
  save: 'Save',
  renamed: (name) => `Renamed to ${name}.`,
  nameInvalid: 'Enter a name of 1 to 64 characters, without invisible characters.',
  remove: 'Remove',
  removeNamed: (name) => `Remove ${name}`,
  confirmTitle: (name) => `Remove ${name}?`,
  confirmDescription: 'You won’t be able to use it to sign in.',
  confirmRemove: 'Remove',
  removed: (name) => `${name} was removed.`,
  lastFactor: 'You need at least one way to sign in because two-step verification is required.',
  addTotp: 'Add authenticator app',
  addPasskey: 'Add passkey',
  deviceAdded: (name) => `${name} was added.`,
};

export const devicesDe: DevicesMessages = {
  defaultName: (type, position) =>
    (type === 'totp' ? 'Authenticator-App' : 'Passkey') + (position > 1 ? ` ${position}` : ''),
  title: 'Anmeldemethoden',
  description: 'Authenticator-Apps und Passkeys, mit denen Sie den zweiten Schritt der Anmeldung bestätigen.',
  loading: 'Ihre Anmeldemethoden werden geladen …',
  loadFailed: 'Ihre Anmeldemethoden konnten nicht geladen werden.',
  empty: 'Noch keine Anmeldemethoden',
  emptyHint: 'Fügen Sie eine hinzu, um Ihr Konto bei der Anmeldung mit einem zweiten Schritt zu schützen.',
  added: (date) => `Hinzugefügt am ${date}`,
  lastUsed: (relative) => `Zuletzt verwendet ${relative}`,
  lastUsedJustNow: 'Gerade eben verwendet',
  neverUsed: 'Noch nicht verwendet',
  rename: 'Umbenennen',
  renameNamed: (name) => `${name} umbenennen`,
  nameLabel: 'Name',
  save: 'Speichern',
  renamed: (name) => `Umbenannt in „${name}“.`,
  nameInvalid: 'Geben Sie einen Namen mit 1 bis 64 Zeichen ein, ohne unsichtbare Zeichen.',
  remove: 'Entfernen',
  removeNamed: (name) => `${name} entfernen`,
  confirmTitle: (name) => `${name} entfernen?`,
  confirmDescription: 'Sie können sich damit dann nicht mehr anmelden.',
  confirmRemove: 'Entfernen',
  removed: (name) => `${name} wurde entfernt.`,
  lastFactor:
    'Sie brauchen mindestens eine Anmeldemethode, weil die Bestätigung in zwei Schritten vorgeschrieben ist.',
  addTotp: 'Authenticator-App hinzufügen',
  addPasskey: 'Passkey hinzufügen',
  deviceAdded: (name) => `${name} wurde hinzugefügt.`,
};

/** Device names are mostly Latin ("Pixel 9"): isolate them so they can't reorder the Arabic around them. */
const isolate = (name: string) => `\u2068${name}\u2069`;

export const devicesAr: DevicesMessages = {
  defaultName: (type, position) =>
    (type === 'totp' ? 'تطبيق المصادقة' : 'مفتاح المرور') +
    (position > 1 ? ` ${new Intl.NumberFormat('ar').format(position)}` : ''),
  title: 'طرق تسجيل الدخول',
  description: 'تطبيقات المصادقة ومفاتيح المرور التي يمكنك استخدامها خطوةً ثانية عند تسجيل الدخول.',
  loading: 'جارٍ تحميل طرق تسجيل الدخول…',
  loadFailed: 'تعذّر تحميل طرق تسجيل الدخول.',
  empty: 'لا توجد طرق لتسجيل الدخول بعد',
  emptyHint: 'أضف طريقة لحماية حسابك بخطوة ثانية عند تسجيل الدخول.',
  added: (date) => `أُضيف في ${date}`,
  lastUsed: (relative) => `آخر استخدام ${relative}`,
  lastUsedJustNow: 'استُخدم قبل لحظات',
  neverUsed: 'لم يُستخدم بعد',
  rename: 'إعادة تسمية',
  renameNamed: (name) => `إعادة تسمية ${isolate(name)}`,
  nameLabel: 'الاسم',
  save: 'حفظ',
  renamed: (name) => `تمت إعادة التسمية إلى «${isolate(name)}».`,
  nameInvalid: 'أدخل اسمًا من ١ إلى ٦٤ حرفًا، بدون أحرف غير مرئية.',
  remove: 'إزالة',
  removeNamed: (name) => `إزالة ${isolate(name)}`,
  confirmTitle: (name) => `إزالة ${isolate(name)}؟`,
  confirmDescription: 'لن تتمكن من استخدامه لتسجيل الدخول.',
  confirmRemove: 'إزالة',
  removed: (name) => `تمت إزالة ${isolate(name)}.`,
  lastFactor: 'تحتاج إلى طريقة واحدة على الأقل لتسجيل الدخول لأن التحقق بخطوتين مطلوب.',
  addTotp: 'إضافة تطبيق مصادقة',
  addPasskey: 'إضافة مفتاح مرور',
  deviceAdded: (name) => `تمت إضافة ${isolate(name)}.`,
};
