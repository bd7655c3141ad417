/**
 * Starting PGlite on a data directory: the directory is created with its parents when missing (PGlite
 * itself creates only the last one), and an instance that failed to start is closed and never reused.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

/** A data directory on disk, not one of PGlite's `memory://` or `idb://` kinds. */
function isDirectoryPath(dataDir: string | undefined): dataDir is string {
  return dataDir !== undefined && dataDir !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir);
}

/** A started PGlite on `dataDir` (in memory when omitted); rejects, leaving nothing open, when it cannot start. */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  if (isDirectoryPath(dataDir)) await mkdir(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  try {
    await db.waitReady;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
