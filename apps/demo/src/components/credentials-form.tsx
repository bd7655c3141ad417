/**
 * Email and password, for sign-in and sign-up: labelled fields, errors next to the field they are about
 * (checked here first, so most mistakes never reach the server), the server's answer in an alert, and a
 * rate limit counting down.
 */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import type { CredentialsRequest } from '../../server/api.js';
import { ApiError } from '../api.js';
import type { Dictionary } from '../i18n.js';
import { useT } from '../preferences.js';
import { useCountdown } from '../use-countdown.js';
import { Spinner } from './page.js';

export interface CredentialsFormProps {
  mode: 'sign-in' | 'sign-up';
  /** Sends the credentials; rejects with the API's error. */
  onSubmit: (credentials: CredentialsRequest) => Promise<void>;
  /** The page's sentence for an error of its own (`invalid_credentials`, `conflict`), else null. */
  describeError: (error: unknown) => ReactNode | null;
  /** The generic sentence for any other error. */
  fallbackError: (error: unknown) => string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What is wrong with a field, kept as a key and put in words at render, so that switching the language
 * translates an error already shown.
 */
interface FieldErrors {
  email?: 'emailRequired' | 'emailInvalid';
  password?: 'passwordRequired' | 'passwordInvalid';
}

const FIELD_ERROR_TEXT: Record<NonNullable<FieldErrors[keyof FieldErrors]>, (t: Dictionary) => string> = {
  emailRequired: (t) => t.common.emailRequired,
  emailInvalid: (t) => t.signUp.emailInvalid,
  passwordRequired: (t) => t.common.passwordRequired,
  passwordInvalid: (t) => t.signUp.passwordInvalid,
};

export function CredentialsForm({ mode, onSubmit, describeError, fallbackError }: CredentialsFormProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(lockedUntil);
  const emailField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const id = useId();

  const validate = () => {
    const errors: FieldErrors = {};
    const trimmed = email.trim();
    if (trimmed === '') errors.email = 'emailRequired';
    else if (mode === 'sign-up' && !EMAIL.test(trimmed)) errors.email = 'emailInvalid';
    if (password === '') errors.password = 'passwordRequired';
    else if (
      mode === 'sign-up' &&
      (password.length < 10 ||
        password.length > 200 ||
        password.trim().toLowerCase() === trimmed.toLowerCase())
    )
      errors.password = 'passwordInvalid';
    return errors;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const errors = validate();
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      (errors.email ? emailField : passwordField).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSubmit({ email: email.trim(), password });
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.code === 'rate_limited') {
        setLockedUntil(Date.now() + (failure.retryAfter ?? 30) * 1000);
      }
    } finally {
      setPending(false);
    }
  };

  const limited = error instanceof ApiError && error.code === 'rate_limited';
  let shown: ReactNode = null;
  if (limited) {
    // The visible text counts down; screen readers hear the whole wait once.
    shown =
      secondsLeft > 0 ? (
        <>
          <span aria-hidden="true">{t.errors.rateLimited(secondsLeft)}</span>
          <span className="visually-hidden">{t.errors.rateLimited(error.retryAfter ?? 30)}</span>
        </>
      ) : null;
  } else if (error !== null) {
    shown = describeError(error) ?? fallbackError(error);
  }

  const ids = {
    email: `${id}-email`,
    emailError: `${id}-email-error`,
    password: `${id}-password`,
    passwordHint: `${id}-password-hint`,
    passwordError: `${id}-password-error`,
  };
  const passwordDescribedBy = [
    mode === 'sign-up' ? ids.passwordHint : null,
    fieldErrors.password ? ids.passwordError : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="form" noValidate onSubmit={submit}>
      <div className="field">
        <label className="label" htmlFor={ids.email}>
          {t.common.email}
        </label>
        <input
          ref={emailField}
          id={ids.email}
          className="input"
          type="email"
          name="email"
          autoComplete={mode === 'sign-in' ? 'username' : 'email'}
          dir="ltr"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? ids.emailError : undefined}
        />
        {fieldErrors.email ? (
          <p id={ids.emailError} className="field-error">
            {FIELD_ERROR_TEXT[fieldErrors.email](t)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="label" htmlFor={ids.password}>
          {t.common.password}
        </label>
        <input
          ref={passwordField}
          id={ids.password}
          className="input"
          type="password"
          name="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          dir="ltr"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={passwordDescribedBy || undefined}
        />
        {mode === 'sign-up' ? (
          <p id={ids.passwordHint} className="field-hint">
            {t.signUp.passwordHint}
          </p>
        ) : null}
        {fieldErrors.password ? (
          <p id={ids.passwordError} className="field-error">
            {FIELD_ERROR_TEXT[fieldErrors.password](t)}
          </p>
        ) : null}
      </div>
      <div role="alert" className="form-error" data-empty={shown ? undefined : ''}>
        {shown}
      </div>
      <button
        type="submit"
        className="button"
        data-variant="primary"
        data-wide=""
        aria-disabled={pending || secondsLeft > 0 || undefined}
        disabled={secondsLeft > 0}
      >
        {pending ? <Spinner /> : null}
        {mode === 'sign-in'
          ? pending
            ? t.signIn.submitting
            : t.signIn.submit
          : pending
            ? t.signUp.submitting
            : t.signUp.submit}
      </button>
    </form>
  );
}
