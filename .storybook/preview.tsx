import '../packages/ui/src/styles.css';
import './preview.css';
import type { Preview } from '@storybook/react-vite';
import { type ReactNode, useLayoutEffect } from 'react';
import { ar } from '../packages/ui/src/i18n/ar.js';
import { de } from '../packages/ui/src/i18n/de.js';
import { en, MfaUiProvider } from '../packages/ui/src/index.js';
import { backendLoader, withBackend } from './backend.js';

const locales = { en, de, ar };

declare global {
  interface Window {
    /** When the story first rendered (performance.now()), read by bench/render.mjs. */
    __mfaRenderStart?: number;
    /** How long the story took from its first render to its first commit, in ms (read by bench/render.mjs). */
    __mfaMountMs?: number;
  }
}

/** Records the story's mount time: from the render that starts it to the commit that shows it. */
function MountTimer({ children }: { children: ReactNode }) {
  const started = performance.now();
  window.__mfaRenderStart ??= started;
  useLayoutEffect(() => {
    window.__mfaMountMs ??= performance.now() - started;
  }, [started]);
  return children;
}

const preview: Preview = {
  loaders: [backendLoader],
  decorators: [
    withBackend,
    (Story, context) => {
      const locale = (context.globals.locale ?? 'en') as keyof typeof locales;
      const theme = (context.globals.theme ?? 'light') as 'light' | 'dark';
      const messages = locales[locale] ?? en;
      return (
        <div className="sb-frame" data-theme={theme} dir={messages.dir} lang={messages.locale}>
          <MfaUiProvider messages={messages}>
            <MountTimer>
              <Story />
            </MountTimer>
          </MfaUiProvider>
        </div>
      );
    },
  ],
  globalTypes: {
    theme: {
      description: 'Colour scheme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Language',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
          { value: 'ar', title: 'العربية' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  parameters: {
    layout: 'padded',
    // axe runs on every story; a violation fails its test (WCAG 2.2 AA).
    a11y: {
      test: 'error',
      options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
    },
    controls: { expanded: true },
  },
  tags: ['autodocs'],
};

export default preview;
