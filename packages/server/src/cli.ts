#!/usr/bin/env node
/**
 * The standalone MFA server: `mfa-kit-server` (or `pnpm --filter @mfa-kit/server start`). Configuration
 * comes from the environment and, optionally, a JSON file (see README.md, "Standalone server").
 */
import { createJsonLogger } from './logger.js';
import { createStandaloneServer, readStandaloneConfig } from './standalone.js';

const config = await readStandaloneConfig(process.env);
const standalone = await createStandaloneServer(config);
const url = await standalone.listen();
// The one line that says where the server is, whatever LOG_LEVEL filters out.
createJsonLogger({ level: 'info' }).info('mfa.server.listening', {
  url,
  store: config.databaseUrl ? 'postgres' : 'pglite',
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  standalone.logger.info('mfa.server.stopping', { signal });
  await standalone.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
