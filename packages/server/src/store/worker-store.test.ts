import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createPgliteStore } from '../pglite.js';
import { createWorkerStore, StoreWorkerError } from './worker-store.js';

const scripted = new URL('../test/scripted-store-worker.mjs', import.meta.url);

describe('a store on a worker thread', () => {
  it('sends each call as a message and answers with the worker’s result', async () => {
    const store = createWorkerStore(scripted, null);
    expect(await store.getFactor('ada', 'f1')).toEqual({ method: 'getFactor', args: ['ada', 'f1'] });
    await store.close();
  });

  it('rejects with the worker’s error message and PostgreSQL’s code', async () => {
    const store = createWorkerStore(scripted, null);
    const error = await store.consumeToken({ jti: 'j', expiresAt: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWorkerError);
    expect(error).toMatchObject({ message: 'duplicate key value violates unique constraint', code: '23505' });
    await store.close();
  });

  it('rejects the calls waiting for a worker that stops, and the calls right after it', async () => {
    const store = createWorkerStore(scripted, null, { restartDelayMs: 60_000 });
    const waiting = store.getUserState('ada');
    await expect(store.purgeExpired(0)).rejects.toThrow("the store's worker stopped (exit code 3)");
    await expect(waiting).rejects.toThrow(/exit code 3/);
    await expect(store.getFactor('ada', 'f1')).rejects.toThrow(/exit code 3/);
    await store.close();
  });

  it('starts a new worker at a later call once a worker stopped', async () => {
    const store = createWorkerStore(scripted, null, { restartDelayMs: 0 });
    await expect(store.purgeExpired(0)).rejects.toThrow(/exit code 3/);
    expect(await store.getFactor('ada', 'f1')).toEqual({ method: 'getFactor', args: ['ada', 'f1'] });
    await store.close();
  });

  it('refuses the calls still waiting when it closes', async () => {
    const store = createWorkerStore(scripted, null);
    const waiting = store.getUserState('ada'); // never answered by the scripted worker
    await store.close();
    await expect(waiting).rejects.toThrow('the store is closed');
  });

  it('rejects calls after close', async () => {
    const store = createWorkerStore(scripted, null);
    await store.close();
    await expect(store.getFactor('ada', 'f1')).rejects.toThrow('the store is closed');
  });

  it('refuses `db` with `worker`: a PGlite instance belongs to its own thread', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    expect(() => createPgliteStore({ db, worker: true })).toThrow(TypeError);
    await db.close();
  });

  it('keeps the process alive only while a call waits: a store left open does not hold up exit', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mfa-kit-worker-exit-'));
    const pglite = fileURLToPath(new URL('../../dist/pglite.js', import.meta.url));
    const script = `
      const { createPgliteStore } = await import(${JSON.stringify(pglite)});
      const store = createPgliteStore({ dataDir: ${JSON.stringify(dataDir)}, worker: true });
      await store.migrate();
      console.log(JSON.stringify(await store.getUserState('ada')));
      // No close: the process must still end once nothing waits for the worker.
    `;
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        timeout: 60_000,
      });
      expect(JSON.parse(stdout)).toEqual({ factors: [], recoveryRemaining: 0, recoveryPendingAck: false });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
