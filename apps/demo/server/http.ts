/**
 * One HTTP server for the API and the front end, on one origin and port. `server/main.ts` runs it for
 * `pnpm dev` and `pnpm start`; the end-to-end tests run it in their own process on a free port.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createDemoServer, type DemoServer } from './app.js';

type Listener = (request: IncomingMessage, response: ServerResponse, next?: () => void) => void;

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

function staticSite(root: string): Listener {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`pnpm --filter @mfa-kit/demo build\` first`);
  }
  const site = new Hono();
  site.use('*', async (c, next) => {
    await next();
    // Built assets carry a content hash in their names; everything else is checked again each time.
    const immutable = c.res.ok && c.req.path.startsWith('/assets/');
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  site.use('*', serveStatic({ root }));
  // Client routes (/wallet, /security, ...) get the app shell; a missing file (with an extension) is a 404.
  site.get('*', async (c, next) => {
    if (extname(c.req.path) !== '') return c.notFound();
    return serveStatic({ root, path: 'index.html' })(c, next);
  });
  return getRequestListener(site.fetch);
}

/**
 * Starts the front end, takes the port, and then creates the API, whose database opens in the background:
 * its first start creates it, seconds of work in this thread that nothing else needs to wait behind. API
 * requests that arrive meanwhile wait for it.
 */
export async function startDemoHttp(options: DemoHttpOptions): Promise<DemoHttp> {
  const server = createServer();
  let frontEnd: Listener;
  let closeFrontEnd = async () => {};
  if (options.frontEnd.kind === 'static') {
    frontEnd = staticSite(options.frontEnd.root);
  } else {
    // Imported only here, so that the production build never loads Vite.
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      root: options.frontEnd.root,
      appType: 'spa',
      server: { middlewareMode: true, hmr: { server } },
    });
    frontEnd = vite.middlewares;
    closeFrontEnd = () => vite.close();
  }

  let setApi: (listener: Listener) => void = () => {};
  const api = new Promise<Listener>((resolve) => {
    setApi = resolve;
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (isApi(request.url)) void api.then((listener) => listener(request, response));
    else frontEnd(request, response);
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
  const origin = options.origin ?? `http://localhost:${port}`;
  const demo = createDemoServer({ dataDir: options.dataDir, origin, log: options.log ?? true });
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
