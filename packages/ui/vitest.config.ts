import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineProject, mergeConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findBrowser } from '../../scripts/find-browser.mjs';
import { sourceConditions } from '../../vitest.shared.js';
import { browserCommands } from './src/test/commands.js';

// Component tests run in a real Chromium (typing, paste, focus, clipboard, WebAuthn through a CDP
// virtual authenticator), found by scripts/find-browser.mjs: never downloaded.
export default mergeConfig(
  sourceConditions,
  defineProject({
    plugins: [react()],
    optimizeDeps: {
      include: [
        'react',
        'react-dom',
        'react-dom/client',
        'react/jsx-dev-runtime',
        'vitest-browser-react',
        'otpauth',
        '@tanstack/react-query',
        'radix-ui',
        'qrcode.react',
      ],
    },
    test: {
      name: 'ui',
      include: ['src/**/*.test.tsx'],
      setupFiles: ['./src/test/setup.ts'],
      testTimeout: 20_000,
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({
          launchOptions: { executablePath: findBrowser(), args: CHROMIUM_ARGS },
          contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
        }),
        instances: [{ browser: 'chromium' }],
        commands: browserCommands,
        screenshotFailures: false,
      },
    },
  }),
);
