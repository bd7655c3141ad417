/**
 * The secret recovery phrase, behind step-up: `useStepUp({ scope: 'wallet:export' })`. Its elevated token
 * is single-use, so every export asks again. The phrase is shown once, kept only in this component's
 * state, and gone when it is hidden or the page changes.
 */
import { useStepUp } from '@mfa-kit/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api.js';
import { errorCode, errorText } from '../errors.js';
import { useT } from '../preferences.js';
import { refreshStepUpWays, useCanStepUp } from '../queries.js';
import { Spinner } from './page.js';
import { NeedsFactor } from './send-money.js';

export function ExportPhrase() {
  const t = useT();
  const text = t.wallet.export;
  const { isRequired, withElevation } = useStepUp({ scope: 'wallet:export' });
  // Told to set up a second step only when there is no way at all to confirm; else the dialog asks.
  const noWay = !useCanStepUp('wallet:export');
  const queryClient = useQueryClient();
  const [words, setWords] = useState<{ position: number; word: string }[] | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shown = useRef<HTMLDivElement>(null);
  const showButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'phrase' | 'button' | null>(null);
  const id = useId();

  useEffect(() => {
    if (focusTarget === 'phrase') shown.current?.focus();
    if (focusTarget === 'button') showButton.current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);

  const show = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const { recoveryPhrase } = await withElevation((elevated) => api.exportPhrase(elevated));
      setWords(recoveryPhrase.split(' ').map((word, index) => ({ position: index + 1, word })));
      setFocusTarget('phrase');
    } catch (failure) {
      setError(failure);
      if (errorCode(failure) === 'elevation_required') refreshStepUpWays(queryClient);
    } finally {
      setPending(false);
    }
  };

  const code = errorCode(error);
  const cancelled = code === 'stepup_cancelled';
  const problem =
    error === null || cancelled ? null : code === 'elevation_required' && noWay ? (
      <NeedsFactor />
    ) : (
      errorText(t, error)
    );

  return (
    <section className="card export-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {text.title}
      </h2>
      <p className="card-text">{text.description}</p>
      {words ? (
        <div ref={shown} className="phrase-box" tabIndex={-1}>
          <p id={`${id}-phrase`} className="phrase-title">
            {text.phraseLabel}
          </p>
          <p className="notice" data-tone="warning">
            {text.warning}
          </p>
          <ol className="phrase" dir="ltr" aria-labelledby={`${id}-phrase`}>
            {words.map(({ position, word }) => (
              <li key={position}>
                <span className="phrase-number" aria-hidden="true">
                  {position}
                </span>
                <span className="phrase-word">{word}</span>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button"
            data-variant="secondary"
            onClick={() => {
              setWords(null);
              setFocusTarget('button');
            }}
          >
            {text.hide}
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button
            ref={showButton}
            type="button"
            className="button"
            data-variant="secondary"
            aria-disabled={pending || undefined}
            aria-describedby={`${id}-hint`}
            onClick={() => void show()}
          >
            {pending ? <Spinner /> : null}
            {pending ? text.showing : text.show}
          </button>
          <p id={`${id}-hint`} className="field-hint">
            {isRequired ? (noWay ? null : text.asksEveryTime) : text.noStepUp}
          </p>
        </div>
      )}
      {isRequired && noWay && !words && !problem ? (
        <div className="notice" data-tone="warning">
          <NeedsFactor />
        </div>
      ) : null}
      <div role="alert" className="form-error" data-empty={problem ? undefined : ''}>
        {problem}
      </div>
      <p role="status" className="form-status" data-empty={cancelled ? undefined : ''}>
        {cancelled ? text.cancelled : null}
      </p>
    </section>
  );
}
