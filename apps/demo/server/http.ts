/**
 * One HTTP server for the API and the front end, on one origin and port. `server/main.ts` runs it for
 * `pnpm dev` and `pnpm start`; the end-to-end tests run it in their own process on a free port.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createDemoServer, type DemoServer } from './app.js';
import { createNonce, securityHeaders, withNonce } from './security-headers.js';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;
/** The front end's handler; `nonce` is this answer's CSP nonce, for index.html. */
type FrontEndListener = (request: IncomingMessage, response: ServerResponse, nonce: string) => void;

/**
 * - `static`: a built front end (index.html and assets/), with index.html for client routes.
 * - `vite`: Vite in middleware mode serves the front end from source in `root`, with HMR on the same port.
 */
export type FrontEnd = { kind: 'static'; root: string } | { kind: 'vite'; root: string };

export interface DemoHttpOptions {
  frontEnd: FrontEnd;
  /** 0 takes a free port; read it back from {@link DemoHttp.port}. */
  port: number;
  host: string;
  /** The page origin (WebAuthn's origin, the tokens' issuer). Default `http://localhost:<port>`. */
  origin?: string | undefined;
  /** See `createDemoServer`; `null` is a database in memory. */
  dataDir: string | null;
  log?: boolean;
  /** See `createDemoServer`: no outbox route, no embedded mail server, no SMS gateway. Default false. */
  production?: boolean;
  /** See `createDemoServer`: a real mail server for the codes instead of the embedded one. */
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
}

export interface DemoHttp {
  port: number;
  origin: string;
  /** The API; its database opens in the background (`demo.ready()` resolves once it is open). */
  demo: DemoServer;
  /** Stops listening, lets open requests finish (idle connections are closed), then closes the database. */
  close(): Promise<void>;
}

const isApi = (url = '/') => url === '/api' || /^\/api[/?]/.test(url);

/** A request for the app shell: a page (`/`, `/wallet`, ...) rather than a file, read or checked. */
function isPage(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  return path === '/index.html' || extname(path) === '';
}

/** index.html with this answer's nonce; never stored, since the nonce must not be used twice. */
function sendPage(request: IncomingMessage, response: ServerResponse, html: string): void {
  const body = Buffer.from(html);
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function staticSite(root: string): FrontEndListener {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`pnpm --filter @mfa-kit/demo build\` first`);
  }
  const page = readFileSync(join(root, 'index.html'), 'utf8');
  const site = new Hono();
  site.use('*', async (c, next) => {
    await next();
    // Built assets carry a content hash in their names; everything else is checked again each time.
    const immutable = c.res.ok && c.req.path.startsWith('/assets/');
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  site.use('*', serveStatic({ root }));
  // A missing file is a 404 (pages never get here).
  site.get('*', (c) => c.notFound());
  const files = getRequestListener(site.fetch);
  // Client routes (/wallet, /security, ...) get the app shell.
  return (request, response, nonce) => {
    if (isPage(request)) sendPage(request, response, withNonce(page, nonce));
    else void files(request, response);
  };
}

/**
 * Vite in middleware mode: modules, HMR, public files. Pages are ours (`appType: 'custom'`), so that
 * index.html, transformed by Vite, gets each answer's nonce.
 */
async function viteSite(
  root: string,
  server: Server,
): Promise<{ listener: FrontEndListener; close(): Promise<void> }> {
  // Imported only here, so that the production build never loads Vite.
  const { createServer: createViteServer } = await import('vite');
  const vite = await createViteServer({
    root,
    appType: 'custom',
    server: { middlewareMode: true, hmr: { server } },
  });
  const template = join(root, 'index.html');
  const fail = (response: ServerResponse, error: unknown) => {
    console.error('Acme Wallet (Vite):', error);
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Vite could not serve this page; see the terminal.');
  };
  return {
    listener: (request, response, nonce) => {
      vite.middlewares(request, response, (error?: unknown) => {
        if (error) return fail(response, error);
        if (!isPage(request)) {
          response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end('Not Found');
          return;
        }
        vite
          .transformIndexHtml(request.url ?? '/', readFileSync(template, 'utf8'))
          .then((html) => sendPage(request, response, withNonce(html, nonce)))
          .catch((failure: unknown) => fail(response, failure));
      });
    },
    close: () => vite.close(),
  };
}

/**
 * Starts the front end, takes the port, and then creates the API, whose database opens in the background:
 * its first start creates it, seconds of work in this thread that nothing else needs to wait behind. API
 * requests that arrive meanwhile wait for it.
 */
export async function startDemoHttp(options: DemoHttpOptions): Promise<DemoHttp> {
  const server = createServer();
  let frontEnd: FrontEndListener;
  let closeFrontEnd = async () => {};
  const development = options.frontEnd.kind === 'vite';
  if (options.frontEnd.kind === 'static') {
    frontEnd = staticSite(options.frontEnd.root);
  } else {
    const vite = await viteSite(options.frontEnd.root, server);
    frontEnd = vite.listener;
    closeFrontEnd = vite.close;
  }

  let setApi: (listener: Listener) => void = () => {};
  const api = new Promise<Listener>((resolve) => {
    setApi = resolve;
  });
  // Set before any handler runs, so that every answer has them: pages, files, the API, errors, Vite's.
  // The origin is known once the port is.
  let origin = '';
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const nonce = createNonce();
    const headers = securityHeaders({ nonce, development: development ? { origin } : undefined });
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (isApi(request.url)) void api.then((listener) => listener(request, response));
    else frontEnd(request, response, nonce);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await closeFrontEnd();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  origin = options.origin ?? `http://localhost:${port}`;
  const demo = createDemoServer({
    dataDir: options.dataDir,
    origin,
    log: options.log ?? true,
    production: options.production ?? false,
    smtpUrl: options.smtpUrl,
    mailFrom: options.mailFrom,
  });
  setApi(getRequestListener(demo.app.fetch));

  let closing: Promise<void> | null = null;
  return {
    port,
    origin,
    demo,
    close() {
      closing ??= (async () => {
        await closeFrontEnd();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await demo.close();
      })();
      return closing;
    },
  };
}
