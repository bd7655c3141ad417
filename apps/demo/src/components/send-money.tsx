/**
 * Send money, behind step-up: `useStepUp({ scope: 'wallet:transfer' }).withElevation` asks through the
 * mounted StepUpDialog only when the policy wants it — for the second step, or, for a user without one, a
 * code by email or SMS or a wallet signature — and the multi-use token it gets covers the next transfers
 * for 10 minutes, so those go through without a prompt.
 */
import { useStepUp } from '@mfa-kit/react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import type { WalletResponse } from '../../server/api.js';
import { amountExamples, parseAmount } from '../amount.js';
import { api } from '../api.js';
import { errorCode, errorText } from '../errors.js';
import { type Dictionary, formatMoney } from '../i18n.js';
import { useT } from '../preferences.js';
import { refreshStepUpWays, useCanStepUp, walletKey } from '../queries.js';
import { Link } from '../router.js';
import { Spinner } from './page.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What is wrong with a field, kept as a key and put in words at render, so that switching the language
 * translates an error already shown.
 */
interface FieldErrors {
  to?: 'invalidTo';
  amount?: 'invalidAmount' | 'amountSeparator' | 'insufficient';
}

function fieldErrorText(t: Dictionary, key: NonNullable<FieldErrors[keyof FieldErrors]>): string {
  const text = t.wallet.send;
  const examples = amountExamples(t.locale);
  switch (key) {
    case 'invalidTo':
      return text.invalidTo;
    case 'invalidAmount':
      return text.invalidAmount(examples.min, examples.max);
    case 'amountSeparator':
      return text.amountSeparator(examples.grouped);
    case 'insufficient':
      return text.insufficient;
  }
}

export function SendMoney({ email, balance }: { email: string; balance: string }) {
  const t = useT();
  const text = t.wallet.send;
  const { isRequired, token, withElevation } = useStepUp({ scope: 'wallet:transfer' });
  const canStepUp = useCanStepUp('wallet:transfer');
  const queryClient = useQueryClient();
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<{ amount: string; to: string } | null>(null);
  const toField = useRef<HTMLInputElement>(null);
  const amountField = useRef<HTMLInputElement>(null);
  const id = useId();
  // Only a user with no second factor and no way to re-authenticate is told to set one up first;
  // anyone else just gets the StepUpDialog, which offers what they have.
  const noWay = !canStepUp;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    // A new attempt: what the last one said (sent, or refused) is no longer news.
    setSent(null);
    setError(null);
    const recipient = to.trim();
    // As typed in the page's language ("12,50" in German), into the API's form ("12.50").
    const parsed = parseAmount(amount, t.locale);
    const value = parsed.amount ?? '';
    const errors: FieldErrors = {};
    if (!EMAIL.test(recipient) || recipient.toLowerCase() === email) errors.to = 'invalidTo';
    if (parsed.problem === 'separator') {
      errors.amount = 'amountSeparator';
    } else if (parsed.problem || Number(value) < 0.01 || Number(value) > 1_000_000) {
      errors.amount = 'invalidAmount';
    } else if (Number(value) > Number(balance)) {
      // Said before the second step is asked for; the server checks it again.
      errors.amount = 'insufficient';
    }
    setFieldErrors(errors);
    if (errors.to || errors.amount) {
      (errors.to ? toField : amountField).current?.focus();
      return;
    }
    setPending(true);
    try {
      const result = await withElevation((elevated) =>
        api.transfer({ to: recipient, amount: value }, elevated),
      );
      queryClient.setQueryData<WalletResponse>(walletKey, (current) =>
        current
          ? { ...current, balance: result.balance, history: [result.entry, ...current.history].slice(0, 50) }
          : current,
      );
      setSent({ amount: value, to: recipient });
      setTo('');
      setAmount('');
    } catch (failure) {
      setError(failure);
      // No way to step up, says the prompt: the notice below reads the ways afresh.
      if (errorCode(failure) === 'elevation_required') refreshStepUpWays(queryClient);
    } finally {
      setPending(false);
    }
  };

  const code = errorCode(error);
  let problem: ReactNode = null;
  let cancelled = false;
  if (code === 'stepup_cancelled') cancelled = true;
  else if (code === 'conflict') problem = text.insufficient;
  else if (code === 'elevation_required' && noWay) problem = <NeedsFactor />;
  else if (error !== null) problem = errorText(t, error);

  const hint = !isRequired ? text.noStepUp : token ? text.confirmedRecently : noWay ? null : text.asksForCode;
  const ids = { to: `${id}-to`, amount: `${id}-amount`, hint: `${id}-hint` };
  const examples = amountExamples(t.locale);

  return (
    <section className="card send-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {text.title}
      </h2>
      <form className="form" noValidate onSubmit={submit}>
        <div className="field">
          <label className="label" htmlFor={ids.to}>
            {text.to}
          </label>
          <input
            ref={toField}
            id={ids.to}
            className="input"
            type="email"
            name="to"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            value={to}
            onChange={(event) => setTo(event.target.value)}
            aria-invalid={fieldErrors.to ? true : undefined}
            aria-describedby={`${ids.to}-hint${fieldErrors.to ? ` ${ids.to}-error` : ''}`}
          />
          <p id={`${ids.to}-hint`} className="field-hint">
            {text.toHint}
          </p>
          {fieldErrors.to ? (
            <p id={`${ids.to}-error`} className="field-error">
              {fieldErrorText(t, fieldErrors.to)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label className="label" htmlFor={ids.amount}>
            {text.amount}
          </label>
          <input
            ref={amountField}
            id={ids.amount}
            className="input input-amount"
            type="text"
            name="amount"
            inputMode="decimal"
            dir="ltr"
            autoComplete="off"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={fieldErrors.amount ? true : undefined}
            aria-describedby={`${ids.amount}-hint${fieldErrors.amount ? ` ${ids.amount}-error` : ''}`}
          />
          <p id={`${ids.amount}-hint`} className="field-hint">
            {text.amountHint(examples.whole, examples.cents)}
          </p>
          {fieldErrors.amount ? (
            <p id={`${ids.amount}-error`} className="field-error">
              {fieldErrorText(t, fieldErrors.amount)}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            data-variant="primary"
            aria-disabled={pending || undefined}
            aria-describedby={hint ? ids.hint : undefined}
          >
            {pending ? <Spinner /> : null}
            {pending ? text.submitting : text.submit}
          </button>
          {hint ? (
            <p id={ids.hint} className="field-hint" data-step-up={token ? 'confirmed' : 'asks'}>
              {hint}
            </p>
          ) : null}
        </div>
        {isRequired && noWay && !problem ? (
          <div className="notice" data-tone="warning">
            <NeedsFactor />
          </div>
        ) : null}
        <div role="alert" className="form-error" data-empty={problem ? undefined : ''}>
          {problem}
        </div>
        <p role="status" className="form-status" data-empty={sent || cancelled ? undefined : ''}>
          {cancelled ? text.cancelled : sent ? text.sent(formatMoney(sent.amount, t.locale), sent.to) : null}
        </p>
      </form>
    </section>
  );
}

/** "This needs two-step verification or another way to confirm it's you": a link to set one up. */
export function NeedsFactor() {
  const t = useT();
  return (
    <>
      {t.wallet.needsFactor} <Link to="/security">{t.wallet.setUpLink}</Link>
    </>
  );
}
