/**
 * The worker thread of `createPgliteStore({ worker: true })`: it runs the PGlite store and answers the
 * main thread's calls, one message each (see store/worker-store.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPgliteStore, type PgliteStoreOptions } from './pglite.js';
import { openPglite } from './store/pglite-open.js';
import { STORE_METHODS, type StoreReply, type StoreRequest } from './store/worker-store.js';

if (!parentPort) throw new Error('pglite-worker runs as a worker thread of createPgliteStore');
const port = parentPort;
const options = workerData as PgliteStoreOptions;
// A start that fails (a data directory that cannot be created) ends the thread; the main thread starts a
// new one at a later call, which tries again.
const db = await openPglite(options.dataDir);
const store = createPgliteStore({ ...options, db, worker: false });
const methods = new Set<string>(STORE_METHODS);
let closing = false;

port.on('message', async ({ id, method, args }: StoreRequest) => {
  let reply: StoreReply;
  let fatal = false;
  try {
    if (!methods.has(method)) throw new TypeError(`not a store method: ${String(method)}`);
    if (method === 'close') closing = true;
    const fn = store[method] as (...a: unknown[]) => Promise<unknown>;
    reply = { id, ok: true, value: await fn.apply(store, args) };
  } catch (error) {
    // A PGlite that closed without being asked to, or whose WebAssembly aborted, will answer nothing
    // again: the thread ends after this answer, and the main thread starts a new one at a later call,
    // which opens the store from disk.
    fatal = !closing && (db.closed || error instanceof WebAssembly.RuntimeError);
    const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
    reply = {
      id,
      ok: false,
      error: {
        name: typeof name === 'string' ? name : 'Error',
        message: typeof message === 'string' ? message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      },
    };
  }
  port.postMessage(reply);
  if (fatal) process.exit(1);
});
