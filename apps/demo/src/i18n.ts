/**
 * The demo's own strings, in English, German and Arabic. The MFA components bring theirs (`en`, `de`,
 * `ar` of @mfa-kit/ui); here are only the app's pages, plus the phrases that name the wallet's step-up
 * scopes in the StepUpDialog ("Confirm it’s you to send money").
 */
import type { MfaStatus } from '@mfa-kit/react';
import { en, type Messages, mergeMessages } from '@mfa-kit/ui';
import { ar } from '@mfa-kit/ui/locales/ar';
import { de } from '@mfa-kit/ui/locales/de';
import { arabic } from './locales/ar.js';
import { german } from './locales/de.js';
import { english } from './locales/en.js';

export const LANGUAGES = ['en', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch', ar: 'العربية' };

export interface Dictionary {
  locale: Language;
  dir: 'ltr' | 'rtl';
  app: {
    name: string;
    tagline: string;
    skipLink: string;
    mainNav: string;
    accountNav: string;
    signOut: string;
    language: string;
    theme: string;
    themes: Record<Theme, string>;
    footer: string;
    pageTitle: (page: string) => string;
  };
  nav: { wallet: string; security: string; policy: string; inbox: string; signIn: string; signUp: string };
  builtWith: {
    label: string;
    /** Followed by `@mfa-kit/ui: names`. */
    dropIn: string;
    /** Followed by `@mfa-kit/react: names`. */
    hooks: string;
  };
  common: {
    loading: string;
    retry: string;
    email: string;
    password: string;
    emailRequired: string;
    passwordRequired: string;
  };
  errors: {
    network: string;
    unavailable: string;
    unknown: string;
    sessionEnded: string;
    rateLimited: (seconds: number) => string;
    invalidRequest: string;
  };
  signIn: {
    title: string;
    intro: string;
    submit: string;
    submitting: string;
    noAccount: string;
    signUpLink: string;
    invalidCredentials: string;
    signedOut: string;
  };
  signUp: {
    title: string;
    intro: string;
    passwordHint: string;
    submit: string;
    submitting: string;
    haveAccount: string;
    signInLink: string;
    conflict: string;
    emailInvalid: string;
    passwordInvalid: string;
  };
  verify: { title: string; cancel: string };
  enroll: { title: string; cancel: string };
  wallet: {
    title: string;
    loading: string;
    loadFailed: string;
    balance: string;
    signedInAs: string;
    send: {
      title: string;
      to: string;
      toHint: string;
      amount: string;
      /** `whole` and `cents` are examples in the language's format: 25, 12.50. */
      amountHint: (whole: string, cents: string) => string;
      submit: string;
      submitting: string;
      asksForCode: string;
      confirmedRecently: string;
      noStepUp: string;
      sent: (amount: string, to: string) => string;
      insufficient: string;
      invalidTo: string;
      /** `min` and `max` in the language's format: 0.01, 1,000,000. */
      invalidAmount: (min: string, max: string) => string;
      /** An amount written with another language's separators; `example` is 1,234.50 in this one's. */
      amountSeparator: (example: string) => string;
      cancelled: string;
    };
    export: {
      title: string;
      description: string;
      show: string;
      showing: string;
      asksEveryTime: string;
      noStepUp: string;
      phraseLabel: string;
      warning: string;
      hide: string;
      cancelled: string;
    };
    needsFactor: string;
    setUpLink: string;
    history: {
      title: string;
      empty: string;
      welcome: string;
      sentTo: string;
      receivedFrom: string;
      balanceAfter: string;
    };
    checkup: {
      title: string;
      on: string;
      off: string;
      offHint: string;
      methods: (count: number) => string;
      codes: (count: number) => string;
      add: string;
      manage: string;
    };
  };
  /** `sheetTitle`: the first line of the downloaded or printed recovery codes. */
  security: { title: string; intro: string; sheetTitle: string };
  /** The Security page's card of contacts for re-authentication: email, phone, wallets. */
  contacts: {
    title: string;
    intro: string;
    /** Why adding or removing one asks for step-up. */
    stepUpHint: string;
    /** The step-up for a change was cancelled. */
    cancelled: string;
    /** No second factor and no way to re-authenticate for account:contacts. */
    needsFactor: string;
    loading: string;
    loadFailed: string;
    verified: string;
    email: { title: string; hint: string };
    phone: {
      title: string;
      label: string;
      hint: string;
      send: string;
      sending: string;
      sentTo: (phone: string) => string;
      inboxHint: string;
      codeLabel: string;
      codeHint: string;
      codeRequired: string;
      verify: string;
      verifying: string;
      resend: string;
      resendIn: (seconds: number) => string;
      cancel: string;
      remove: string;
      added: string;
      removed: string;
      invalidPhone: string;
      wrongCode: (left: number) => string;
      codeSpent: string;
      expired: string;
      unavailable: string;
    };
    wallets: {
      title: string;
      none: string;
      hint: string;
      noWallet: string;
      link: string;
      linking: string;
      linked: string;
      removed: string;
      /** The accessible name of a wallet's Remove button. */
      remove: (address: string) => string;
      removeShort: string;
      chain: (chainId: number) => string;
      linkedOn: (date: string) => string;
      rejected: string;
      failed: string;
      badSignature: string;
      expired: string;
      already: string;
    };
  };
  /** The development Inbox (`/dev/inbox`). */
  inbox: {
    title: string;
    intro: string;
    production: string;
    loading: string;
    loadFailed: string;
    messages: string;
    refresh: string;
    addresses: string;
    autoRefresh: string;
    count: (count: number) => string;
    empty: string;
    email: string;
    sms: string;
    smsTitle: string;
    to: string;
  };
  policy: {
    title: string;
    intro: string;
    warning: string;
    loading: string;
    loadFailed: string;
    legend: string;
    required: { label: string; description: string };
    sessionMfa: { label: string; description: string };
    transfer: { label: string; description: string };
    export: { label: string; description: string };
    reauth: {
      legend: string;
      intro: string;
      email_otp: { label: string; description: string };
      sms_otp: { label: string; description: string };
      wallet: { label: string; description: string };
      allowWithMfa: { label: string; description: string };
    };
    save: string;
    saving: string;
    saved: string;
    live: {
      title: string;
      intro: string;
      status: string;
      statuses: Record<MfaStatus, string>;
      required: string;
      methods: string;
      none: string;
      transfer: string;
      export: string;
      yes: string;
      no: string;
      asks: string;
      doesNotAsk: string;
    };
  };
  notFound: { title: string; text: string; home: string };
}

export const DICTIONARIES: Record<Language, Dictionary> = { en: english, de: german, ar: arabic };

/**
 * The strings of the @mfa-kit/ui components in each language, with the phrases that complete the step-up
 * dialog's title for the wallet's own scopes.
 */
export const UI_MESSAGES: Record<Language, Messages> = {
  en: mergeMessages(en, {
    scopes: {
      'wallet:transfer': 'send money',
      'wallet:export': 'show your recovery phrase',
      'account:contacts': 'change your phone number or wallets',
    },
  }),
  de: mergeMessages(de, {
    scopes: {
      'wallet:transfer': 'Geld zu senden',
      'wallet:export': 'Ihre Wiederherstellungsphrase anzuzeigen',
      'account:contacts': 'Ihre Telefonnummer oder Wallets zu ändern',
    },
  }),
  ar: mergeMessages(ar, {
    scopes: {
      'wallet:transfer': 'إرسال المال',
      'wallet:export': 'عرض عبارة الاسترداد',
      'account:contacts': 'تغيير رقم هاتفك أو محافظك',
    },
  }),
};

/**
 * Outside production, the step-up dialog says where its codes go in this demo, before it sends one: the
 * dialog is modal, so the Inbox has to be open in another tab by then.
 */
export const DEV_UI_MESSAGES: Record<Language, Messages> = {
  en: mergeMessages(UI_MESSAGES.en, {
    reauth: {
      willSend: {
        email_otp:
          'We’ll email you a 6-digit code to confirm it’s you. In this demo it arrives on the Inbox page: open it in another tab.',
        sms_otp:
          'We’ll text you a 6-digit code to confirm it’s you. In this demo it arrives on the Inbox page: open it in another tab.',
      },
    },
  }),
  de: mergeMessages(UI_MESSAGES.de, {
    reauth: {
      willSend: {
        email_otp:
          'Wir senden Ihnen einen 6-stelligen Code per E-Mail, um zu bestätigen, dass Sie es sind. In dieser Demo kommt er auf der Seite Posteingang an: Öffnen Sie sie in einem anderen Tab.',
        sms_otp:
          'Wir senden Ihnen einen 6-stelligen Code per SMS, um zu bestätigen, dass Sie es sind. In dieser Demo kommt er auf der Seite Posteingang an: Öffnen Sie sie in einem anderen Tab.',
      },
    },
  }),
  ar: mergeMessages(UI_MESSAGES.ar, {
    reauth: {
      willSend: {
        email_otp:
          'سنرسل إليك رمزًا من 6 أرقام بالبريد الإلكتروني لتأكيد هويتك. في هذا العرض يصل الرمز إلى صفحة البريد الوارد: افتحها في علامة تبويب أخرى.',
        sms_otp:
          'سنرسل إليك رمزًا من 6 أرقام برسالة نصية لتأكيد هويتك. في هذا العرض يصل الرمز إلى صفحة البريد الوارد: افتحها في علامة تبويب أخرى.',
      },
    },
  }),
};

/** An amount of the API ("-12.50") as money in the language's format. */
export function formatMoney(amount: string, locale: Language, signed = false): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(Number(amount));
}

export function formatDate(iso: string, locale: Language): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
