/**
 * The HTTP server of `pnpm start` (server/http.ts) over real HTTP, with a stand-in for the built front end:
 * the security headers on every kind of answer, and index.html with a nonce of its own each time. The
 * real build in Chromium, with no CSP violation: e2e/security-headers.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoHttp, startDemoHttp } from './http.js';
import { NONCE_PLACEHOLDER } from './security-headers.js';

/** What `vite build` makes of index.html with `html.cspNonce` (vite.config.ts), in short. */
const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <script src="/saved-preferences.js" nonce="${NONCE_PLACEHOLDER}"></script>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js" nonce="${NONCE_PLACEHOLDER}"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-Ef56Gh78.css" nonce="${NONCE_PLACEHOLDER}">
    <meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}">
  </head>
  <body><div id="root"></div></body>
</html>
`;

let clientDir: string;
let http: DemoHttp;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'acme-wallet-http-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(clientDir, 'assets/index-Ab12Cd34.js'), 'console.log("app");\n');
  writeFileSync(join(clientDir, 'saved-preferences.js'), '// preferences\n');
  http = await startDemoHttp({
    frontEnd: { kind: 'static', root: clientDir },
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    log: false,
  });
  await http.demo.ready();
});

afterAll(async () => {
  await http?.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const request = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${http.port}${path}`, init);

/** The CSP's directives by name: `{ 'script-src': ["'self'"], ... }`. */
function directives(header: string | null): Record<string, string[]> {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...values]) => [name, values]),
  );
}

const nonceOf = (policy: Record<string, string[]>) =>
  /^'nonce-([A-Za-z0-9+/]+=*)'$/.exec(
    policy['style-src']?.find((value) => value.startsWith("'nonce-")) ?? '',
  )?.[1];

describe('security headers', () => {
  const answers: [string, string, RequestInit | undefined, number][] = [
    ['the app shell', '/', undefined, 200],
    ['a client route', '/wallet', undefined, 200],
    ['a page, HEAD', '/security', { method: 'HEAD' }, 200],
    ['a built asset', '/assets/index-Ab12Cd34.js', undefined, 200],
    ['a public file', '/saved-preferences.js', undefined, 200],
    ['a missing file', '/assets/missing.js', undefined, 404],
    ['an API answer', '/api/health', undefined, 200],
    ['an unknown API route', '/api/nope', undefined, 404],
    [
      'a refused API request',
      '/api/auth/sign-in',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":1}' },
      400,
    ],
    ['an API answer without a session', '/api/wallet', undefined, 401],
  ];

  it.each(answers)('come with %s', async (_what, path, init, status) => {
    const response = await request(path, init);
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    const policy = directives(response.headers.get('Content-Security-Policy'));
    expect(policy).toEqual({
      'default-src': ["'none'"],
      // The built app runs no inline script: not even with the nonce.
      'script-src': ["'self'"],
      'style-src': ["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    const permissions = response.headers.get('Permissions-Policy')?.split(/,\s*/);
    expect(permissions).toEqual(
      expect.arrayContaining([
        'publickey-credentials-get=(self)',
        'publickey-credentials-create=(self)',
        'camera=()',
        'microphone=()',
        'geolocation=()',
      ]),
    );
  });

  it('give each page a nonce of its own, on its tags and in its CSP, and keep the page out of caches', async () => {
    const pages = await Promise.all(
      ['/', '/wallet'].map(async (path) => {
        const response = await request(path);
        return { response, html: await response.text() };
      }),
    );
    const nonces = pages.map(({ response, html }) => {
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      const nonce = nonceOf(directives(response.headers.get('Content-Security-Policy')));
      expect(nonce).toBeDefined();
      expect(html).not.toContain(NONCE_PLACEHOLDER);
      // Four tags carry it: two scripts, the stylesheet and the meta tag that scripts read it from.
      expect(html.split(`nonce="${nonce}"`)).toHaveLength(5);
      expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
