/**
 * An {@link MfaStore} whose work runs on a worker thread: each call is one message to the worker, which
 * runs the real store and answers with the result. For PGlite, whose PostgreSQL runs synchronously in
 * WebAssembly: on the main thread every statement stops HTTP parsing, token signing and everything else
 * for as long as it runs; on its own thread it runs beside them, on the machine's other core.
 *
 * Every store method takes and returns plain data, so a call crosses the thread boundary by structured
 * clone and means the same on both sides. The store's contract (each method one atomic unit) is the
 * worker's store's own.
 */
import { Worker } from 'node:worker_threads';
import type { MfaStore } from './types.js';

/** Every method of the store, callable in the worker. */
export const STORE_METHODS = [
  'migrate',
  'close',
  'ensureSigningKey',
  'getUserState',
  'getFactor',
  'findPasskeyByCredentialId',
  'createPendingSession',
  'recordAttempt',
  'beginVerification',
  'resetAttempts',
  'createTotpEnrollment',
  'getTotpEnrollment',
  'completeEnrollment',
  'commitVerification',
  'renameFactor',
  'removeFactor',
  'replaceRecoveryCodes',
  'acknowledgeRecoveryCodes',
  'putChallenge',
  'getChallenge',
  'consumeToken',
  'purgeExpired',
] as const satisfies ReadonlyArray<keyof MfaStore>;
type StoreMethod = (typeof STORE_METHODS)[number];
// A method added to MfaStore and not listed above fails to compile here.
const _everyMethod: Record<Exclude<keyof MfaStore, StoreMethod>, never> = {};
void _everyMethod;

export interface StoreRequest {
  id: number;
  method: StoreMethod;
  args: unknown[];
}
export type StoreReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** A store error as it crossed the thread boundary: the worker's message, and PostgreSQL's code if any. */
export class StoreWorkerError extends Error {
  override readonly name = 'StoreWorkerError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Starts the worker at `url` with `workerData` and answers for the store it runs. The worker keeps the
 * process alive only while a call is waiting for it.
 */
export function createWorkerStore(url: URL, workerData: unknown): MfaStore {
  // The process's flags, but for --input-type, which a worker refuses (as with `node --input-type=module -e`).
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  const worker = new Worker(url, { workerData, execArgv });
  worker.unref();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopped: Error | null = null;
  let closing: Promise<void> | null = null;

  const stop = (error: Error) => {
    stopped ??= error;
    for (const call of pending.values()) call.reject(stopped);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (reply: StoreReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new StoreWorkerError(reply.error.message, reply.error.code));
  });
  worker.on('error', (error) => stop(new StoreWorkerError(`the store's worker failed: ${error.message}`)));
  worker.on('exit', (code) => stop(new StoreWorkerError(`the store's worker stopped (exit code ${code})`)));

  const call = (method: StoreMethod, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (stopped) {
        reject(stopped);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      if (pending.size === 1) worker.ref();
      worker.postMessage({ id, method, args } satisfies StoreRequest);
    });

  const store = Object.fromEntries(
    STORE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as MfaStore;
  store.close = () => {
    closing ??= (async () => {
      if (!stopped) await call('close', []);
      stop(new StoreWorkerError('the store is closed'));
      await worker.terminate();
    })();
    return closing;
  };
  return store;
}
