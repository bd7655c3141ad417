'use client';
/**
 * StepUpDialog's re-authentication screens (docs/protocol.md §8), loaded on demand: only a request that
 * offers a code by email or SMS, or a wallet signature, fetches this module, with its English strings.
 * A code screen sends the code, says where it went, takes it in a CodeInput and offers a resend once the
 * server allows one; the wallet screen connects the browser's EIP-1193 wallet, shows the account and
 * network, and explains a declined signature, an account that is not linked, another network, or no
 * wallet at all.
 */
import {
  type Eip1193Provider,
  isMfaError,
  type MfaError,
  type ReauthMethod,
  type VerificationMethod,
} from '@mfa-kit/client';
import type { ReauthCodeMethod, StepUpPrompt } from '@mfa-kit/react';
import {
  type ComponentPropsWithoutRef,
  type ComponentType,
  forwardRef,
  type SVGProps,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { CodeInput } from '../code-input.js';
import { type Messages, mergeMessages } from '../i18n/index.js';
import { type ReauthMessages, reauthEn } from '../i18n/sections/reauth.js';
import { Alert } from '../primitives/alert.js';
import { Button } from '../primitives/button.js';
import { ErrorMessage } from '../primitives/error-message.js';
import { errorText } from '../primitives/error-text.js';
import { EmailIcon, PasskeyIcon, RecoveryIcon, SmsIcon, TotpIcon, WalletIcon } from '../primitives/icons.js';
import { useCountdown } from '../primitives/use-countdown.js';
import { useLockout } from '../primitives/use-lockout.js';
import { type StepUpDialogContextValue, useStepUpDialog } from './root.js';

const ICONS: Record<VerificationMethod | ReauthMethod, ComponentType<SVGProps<SVGSVGElement>>> = {
  totp: TotpIcon,
  passkey: PasskeyIcon,
  recovery_code: RecoveryIcon,
  email_otp: EmailIcon,
  sms_otp: SmsIcon,
  wallet: WalletIcon,
};

/** Networks people know by name (EIP-155 chain ids); others are named by their id. */
const NETWORKS: Record<number, string> = {
  1: 'Ethereum',
  10: 'OP Mainnet',
  56: 'BNB Smart Chain',
  137: 'Polygon',
  8453: 'Base',
  42161: 'Arbitrum One',
  11155111: 'Sepolia',
};

/** The language's re-authentication strings: the locale's (or English) with the app's overrides. */
function useStrings(messages: Messages): ReauthMessages {
  return useMemo(
    () =>
      mergeMessages({ ...messages, reauth: reauthEn }, { reauth: messages.reauth }).reauth as ReauthMessages,
    [messages],
  );
}

/** `0x1a2B…9f0E`: enough to recognise an account, short enough to read. */
function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** The wallet is on another chain than the message names; carries the chain wanted. */
class WrongChain extends Error {
  constructor(readonly chainId: number) {
    super(`the wallet is not on chain ${chainId}`);
  }
}

async function chainOf(wallet: Eip1193Provider): Promise<number> {
  return Number.parseInt(String(await wallet.request({ method: 'eth_chainId' })), 16);
}

/**
 * The signer given to `submitWallet`: signs only on the chain the message names (EIP-4361's
 * `Chain ID:` line), so the user switches network in their wallet instead of signing for another.
 */
function signerOf(wallet: Eip1193Provider) {
  return async (message: string, address: string): Promise<string> => {
    const wanted = Number(/\nChain ID: (\d+)\n/.exec(message)?.[1]);
    if (wanted && (await chainOf(wallet)) !== wanted) throw new WrongChain(wanted);
    return String(await wallet.request({ method: 'personal_sign', params: [message, address] }));
  };
}

/** The screen of the re-authentication method chosen; nothing while a factor is shown. */
export function ReauthPanel() {
  const context = useStepUpDialog('Reauth');
  const { prompt, reauth } = context;
  if (!prompt || reauth === null) return null;
  return reauth === 'wallet' ? (
    <WalletPanel key={prompt.scope} context={context} prompt={prompt} />
  ) : (
    <CodePanel key={`${prompt.scope} ${reauth}`} context={context} prompt={prompt} method={reauth} />
  );
}

interface PanelProps {
  context: StepUpDialogContextValue;
  prompt: StepUpPrompt;
}

/** Who caused the error shown: sending a code, or the code typed. */
type Attempt = 'send' | 'verify' | null;

function CodePanel({ context, prompt, method }: PanelProps & { method: ReauthCodeMethod }) {
  const { messages, override, formId, reauthFailed, succeed } = context;
  const strings = useStrings(messages);
  const sent = prompt.sent?.method === method ? prompt.sent : null;
  const [code, setCode] = useState('');
  const [attempt, setAttempt] = useState<Attempt>(null);
  const [announcement, setAnnouncement] = useState('');
  const error = attempt ? prompt.error : null;
  const lockout = useLockout(error);
  const wait = useCountdown(sent?.resendAt ?? null);
  const busy = prompt.isPending;

  const fail = (failure: unknown) => {
    if (isMfaError(failure)) reauthFailed(failure);
  };
  const send = () => {
    if (busy) return;
    const again = sent !== null;
    setAttempt('send');
    setAnnouncement('');
    prompt.sendCode(method).then(() => {
      setAttempt(null);
      setCode('');
      if (again) setAnnouncement(strings.resent);
    }, fail);
  };
  const verify = (value: string) => {
    if (busy || lockout.locked) return;
    setAttempt('verify');
    prompt.submitReauthCode(value).then(
      () => succeed(method),
      (failure: unknown) => {
        setCode('');
        fail(failure);
      },
    );
  };

  const message = error ? <ErrorMessage error={error} lockout={lockout} messages={messages} /> : null;

  if (!sent) {
    return (
      <div className="mfa-verify-panel" data-method={method} data-state={busy ? 'pending' : 'idle'}>
        <p className="mfa-hint">{strings.willSend[method]}</p>
        <Alert tone="error">{message}</Alert>
        <div className="mfa-step-up-footer">
          <Cancel context={context} />
          <Button autoFocus loading={busy} aria-disabled={lockout.locked || undefined} onClick={send}>
            {strings.send}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form
      id={formId}
      noValidate
      className="mfa-verify-panel"
      data-method={method}
      data-state={busy ? 'pending' : lockout.locked ? 'locked' : error ? 'error' : 'idle'}
      onSubmit={(event) => {
        event.preventDefault();
        if (code.length === 6) verify(code);
        else event.currentTarget.querySelector('input')?.focus();
      }}
    >
      <CodeInput.Root
        mode="numeric"
        length={6}
        value={code}
        onValueChange={(next) => {
          setCode(next);
          if (next.length === 6 && next !== code) verify(next);
        }}
        loading={busy && attempt === 'verify'}
        invalid={attempt === 'verify' && error !== null}
        data-locked={lockout.locked ? '' : undefined}
      >
        <CodeInput.Label messages={override} />
        <CodeInput.Field
          autoFocus
          readOnly={busy || lockout.locked}
          aria-disabled={lockout.locked || undefined}
        >
          <CodeInput.Slots />
        </CodeInput.Field>
        <CodeInput.Hint>{strings.sentTo(sent.sentTo)}</CodeInput.Hint>
        {attempt === 'verify' && message ? <CodeInput.Error>{message}</CodeInput.Error> : null}
      </CodeInput.Root>
      <div>
        <Button
          variant="ghost"
          loading={busy && attempt === 'send'}
          aria-disabled={wait > 0 || undefined}
          onClick={() => {
            if (wait === 0) send();
          }}
        >
          {wait > 0 ? strings.resendIn(wait) : strings.resend}
        </Button>
      </div>
      <Alert tone={attempt === 'send' && message ? 'error' : 'info'}>
        {attempt === 'send' ? message : announcement}
      </Alert>
      <div className="mfa-step-up-footer">
        <Cancel context={context} />
        <Button
          type="submit"
          loading={busy && attempt === 'verify'}
          aria-disabled={lockout.locked || undefined}
        >
          {messages.stepUp.submit}
        </Button>
      </div>
    </form>
  );
}

/** EIP-1193's `on` / `removeListener`. */
type Listen = (event: string, listener: () => void) => void;

/** Closes the dialog, as its Cancel part does (this module does not load the parts again). */
function Cancel({ context, autoFocus }: { context: StepUpDialogContextValue; autoFocus?: boolean }) {
  const { Dialog, messages } = context;
  return (
    <Dialog.Close asChild>
      <Button variant="secondary" autoFocus={autoFocus}>
        {messages.common.cancel}
      </Button>
    </Dialog.Close>
  );
}

interface Account {
  address: string;
  chainId: number;
}

/** What went wrong before the server was asked: the user declined to connect, or the wallet failed. */
type WalletTrouble = 'wallet_rejected' | 'wallet_failed' | null;

function WalletPanel({ context, prompt }: PanelProps) {
  const { messages, wallet, reauthFailed, succeed } = context;
  const strings = useStrings(messages);
  const [account, setAccount] = useState<Account | null>(null);
  const [trouble, setTrouble] = useState<WalletTrouble>(null);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const error = attempted && !busy ? prompt.error : null;
  const lockout = useLockout(error);
  const network = (chainId: number) => NETWORKS[chainId] ?? strings.wallet.chain(chainId);
  const wrongChain = error?.cause instanceof WrongChain ? error.cause.chainId : null;

  // The wallet's account or network may change while the dialog is open: show the current ones.
  useEffect(() => {
    const events = wallet as (Eip1193Provider & Partial<Record<'on' | 'removeListener', Listen>>) | null;
    if (!events?.on || !events.removeListener) return;
    const forget = () => setAccount(null);
    events.on('accountsChanged', forget);
    events.on('chainChanged', forget);
    return () => {
      events.removeListener?.('accountsChanged', forget);
      events.removeListener?.('chainChanged', forget);
    };
  }, [wallet]);

  const sign = async (switchTo?: number) => {
    if (!wallet || busy || lockout.locked) return;
    setBusy(true);
    setTrouble(null);
    setAttempted(false);
    let address: string;
    try {
      if (switchTo !== undefined) {
        await wallet.request({
          method: 'wallet_switchEthereumChain',
          params: [{ chainId: `0x${switchTo.toString(16)}` }],
        });
      }
      const accounts = await wallet.request({ method: 'eth_requestAccounts' });
      address = String((accounts as unknown[] | null)?.[0] ?? '');
      if (!address) throw new Error('the wallet has no account');
      setAccount({ address, chainId: await chainOf(wallet) });
    } catch (cause) {
      const code = (cause as { code?: unknown } | null)?.code;
      setTrouble(code === 4001 ? 'wallet_rejected' : 'wallet_failed');
      setBusy(false);
      return;
    }
    setAttempted(true);
    try {
      await prompt.submitWallet(signerOf(wallet), address);
      succeed('wallet');
    } catch (failure) {
      if (isMfaError(failure)) reauthFailed(failure);
    } finally {
      setBusy(false);
    }
  };

  if (!wallet) {
    return (
      <div className="mfa-verify-panel" data-method="wallet" data-state="error">
        <p className="mfa-hint">{strings.wallet.description}</p>
        <Alert tone="warning">{strings.wallet.noWallet}</Alert>
        <div className="mfa-step-up-footer">
          <Cancel context={context} autoFocus />
        </div>
      </div>
    );
  }

  let text: string | null = null;
  if (trouble) text = messages.errors.codes[trouble];
  else if (error && account && isMfaError(error, 'reauth_unavailable')) {
    text = strings.wallet.wrongAccount(shortAddress(account.address));
  } else if (wrongChain !== null) text = strings.wallet.wrongChain(network(wrongChain));
  else if (error) text = errorText(messages, error);
  const failure: MfaError | null = error;

  return (
    <div
      className="mfa-verify-panel"
      data-method="wallet"
      data-state={busy ? 'pending' : lockout.locked ? 'locked' : text ? 'error' : 'idle'}
    >
      <p className="mfa-hint">{strings.wallet.description}</p>
      {account ? (
        <p className="mfa-hint" data-wallet-account="">
          {strings.wallet.account(shortAddress(account.address), network(account.chainId))}
        </p>
      ) : null}
      <Alert tone={text ? 'error' : 'info'}>
        {text ? (
          failure ? (
            <ErrorMessage error={failure} lockout={lockout} messages={messages} text={text} />
          ) : (
            text
          )
        ) : busy ? (
          strings.wallet.waiting
        ) : null}
      </Alert>
      <div className="mfa-step-up-footer">
        <Cancel context={context} />
        <Button
          autoFocus
          loading={busy}
          aria-disabled={lockout.locked || undefined}
          onClick={() => void sign(wrongChain ?? undefined)}
        >
          {wrongChain !== null ? strings.wallet.switchChain(network(wrongChain)) : strings.wallet.action}
        </Button>
      </div>
    </div>
  );
}

/**
 * "Use another method" when re-authentication is offered: the user's factors (but the one shown) and
 * the re-authentication methods (but the one shown), each a button.
 */
export const ReauthSwitch = forwardRef<HTMLFieldSetElement, ComponentPropsWithoutRef<'fieldset'>>(
  function ReauthSwitch(props, ref) {
    const { prompt, reauth, chooseReauth, verification, messages } = useStepUpDialog('MethodSwitch');
    const strings = useStrings(messages);
    if (!prompt || verification.succeeded) return null;
    const options: Array<VerificationMethod | ReauthMethod> = [
      ...prompt.methods.filter((method) => reauth !== null || method !== verification.method),
      ...prompt.reauthMethods.filter((method) => method !== reauth),
    ];
    if (options.length === 0) return null;
    return (
      <fieldset ref={ref} className="mfa-method-switch" {...props}>
        <legend className="mfa-method-switch-label">{messages.stepUp.anotherMethod}</legend>
        <div className="mfa-method-switch-options">
          {options.map((method) => {
            const Icon = ICONS[method];
            const factor = method === 'totp' || method === 'passkey' || method === 'recovery_code';
            return (
              <Button
                key={method}
                variant="secondary"
                className="mfa-method-switch-option"
                data-method={method}
                onClick={() => {
                  if (factor) {
                    chooseReauth(null);
                    verification.select(method);
                  } else chooseReauth(method);
                }}
              >
                <Icon />
                {factor ? messages.stepUp.switchTo[method] : strings.switchTo[method]}
              </Button>
            );
          })}
        </div>
      </fieldset>
    );
  },
);
