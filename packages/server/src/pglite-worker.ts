/**
 * The worker thread of `createPgliteStore({ worker: true })`: it runs the PGlite store and answers the
 * main thread's calls, one message each (see store/worker-store.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPgliteStore, type PgliteStoreOptions } from './pglite.js';
import { STORE_METHODS, type StoreReply, type StoreRequest } from './store/worker-store.js';

if (!parentPort) throw new Error('pglite-worker runs as a worker thread of createPgliteStore');
const port = parentPort;
const store = createPgliteStore({ ...(workerData as PgliteStoreOptions), worker: false });
const methods = new Set<string>(STORE_METHODS);

port.on('message', async ({ id, method, args }: StoreRequest) => {
  let reply: StoreReply;
  try {
    if (!methods.has(method)) throw new TypeError(`not a store method: ${String(method)}`);
    const fn = store[method] as (...a: unknown[]) => Promise<unknown>;
    reply = { id, ok: true, value: await fn.apply(store, args) };
  } catch (error) {
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
});
