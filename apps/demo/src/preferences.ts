/**
 * Language and theme: small stores that put `lang`, `dir` and `data-theme` on <html> and remember the
 * choice in localStorage. They are display preferences, nothing about the user's account; MFA state never
 * goes to storage (see session.ts). index.html applies the saved values before the first paint.
 */
import { useSyncExternalStore } from 'react';
import { DICTIONARIES, type Dictionary, LANGUAGES, type Language, THEMES, type Theme } from './i18n.js';

interface Preference<T extends string> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the preference lasts as long as the page
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered; still applied.
  }
}

function createPreference<T extends string>(
  key: string,
  allowed: readonly T[],
  fallback: () => T,
  apply: (value: T) => void,
): Preference<T> {
  const saved = readStorage(key);
  let value = allowed.find((candidate) => candidate === saved) ?? fallback();
  const listeners = new Set<() => void>();
  apply(value);
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      writeStorage(key, next);
      apply(next);
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The browser's first language we speak, else English. */
function browserLanguage(): Language {
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

export const language = createPreference<Language>(
  'acme-wallet.language',
  LANGUAGES,
  browserLanguage,
  (value) => {
    document.documentElement.lang = value;
    document.documentElement.dir = DICTIONARIES[value].dir;
  },
);

/** `system` follows prefers-color-scheme: no `data-theme` at all, which the @mfa-kit/ui tokens read too. */
export const theme = createPreference<Theme>(
  'acme-wallet.theme',
  THEMES,
  () => 'system',
  (value) => {
    if (value === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', value);
  },
);

export function useLanguage(): Language {
  return useSyncExternalStore(language.subscribe, language.get);
}

export function useTheme(): Theme {
  return useSyncExternalStore(theme.subscribe, theme.get);
}

/** The demo's strings in the chosen language. */
export function useT(): Dictionary {
  return DICTIONARIES[useLanguage()];
}
