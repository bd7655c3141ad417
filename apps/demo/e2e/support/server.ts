/**
 * The demo for one test file: the real HTTP server of `pnpm start` (server/http.ts) in this process, on a
 * free port, with a fresh data folder of its own and the front end built once per run (global-setup.ts).
 * Pages load from http://localhost:<port>, not 127.0.0.1: WebAuthn's RP ID is the host name `localhost`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DemoHttp, startDemoHttp } from '../../server/http.js';
import { launchBrowser } from './browser.js';

export interface TestServer {
  /** The page origin, e.g. http://localhost:41234. */
  url: string;
  http: DemoHttp;
  close(): Promise<void>;
}

export async function startTestServer(clientDir: string): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'acme-wallet-e2e-'));
  const http = await startDemoHttp({
    frontEnd: { kind: 'static', root: clientDir },
    port: 0,
    host: '127.0.0.1',
    dataDir,
    // The server's JSON log lines on stderr, when a failure needs them: E2E_LOG=1.
    log: process.env.E2E_LOG === '1',
  });
  await http.demo.ready();
  return {
    url: http.origin,
    http,
    async close() {
      await http.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo server and a Chromium for one test file: started before its tests, closed after them.
 * `demo.server` and `demo.browser` are ready inside tests.
 */
export function setUpDemo(): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(inject('clientDir')), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the demo server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium starts in beforeAll');
      return browser;
    },
  };
}
