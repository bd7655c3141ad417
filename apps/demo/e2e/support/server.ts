/**
 * The demo for one test file: the real HTTP server of `pnpm start` (server/http.ts) in this process, on a
 * free port, with a fresh data folder of its own and the front end built once per run (global-setup.ts).
 * Pages load from http://localhost:<port>, not 127.0.0.1: WebAuthn's RP ID is the host name `localhost`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoHttp, startDemoHttp } from '../../server/http.js';

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
