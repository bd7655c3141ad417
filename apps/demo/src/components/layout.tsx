/**
 * The app's frame: skip link, header (brand, navigation, language and theme, sign-out), the main landmark
 * and the footer. After a navigation, focus moves to the new page's h1, unless the page put it somewhere
 * itself (a code field that takes focus).
 */
import { useMfa } from '@mfa-kit/react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { api } from '../api.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language, THEMES, type Theme } from '../i18n.js';
import { language, theme, useLanguage, useT, useTheme } from '../preferences.js';
import { useDevTools } from '../queries.js';
import { Link, navigate, usePath } from '../router.js';
import { session, useSession } from '../session.js';

/** Signs out: the server has nothing to revoke (stateless tokens), so the app forgets the token. */
export function useSignOut(): () => void {
  const queryClient = useQueryClient();
  return () => {
    api.signOut().catch(() => {});
    session.end('signed-out');
    queryClient.removeQueries({ queryKey: ['app'] });
    navigate('/sign-in');
  };
}

function Logo() {
  return (
    <svg
      className="brand-logo"
      viewBox="0 0 32 32"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="3" y="7" width="26" height="20" rx="4" fill="currentColor" />
      <path d="M7 7l14-4 2 4" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
      <rect x="19" y="14" width="10" height="6" rx="2" className="brand-logo-cut" />
      <circle cx="23" cy="17" r="1.5" fill="currentColor" />
    </svg>
  );
}

function Preferences() {
  const t = useT();
  const current = useLanguage();
  const scheme = useTheme();
  return (
    <div className="preferences">
      <label className="preference">
        <span className="preference-label">{t.app.language}</span>
        <select
          className="select"
          value={current}
          onChange={(event) => {
            const next = LANGUAGES.find((candidate) => candidate === event.target.value);
            if (next) language.set(next);
          }}
        >
          {LANGUAGES.map((code: Language) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
      <label className="preference">
        <span className="preference-label">{t.app.theme}</span>
        <select
          className="select"
          value={scheme}
          onChange={(event) => {
            const next = THEMES.find((candidate) => candidate === event.target.value);
            if (next) theme.set(next);
          }}
        >
          {THEMES.map((value: Theme) => (
            <option key={value} value={value}>
              {t.app.themes[value]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const token = useSession();
  const { status } = useMfa();
  const path = usePath();
  const signOut = useSignOut();
  // The development Inbox, where the demo's emails and text messages arrive; not in production.
  const devTools = useDevTools();
  const main = useRef<HTMLElement>(null);
  const complete = token !== null && (status === 'satisfied' || status === 'not-required');

  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    const active = document.activeElement;
    // A page that focused something of its own (a code field) keeps it.
    if (active && active !== main.current && main.current?.contains(active)) return;
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);

  return (
    <div className="app">
      {/* The browser moves focus to #main (focusable through tabIndex) and scrolls to it. */}
      <a className="skip-link" href="#main">
        {t.app.skipLink}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to={token ? '/wallet' : '/sign-in'} className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{t.app.name}</span>
              <span className="brand-tagline">{t.app.tagline}</span>
            </span>
          </Link>
          {complete ? (
            <nav aria-label={t.app.mainNav} className="app-nav">
              <ul>
                <li>
                  <Link to="/wallet">{t.nav.wallet}</Link>
                </li>
                <li>
                  <Link to="/security">{t.nav.security}</Link>
                </li>
                <li>
                  <Link to="/policy">{t.nav.policy}</Link>
                </li>
                {devTools ? (
                  <li>
                    <Link to="/dev/inbox">{t.nav.inbox}</Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : token === null ? (
            <nav aria-label={t.app.accountNav} className="app-nav">
              <ul>
                <li>
                  <Link to="/sign-in">{t.nav.signIn}</Link>
                </li>
                <li>
                  <Link to="/sign-up">{t.nav.signUp}</Link>
                </li>
              </ul>
            </nav>
          ) : null}
          <div className="app-tools">
            <Preferences />
            {token ? (
              <button type="button" className="button" data-variant="secondary" onClick={signOut}>
                {t.app.signOut}
              </button>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">
        <p>{t.app.footer}</p>
      </footer>
    </div>
  );
}
