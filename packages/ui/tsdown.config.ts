import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/i18n/de.ts', 'src/i18n/ar.ts'],
  // One file per module: with "sideEffects" limited to CSS, an app's bundler drops every component it
  // does not import (CodeInput alone pulls in neither qrcode.react nor WebAuthn).
  unbundle: true,
  format: 'esm',
  platform: 'neutral',
  // Peers and our own packages stay imports: one React, one QueryClient, one MfaError in the app.
  deps: {
    neverBundle: [
      /^react(\/|$)/,
      /^react-dom(\/|$)/,
      '@tanstack/react-query',
      /^@mfa-kit\//,
      /^radix-ui/,
      /^@radix-ui\//,
      'qrcode.react',
    ],
  },
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
