/** Where the demo's files are, found from this module's location so that the working directory never matters. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app folder (apps/demo): the nearest folder above this module with a package.json. That is one
 * level up from server/ when run from source, two from dist/server/ when run from the build.
 */
export function findAppDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** PGlite data and the development encryption key: apps/demo/.data. */
export const defaultDataDir = (): string => join(findAppDir(), '.data');
