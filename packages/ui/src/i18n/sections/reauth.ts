/**
 * Strings of StepUpDialog's re-authentication screens (a code by email or SMS, a wallet signature).
 * English loads with those screens, on demand; German and Arabic come with their locales.
 */
export interface ReauthMessages {
  /** One button per re-authentication method, in "Use another method" (and the dialog's first choice). */
  switchTo: { email_otp: string; sms_otp: string; wallet: string };
  /** What will happen, before a code is sent. */
  willSend: { email_otp: string; sms_otp: string };
  /** The button that sends the first code. */
  send: string;
  /** Where the code went, with the destination masked by the server: `j•••@example.com`, `•••• 1234`. */
  sentTo: (destination: string) => string;
  /** The button that sends a new code, once allowed. */
  resend: string;
  /** The same button while the user must wait. */
  resendIn: (seconds: number) => string;
  /** Announced when a new code was sent. */
  resent: string;
  wallet: {
    /** What signing means, before anything happens. */
    description: string;
    /** The button that asks the wallet. */
    action: string;
    /** While the wallet shows its prompt. */
    waiting: string;
    /** The account and network in use: `0x1a2B…9f0E on Ethereum`. */
    account: (address: string, network: string) => string;
    /** A network without a well-known name, by its EIP-155 chain id. */
    chain: (chainId: number) => string;
    /** No EIP-1193 wallet in this browser. */
    noWallet: string;
    /** The wallet's account is not one linked to the user's account. */
    wrongAccount: (address: string) => string;
    /** The wallet is on another network than the message names. */
    wrongChain: (network: string) => string;
    /** Asks the wallet to switch network, then sign. */
    switchChain: (network: string) => string;
  };
}

export const reauthEn: ReauthMessages = {
  switchTo: { email_otp: 'Email me a code', sms_otp: 'Text me a code', wallet: 'Confirm with your wallet' },
  willSend: {
    email_otp: 'We’ll email you a 6-digit code to confirm it’s you.',
    sms_otp: 'We’ll text you a 6-digit code to confirm it’s you.',
  },
  send: 'Send code',
  sentTo: (destination) => `We sent a 6-digit code to ${destination}.`,
  resend: 'Send a new code',
  resendIn: (seconds) => `Send a new code in ${seconds} s`,
  resent: 'A new code is on its way.',
  wallet: {
    description:
      'Sign a message in your wallet to confirm it’s you. It costs nothing and sends no transaction.',
    action: 'Sign with your wallet',
    waiting: 'Confirm the signature in your wallet.',
    account: (address, network) => `${address} on ${network}`,
    chain: (chainId) => `chain ${chainId}`,
    noWallet:
      'No wallet was found in this browser. Install a wallet extension or open this page in your wallet’s browser, then try again.',
    wrongAccount: (address) =>
      `${address} isn’t linked to your account. Choose a linked account in your wallet, then try again.`,
    wrongChain: (network) => `Your wallet is on another network. Switch it to ${network} to sign.`,
    switchChain: (network) => `Switch to ${network}`,
  },
};

export const reauthDe: ReauthMessages = {
  switchTo: {
    email_otp: 'Code per E-Mail senden',
    sms_otp: 'Code per SMS senden',
    wallet: 'Mit Ihrer Wallet bestätigen',
  },
  willSend: {
    email_otp: 'Wir senden Ihnen einen 6-stelligen Code per E-Mail, um zu bestätigen, dass Sie es sind.',
    sms_otp: 'Wir senden Ihnen einen 6-stelligen Code per SMS, um zu bestätigen, dass Sie es sind.',
  },
  send: 'Code senden',
  sentTo: (destination) => `Wir haben einen 6-stelligen Code an ${destination} gesendet.`,
  resend: 'Neuen Code senden',
  resendIn: (seconds) => `Neuen Code senden in ${seconds} s`,
  resent: 'Ein neuer Code ist unterwegs.',
  wallet: {
    description:
      'Signieren Sie eine Nachricht in Ihrer Wallet, um zu bestätigen, dass Sie es sind. Das kostet nichts und sendet keine Transaktion.',
    action: 'Mit Wallet signieren',
    waiting: 'Bestätigen Sie die Signatur in Ihrer Wallet.',
    account: (address, network) => `${address} auf ${network}`,
    chain: (chainId) => `Chain ${chainId}`,
    noWallet:
      'In diesem Browser wurde keine Wallet gefunden. Installieren Sie eine Wallet-Erweiterung oder öffnen Sie diese Seite im Browser Ihrer Wallet und versuchen Sie es dann erneut.',
    wrongAccount: (address) =>
      `${address} ist nicht mit Ihrem Konto verknüpft. Wählen Sie in Ihrer Wallet ein verknüpftes Konto und versuchen Sie es erneut.`,
    wrongChain: (network) =>
      `Ihre Wallet ist mit einem anderen Netzwerk verbunden. Wechseln Sie zu ${network}, um zu signieren.`,
    switchChain: (network) => `Zu ${network} wechseln`,
  },
};

export const reauthAr: ReauthMessages = {
  switchTo: {
    email_otp: 'أرسل لي رمزًا بالبريد الإلكتروني',
    sms_otp: 'أرسل لي رمزًا برسالة نصية',
    wallet: 'التأكيد بمحفظتك',
  },
  willSend: {
    email_otp: 'سنرسل إليك رمزًا من 6 أرقام بالبريد الإلكتروني لتأكيد هويتك.',
    sms_otp: 'سنرسل إليك رمزًا من 6 أرقام برسالة نصية لتأكيد هويتك.',
  },
  send: 'إرسال الرمز',
  sentTo: (destination) => `أرسلنا رمزًا من 6 أرقام إلى ${destination}.`,
  resend: 'إرسال رمز جديد',
  resendIn: (seconds) => `إرسال رمز جديد بعد ${seconds} ث`,
  resent: 'رمز جديد في الطريق إليك.',
  wallet: {
    description: 'وقّع رسالة في محفظتك لتأكيد هويتك. لا يكلّف ذلك شيئًا ولا يرسل أي معاملة.',
    action: 'التوقيع بمحفظتك',
    waiting: 'أكّد التوقيع في محفظتك.',
    account: (address, network) => `${address} على ${network}`,
    chain: (chainId) => `الشبكة ${chainId}`,
    noWallet:
      'لم يُعثر على محفظة في هذا المتصفح. ثبّت إضافة محفظة أو افتح هذه الصفحة في متصفح محفظتك، ثم حاول مرة أخرى.',
    wrongAccount: (address) => `${address} غير مرتبط بحسابك. اختر حسابًا مرتبطًا في محفظتك، ثم حاول مرة أخرى.`,
    wrongChain: (network) => `محفظتك على شبكة أخرى. بدّلها إلى ${network} للتوقيع.`,
    switchChain: (network) => `التبديل إلى ${network}`,
  },
};
