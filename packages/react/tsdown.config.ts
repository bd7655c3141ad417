import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  // Peers and the client stay imports, so the app has one React, one QueryClient class and one MfaError.
  deps: { neverBundle: [/^react(\/|$)/, '@tanstack/react-query', '@mfa-kit/client'] },
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
