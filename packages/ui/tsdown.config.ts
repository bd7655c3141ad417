import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
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
