/**
 * Builds the front end for the e2e server: `vite build` with apps/demo/vite.config.ts into `outDir`. In a
 * child process with NODE_ENV=production, so that the tests load the same production build as `pnpm
 * start` (the test runner's NODE_ENV=test would give React's development build).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

export async function buildClient(outDir: string): Promise<void> {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: APP_DIR, env: { ...process.env, NODE_ENV: 'production' } },
  );
}
