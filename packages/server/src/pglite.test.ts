/**
 * createPgliteStore on a fresh project: the data directory is created with its parents, and a start
 * that failed (here a file in the way) does not leave the store broken: the next call starts afresh,
 * on the main thread and on a worker.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgliteStore } from './pglite.js';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-pglite-'));
  made.push(dir);
  return dir;
}

describe.each([
  ['on the main thread', false],
  ['on a worker thread', true],
])('createPgliteStore %s', (_, worker) => {
  it('creates a missing data directory with its parents', async () => {
    const dataDir = join(await tempDir(), '.data', 'mfa');
    const store = createPgliteStore({ dataDir, worker });
    await store.migrate();
    expect(await store.getUserState('ada')).toMatchObject({ factors: [] });
    await store.close();
    expect((await stat(dataDir)).isDirectory()).toBe(true);
  });

  it('starts afresh at the next call after a start that failed', async () => {
    const root = await tempDir();
    // A file where a parent directory should be: the directory cannot be created.
    await writeFile(join(root, '.data'), 'not a directory');
    const dataDir = join(root, '.data', 'mfa');
    const store = createPgliteStore({ dataDir, worker });
    await expect(store.migrate()).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
    await rm(join(root, '.data'));
    // A worker that stopped is started again after a second.
    if (worker) await new Promise((resolve) => setTimeout(resolve, 1_100));
    await store.migrate();
    expect(await store.getUserState('ada')).toMatchObject({ factors: [] });
    await store.close();
  });
});
