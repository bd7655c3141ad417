import '@mfa-kit/ui/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

// Radix's dialogs lock the page's scroll with a <style> element (react-remove-scroll), which the
// Content-Security-Policy lets in only with the page's nonce. They take it through get-nonce, which reads
// `__webpack_nonce__`; the server puts it on <meta property="csp-nonce"> (server/security-headers.ts).
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
if (nonce) Object.assign(globalThis, { __webpack_nonce__: nonce });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
