/**
 * The frame of every page: its title (the one h1, which takes focus after a navigation, and the
 * document title), the note that says how the page is built, and the shared loading and error states.
 */
import { type ReactNode, useEffect } from 'react';
import { useT } from '../preferences.js';

export interface PageProps {
  title: string;
  /** Under the title. */
  intro?: ReactNode;
  /** How the page is built, for the note at its end. */
  builtWith?: { kind: 'drop-in' | 'hooks'; names: string };
  /** `narrow`: a form page, centred; `medium`: a wider one. */
  width?: 'narrow' | 'medium' | 'wide';
  children?: ReactNode;
}

export function Page({ title, intro, builtWith, width = 'wide', children }: PageProps) {
  const t = useT();
  useEffect(() => {
    document.title = t.app.pageTitle(title);
  }, [t, title]);
  return (
    <div className="page" data-width={width}>
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
        {intro ? <p className="page-intro">{intro}</p> : null}
      </div>
      {children}
      {builtWith ? <BuiltWith kind={builtWith.kind} names={builtWith.names} /> : null}
    </div>
  );
}

function BuiltWith({ kind, names }: { kind: 'drop-in' | 'hooks'; names: string }) {
  const t = useT();
  return (
    <p className="built-with" data-kind={kind}>
      <strong>{t.builtWith.label}:</strong> {kind === 'drop-in' ? t.builtWith.dropIn : t.builtWith.hooks}{' '}
      <code dir="ltr" className="built-with-package">
        {kind === 'drop-in' ? '@mfa-kit/ui' : '@mfa-kit/react'}
      </code>
      : <code dir="ltr">{names}</code>.
    </p>
  );
}

export function Spinner() {
  return (
    <svg className="spinner" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="3" opacity="0.25" />
      <path
        d="M21 12a9 9 0 0 0-9-9"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** A busy message, announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** A failure that can be tried again: what failed, why (announced), and a Retry button. */
export function ErrorState({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry?: () => void;
}) {
  const t = useT();
  return (
    <div className="error-state card">
      <div role="alert">
        <p className="error-state-title">{title}</p>
        <p>{message}</p>
      </div>
      {onRetry ? (
        <button type="button" className="button" data-variant="secondary" onClick={onRetry}>
          {t.common.retry}
        </button>
      ) : null}
    </div>
  );
}
