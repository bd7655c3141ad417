/**
 * "Ways to confirm it's you": what the account can prove it controls again, for step-up without a second
 * step (re-authentication, docs/protocol.md §8). The sign-up email; a phone number, verified by a code
 * sent by SMS; wallets, linked by a signature in the browser's wallet. Our own UI on the demo's
 * `/api/account` routes. A change refetches the MFA queries, whose step-up checks list the methods.
 *
 * Each of these is itself a way to step up, so adding or removing one asks for step-up first
 * (`useStepUp({ scope: 'account:contacts' })`, single use): the second step, or for an account without
 * one, a code sent to the sign-up email. Otherwise whoever held the session could add their own phone or
 * wallet and then step up with it.
 */
import { useStepUp } from '@mfa-kit/react';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import {
  type FormEvent,
  type InputHTMLAttributes,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import {
  CONTACTS_SCOPE,
  type ContactsResponse,
  type LinkedWallet,
  type WalletChallengeResponse,
} from '../../server/api.js';
import { ApiError, api } from '../api.js';
import { type AskForMessage, browserWallet, linkBrowserWallet, WalletError } from '../browser-wallet.js';
import { errorCode, errorText } from '../errors.js';
import { type Dictionary, formatDate } from '../i18n.js';
import { useT } from '../preferences.js';
import { contactsKey, refreshStepUpWays, useContacts, useDevTools } from '../queries.js';
import { Link } from '../router.js';
import { useCountdown } from '../use-countdown.js';
import { ErrorState, Loading, Spinner } from './page.js';

function useSaveContacts(): (next: ContactsResponse) => void {
  const queryClient = useQueryClient();
  return (next) => saveContacts(queryClient, next);
}

function saveContacts(queryClient: QueryClient, next: ContactsResponse): void {
  queryClient.setQueryData(contactsKey, next);
  // The MFA server reads the contacts on every step-up check: the hooks' cached checks are out of date.
  void queryClient.invalidateQueries({ queryKey: ['mfa'] });
  refreshStepUpWays(queryClient);
}

/** The step-up was cancelled in the dialog: nothing changed, and that is news, not an error. */
const isCancelled = (error: unknown) => errorCode(error) === 'stepup_cancelled';

export function ContactsCard() {
  const t = useT();
  const text = t.contacts;
  const contacts = useContacts();
  const id = useId();
  return (
    <section className="card contacts-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {text.title}
      </h2>
      <p className="card-text">{text.intro}</p>
      <p className="card-text">{text.stepUpHint}</p>
      {contacts.isPending ? (
        <Loading label={text.loading} />
      ) : contacts.isError ? (
        <ErrorState
          title={text.loadFailed}
          message={errorText(t, contacts.error)}
          onRetry={() => void contacts.refetch()}
        />
      ) : (
        <div className="contacts">
          <EmailContact email={contacts.data.email} />
          <PhoneContact contacts={contacts.data} />
          <WalletContacts wallets={contacts.data.wallets} />
        </div>
      )}
    </section>
  );
}

function EmailContact({ email }: { email: string }) {
  const t = useT();
  const id = useId();
  return (
    <section className="contact" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="contact-title">
        {t.contacts.email.title}
      </h3>
      <p className="contact-value">
        <bdi dir="ltr">{email}</bdi>{' '}
        <span className="badge" data-tone="success">
          {t.contacts.verified}
        </span>
      </p>
      <p className="field-hint">{t.contacts.email.hint}</p>
    </section>
  );
}

function phoneErrorText(t: Dictionary, error: unknown): string {
  const text = t.contacts.phone;
  switch (errorCode(error)) {
    case 'invalid_request':
      return text.invalidPhone;
    case 'invalid_code': {
      const left = error instanceof ApiError ? (error.attemptsRemaining ?? 0) : 0;
      return left > 0 ? text.wrongCode(left) : text.codeSpent;
    }
    case 'expired':
      return text.expired;
    case 'unavailable':
    case 'delivery_failed':
      return text.unavailable;
    case 'elevation_required':
      return t.contacts.needsFactor;
    default:
      return errorText(t, error);
  }
}

/** A labelled left-to-right input with its hint and, when there is one, its problem announced. */
function TextField({
  id,
  inputRef,
  label,
  hint,
  problem,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  hint: string;
  problem: string | null | undefined;
}) {
  return (
    <div className="field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        dir="ltr"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
        {...input}
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {problem ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function PhoneContact({ contacts }: { contacts: ContactsResponse }) {
  const t = useT();
  const text = t.contacts.phone;
  const save = useSaveContacts();
  const devTools = useDevTools();
  const { withElevation } = useStepUp({ scope: CONTACTS_SCOPE });
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'verify' | 'remove' | null>(null);
  const [error, setError] = useState<{ field: 'phone' | 'code' | 'form'; error: unknown } | null>(null);
  const [done, setDone] = useState<'added' | 'removed' | 'cancelled' | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const phoneField = useRef<HTMLInputElement>(null);
  const id = useId();
  const pending = contacts.pendingPhone;
  const resendIn = useCountdown(resendAt);

  // A code that was just sent: the field for it takes focus.
  const [focus, setFocus] = useState<'code' | 'phone' | null>(null);
  useEffect(() => {
    if (focus === 'code') codeField.current?.focus();
    if (focus === 'phone') phoneField.current?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  const run = async (kind: 'send' | 'verify' | 'remove', action: () => Promise<ContactsResponse>) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    setDone(null);
    try {
      const next = await action();
      save(next);
      if (kind === 'send') {
        setCode('');
        setResendAt(Date.now() + (next.pendingPhone?.resendAfter ?? 30) * 1000);
        setFocus('code');
      }
      if (kind === 'verify') {
        setDone('added');
        setPhone('');
      }
      if (kind === 'remove') {
        setDone('removed');
        setFocus('phone');
      }
    } catch (failure) {
      if (isCancelled(failure)) {
        setDone('cancelled');
        return;
      }
      const field =
        kind === 'send' && errorCode(failure) === 'invalid_request'
          ? 'phone'
          : kind === 'verify'
            ? 'code'
            : 'form';
      setError({ field, error: failure });
      if (failure instanceof ApiError && failure.code === 'rate_limited' && kind === 'send') {
        setResendAt(Date.now() + (failure.retryAfter ?? 30) * 1000);
      }
    } finally {
      setBusy(null);
    }
  };

  const send = (event: FormEvent<HTMLFormElement>, number: string) => {
    event.preventDefault();
    if (number.trim() === '') {
      setError({ field: 'phone', error: new ApiError('invalid_request', 'empty') });
      phoneField.current?.focus();
      return;
    }
    void run('send', () => withElevation((elevated) => api.addPhone(number, elevated)));
  };
  // A new code for the number waiting for one needs no step-up; once that wait is over, it does again.
  const resend = (number: string) =>
    run('send', () =>
      api.addPhone(number, null).catch((failure: unknown) => {
        if (errorCode(failure) !== 'elevation_required') throw failure;
        return withElevation((elevated) => api.addPhone(number, elevated));
      }),
    );
  const remove = () => run('remove', () => withElevation((elevated) => api.removePhone(elevated)));
  // A number still waiting for its code never counted: letting it go needs no step-up.
  const cancel = () => run('remove', () => api.removePhone(null));
  const verify = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (code.trim() === '') {
      setError({ field: 'code', error: null });
      codeField.current?.focus();
      return;
    }
    void run('verify', () => api.verifyPhone(code));
  };

  const ids = { phone: `${id}-phone`, code: `${id}-code` };
  const fieldError = (field: 'phone' | 'code') =>
    error?.field === field
      ? error.error === null
        ? text.codeRequired
        : phoneErrorText(t, error.error)
      : null;
  const phoneProblem = fieldError('phone');
  const codeProblem = fieldError('code');

  return (
    <section className="contact" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="contact-title">
        {text.title}
      </h3>
      {contacts.phone ? (
        <div className="contact-row">
          <p className="contact-value">
            <bdi dir="ltr">{contacts.phone}</bdi>{' '}
            <span className="badge" data-tone="success">
              {t.contacts.verified}
            </span>
          </p>
          <button
            type="button"
            className="button"
            data-variant="secondary"
            aria-disabled={busy !== null || undefined}
            onClick={() => void remove()}
          >
            {busy === 'remove' ? <Spinner /> : null}
            {text.remove}
          </button>
        </div>
      ) : pending ? (
        <form className="form" noValidate onSubmit={verify}>
          <p className="contact-value">{text.sentTo(pending.phone)}</p>
          {devTools ? (
            <p className="field-hint">
              {text.inboxHint} <Link to="/dev/inbox">{t.nav.inbox}</Link>
            </p>
          ) : null}
          <TextField
            id={ids.code}
            inputRef={codeField}
            label={text.codeLabel}
            hint={text.codeHint}
            problem={codeProblem}
            className="input input-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              data-variant="primary"
              aria-disabled={busy !== null || undefined}
            >
              {busy === 'verify' ? <Spinner /> : null}
              {busy === 'verify' ? text.verifying : text.verify}
            </button>
            <button
              type="button"
              className="button"
              data-variant="secondary"
              aria-disabled={busy !== null || resendIn > 0 || undefined}
              onClick={() => {
                if (resendIn === 0) void resend(pending.phone);
              }}
            >
              {resendIn > 0 ? text.resendIn(resendIn) : text.resend}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => void cancel()}
              aria-disabled={busy !== null || undefined}
            >
              {text.cancel}
            </button>
          </div>
        </form>
      ) : (
        <form className="form" noValidate onSubmit={(event) => send(event, phone)}>
          <TextField
            id={ids.phone}
            inputRef={phoneField}
            label={text.label}
            hint={text.hint}
            problem={phoneProblem}
            className="input"
            type="tel"
            autoComplete="tel"
            maxLength={40}
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              data-variant="primary"
              aria-disabled={busy !== null || undefined}
            >
              {busy === 'send' ? <Spinner /> : null}
              {busy === 'send' ? text.sending : text.send}
            </button>
          </div>
        </form>
      )}
      <div role="alert" className="form-error" data-empty={error?.field === 'form' ? undefined : ''}>
        {error?.field === 'form' ? phoneErrorText(t, error.error) : null}
      </div>
      <p role="status" className="form-status" data-empty={done ? undefined : ''}>
        {done === 'added'
          ? text.added
          : done === 'removed'
            ? text.removed
            : done === 'cancelled'
              ? t.contacts.cancelled
              : null}
      </p>
    </section>
  );
}

function walletErrorText(t: Dictionary, error: unknown): string {
  const text = t.contacts.wallets;
  if (error instanceof WalletError) {
    return error.kind === 'no_wallet'
      ? text.noWallet
      : error.kind === 'rejected'
        ? text.rejected
        : text.failed;
  }
  switch (errorCode(error)) {
    case 'invalid_code':
      return text.badSignature;
    case 'expired':
      return text.expired;
    case 'conflict':
      return text.already;
    case 'elevation_required':
      return t.contacts.needsFactor;
    default:
      return errorText(t, error);
  }
}

function WalletContacts({ wallets }: { wallets: LinkedWallet[] }) {
  const t = useT();
  const text = t.contacts.wallets;
  const save = useSaveContacts();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<'linked' | 'removed' | 'cancelled' | null>(null);
  const id = useId();
  const hasWallet = browserWallet() !== null;
  const { withElevation } = useStepUp({ scope: CONTACTS_SCOPE });
  // The last message the server wrote: a try after a declined signature signs it again (it stays good
  // until used or expired), instead of asking for another step-up.
  const message = useRef<WalletChallengeResponse | null>(null);
  const askForMessage: AskForMessage = async (address, chainId) => {
    const last = message.current;
    if (
      last &&
      last.address.toLowerCase() === address.toLowerCase() &&
      last.chainId === chainId &&
      Date.parse(last.expiresAt) - Date.now() > 30_000
    ) {
      return last;
    }
    message.current = await withElevation((elevated) => api.walletChallenge(address, chainId, elevated));
    return message.current;
  };

  const run = async (key: string, action: () => Promise<ContactsResponse>, result: 'linked' | 'removed') => {
    if (busy) return;
    setBusy(key);
    setError(null);
    setDone(null);
    try {
      save(await action());
      setDone(result);
      if (result === 'linked') message.current = null;
    } catch (failure) {
      if (isCancelled(failure)) setDone('cancelled');
      else setError(failure);
      // Refused by the server (used, expired, spent): the next try needs a new message.
      if (!(failure instanceof WalletError) && errorCode(failure) !== 'invalid_code') message.current = null;
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="contact" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="contact-title">
        {text.title}
      </h3>
      {wallets.length === 0 ? (
        <p className="field-hint">{text.none}</p>
      ) : (
        <ul className="wallet-list" aria-labelledby={`${id}-title`}>
          {wallets.map((wallet) => (
            <li key={wallet.address} className="contact-row">
              <p className="contact-value">
                <code className="wallet-address" dir="ltr">
                  {wallet.address}
                </code>
                <span className="field-hint">
                  {text.chain(wallet.chainId)} · {text.linkedOn(formatDate(wallet.linkedAt, t.locale))}
                </span>
              </p>
              <button
                type="button"
                className="button"
                data-variant="secondary"
                aria-label={text.remove(wallet.address)}
                aria-disabled={busy !== null || undefined}
                onClick={() =>
                  void run(
                    wallet.address,
                    () => withElevation((elevated) => api.removeWallet(wallet.address, elevated)),
                    'removed',
                  )
                }
              >
                {busy === wallet.address ? <Spinner /> : null}
                {text.removeShort}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="field-hint">{hasWallet ? text.hint : text.noWallet}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          data-variant="primary"
          aria-disabled={busy !== null || !hasWallet || undefined}
          onClick={() => {
            if (hasWallet) void run('link', () => linkBrowserWallet(askForMessage), 'linked');
          }}
        >
          {busy === 'link' ? <Spinner /> : null}
          {busy === 'link' ? text.linking : text.link}
        </button>
      </div>
      <div role="alert" className="form-error" data-empty={error ? undefined : ''}>
        {error ? walletErrorText(t, error) : null}
      </div>
      <p role="status" className="form-status" data-empty={done ? undefined : ''}>
        {done === 'linked'
          ? text.linked
          : done === 'removed'
            ? text.removed
            : done === 'cancelled'
              ? t.contacts.cancelled
              : null}
      </p>
    </section>
  );
}
