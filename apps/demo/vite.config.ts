import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { NONCE_PLACEHOLDER } from './server/security-headers.js';

// The front end. In development server/main.ts runs Vite in middleware mode on the API's port; `vite
// build` writes dist/client, which server/main.ts serves in production.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages run from their TypeScript sources (see vitest.shared.ts), so nothing needs a
    // build; that includes @mfa-kit/ui/styles.css, whose source @imports one file per component.
    conditions: ['@mfa-kit/source', ...defaultClientConditions],
  },
  // Vite writes the placeholder as the nonce of the tags it emits and of <meta property="csp-nonce">;
  // server/http.ts puts each answer's nonce in its place (server/security-headers.ts).
  html: { cspNonce: NONCE_PLACEHOLDER },
  build: { outDir: 'dist/client', emptyOutDir: true },
});
