/**
 * The security headers of every answer, pages, assets and API alike (server/http.ts sets them before any
 * handler runs): a Content-Security-Policy with a nonce per answer, nosniff, no referrer, and a
 * Permissions-Policy that keeps WebAuthn to this origin and turns off what the app never uses.
 *
 * The page's nonce reaches it through Vite's `html.cspNonce` (vite.config.ts): Vite writes
 * {@link NONCE_PLACEHOLDER} on the tags it emits and on `<meta property="csp-nonce">`, and the server
 * replaces it with the answer's nonce ({@link withNonce}). Vite's client reads that meta tag for the
 * `<style>` tags it injects in development, and src/main.tsx hands it to the `<style>` that Radix's
 * dialogs add to lock the page's scroll (react-remove-scroll, through get-nonce).
 */
import { randomBytes } from 'node:crypto';

/** What vite.config.ts gives Vite as `html.cspNonce`; never a nonce itself. */
export const NONCE_PLACEHOLDER = 'ACME_WALLET_CSP_NONCE';

/** 128 random bits, base64: a fresh one for every answer (CSP3 §2.3.1 asks for at least 128 bits). */
export const createNonce = (): string => randomBytes(16).toString('base64');

/** index.html with the answer's nonce in place of the placeholder. */
export const withNonce = (html: string, nonce: string): string => html.replaceAll(NONCE_PLACEHOLDER, nonce);

export interface SecurityHeaderOptions {
  /** This answer's nonce, from {@link createNonce}. */
  nonce: string;
  /**
   * Development (Vite with HMR) instead of the built app: `{ origin }`, the page origin, whose host and
   * port also serve Vite's HMR WebSocket. Default: the built app.
   */
  development?: { origin: string } | undefined;
}

/**
 * - `script-src 'self'`: the built app has no inline script (index.html loads /saved-preferences.js). In
 *   development the nonce is added for the one inline script Vite writes, @vitejs/plugin-react's Fast
 *   Refresh preamble. No `'unsafe-inline'`, no `'unsafe-eval'`, in either.
 * - `style-src 'self' 'nonce-…'`: the stylesheet is a file; the nonce lets in Radix's scroll lock and, in
 *   development, the `<style>` tags Vite injects for CSS. `style=` attributes stay blocked; React's
 *   `style` props are set through the CSSOM, which CSP does not govern.
 * - `img-src 'self' data:`: the favicon is a data: URL (the QR code is inline SVG, not an image).
 * - `connect-src 'self'`: the API. In development also the HMR WebSocket, named explicitly: CSP Level 3
 *   lets `'self'` match `ws:` on the same host and port, but not every browser does yet.
 */
export function contentSecurityPolicy({ nonce, development }: SecurityHeaderOptions): string {
  const webSocket = development ? ` ${new URL(development.origin).origin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${development ? ` 'nonce-${nonce}'` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    `connect-src 'self'${webSocket}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Allowed for this origin only; every other feature listed here is off. */
export const PERMISSIONS_POLICY = [
  'publickey-credentials-get=(self)',
  'publickey-credentials-create=(self)',
  'clipboard-write=(self)',
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
].join(', ');

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
}
