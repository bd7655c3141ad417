import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    // Its expectation attached first: the call is refused while the test awaits another one.
    const waiting = expect(store.getUserState('ada')).rejects.toThrow(/exit code 3/);
    await expect(store.purgeExpired(0)).rejects.toThrow("the store's worker stopped (exit code 3)");
    await waiting;
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
    // Never answered by the scripted worker; its expectation attached before the close refuses it.
    const waiting = expect(store.getUserState('ada')).rejects.toThrow('the store is closed');
    await store.close();
    await waiting;
  });

  it('refuses a call whose arguments cannot cross to the worker, and goes on answering', async () => {
    const store = createWorkerStore(scripted, null);
    const notData = (() => 'a function') as unknown as string;
    await expect(store.getFactor(notData, 'f1')).rejects.toThrow(/could not be cloned/);
    expect(await store.getFactor('ada', 'f1')).toEqual({ method: 'getFactor', args: ['ada', 'f1'] });
    await store.close();
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

  it.each([
    ['--input-type=module', '--max-old-space-size=512', '-e'],
    ['--expose-gc', '--max-old-space-size=512'],
  ])(
    'starts with the process’s Node flags (%s) and does not hold up exit when left open',
    async (...flags) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'mfa-kit-worker-exit-'));
      const pglite = fileURLToPath(new URL('../../dist/pglite.js', import.meta.url));
      const script = `
      const { createPgliteStore } = await import(${JSON.stringify(pglite)});
      const store = createPgliteStore({ dataDir: ${JSON.stringify(dataDir)}, worker: true });
      await store.migrate();
      console.log(JSON.stringify(await store.getUserState('ada')));
      // No close: the process must still end once nothing waits for the worker.
    `;
      const file = join(dataDir, 'script.mjs');
      await writeFile(file, script);
      try {
        // Flags Node refuses in a worker's explicit list: --input-type, and V8's --max-old-space-size.
        const args = flags.at(-1) === '-e' ? [...flags, script] : [...flags, file];
        const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 60_000 });
        expect(JSON.parse(stdout)).toEqual({ factors: [], recoveryRemaining: 0, recoveryPendingAck: false });
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
