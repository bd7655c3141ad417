/**
 * The demo's process: the API and the front end on one origin and port (server/http.ts).
 *
 * - `pnpm dev`: Vite in middleware mode serves the front end from source, with HMR on the same port.
 * - `NODE_ENV=production` (`pnpm start`): the built front end from dist/client, with index.html for client
 *   routes.
 *
 * Environment: PORT (default 5173), HOST (default 127.0.0.1), ORIGIN (default http://localhost:PORT, the
 * page origin that WebAuthn checks), DATA_DIR (default .data; relative to apps/demo, not to the working
 * directory; `memory` for a database that lives as long as the process), SMTP_URL (a mail server for
 * the codes; default: outside production, an embedded one whose mail the Inbox page shows), SMTP_FROM.
 */
import { join, resolve } from 'node:path';
import { type DemoHttp, startDemoHttp } from './http.js';
import { findAppDir } from './paths.js';

const appDir = findAppDir();
const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  throw new Error(`PORT must be a port number from 1 to 65535, got ${process.env.PORT}`);
}
const host = process.env.HOST ?? '127.0.0.1';
const dataDirSetting = process.env.DATA_DIR;
const dataDir = dataDirSetting === 'memory' ? null : resolve(appDir, dataDirSetting ?? join(appDir, '.data'));

let http: DemoHttp;
try {
  http = await startDemoHttp({
    frontEnd: production
      ? { kind: 'static', root: join(appDir, 'dist/client') }
      : { kind: 'vite', root: appDir },
    port,
    host,
    origin: process.env.ORIGIN,
    dataDir,
    log: true,
    production,
    smtpUrl: process.env.SMTP_URL || undefined,
    mailFrom: process.env.SMTP_FROM || undefined,
  });
} catch (error) {
  console.error(
    `Acme Wallet could not start on ${host}:${port}: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}
process.stdout.write(
  `Acme Wallet is running at ${http.origin}/ (${production ? 'production' : 'development'}; data in ${dataDir ?? 'memory'}; email ${process.env.SMTP_URL ? 'by SMTP_URL' : production ? 'off' : 'to the Inbox page'})\n`,
);
// A database that cannot open ends the process with its reason.
http.demo.ready().catch((error: unknown) => {
  console.error('Acme Wallet could not open its database:', error);
  process.exit(1);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // Open requests get a few seconds to finish; then the process ends anyway.
  setTimeout(() => process.exit(1), 5000).unref();
  await http.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
