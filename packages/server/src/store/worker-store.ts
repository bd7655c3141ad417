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
  'createReauthChallenge',
  'getReauthChallenge',
  'commitReauth',
  'deleteReauthChallenge',
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
 * A worker with the process's Node flags, as Node gives it by default. Node refuses `--input-type` in a
 * worker (`node --input-type=module -e ...`), and refuses V8 and process-wide flags such as
 * `--max-old-space-size` in an explicit list, so with `--input-type` the worker gets the other flags,
 * or none when Node refuses those too.
 */
function newWorker(url: URL, workerData: unknown): Worker {
  if (!process.execArgv.some((flag) => flag.startsWith('--input-type')))
    return new Worker(url, { workerData });
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  try {
    return new Worker(url, { workerData, execArgv });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(url, { workerData, execArgv: [] });
  }
}

export interface WorkerStoreOptions {
  /**
   * A worker that stopped unexpectedly (a crash, say) is replaced at the next call, but not sooner than
   * this many milliseconds after it stopped; calls in between are refused with its error. Default 1000;
   * `Infinity` never replaces it (a database in memory, which a new worker would open empty).
   */
  restartDelayMs?: number;
}

/**
 * Starts the worker at `url` with `workerData` and answers for the store it runs. The worker keeps the
 * process alive only while a call is waiting for it. Should it stop unexpectedly, the calls waiting for
 * it are refused (the server answers 503), and a new worker takes over at a later call: the store is
 * on disk, and PostgreSQL recovers it as it opens.
 */
export function createWorkerStore(url: URL, workerData: unknown, options: WorkerStoreOptions = {}): MfaStore {
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let worker: Worker | null = null;
  let failure: { error: Error; at: number } | null = null;
  let closed: Error | null = null;
  let closing: Promise<void> | null = null;

  const refuseWaiting = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  const start = () => {
    const started = newWorker(url, workerData);
    started.unref();
    started.on('message', (reply: StoreReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new StoreWorkerError(reply.error.message, reply.error.code));
    });
    const fail = (error: StoreWorkerError) => {
      if (worker !== started) return; // closed, or already failed ('error' comes before 'exit')
      worker = null;
      failure = { error, at: Date.now() };
      refuseWaiting(error);
    };
    started.on('error', (error) => fail(new StoreWorkerError(`the store's worker failed: ${error.message}`)));
    started.on('exit', (code) =>
      fail(new StoreWorkerError(`the store's worker stopped (exit code ${code})`)),
    );
    worker = started;
    return started;
  };
  start();

  const call = (method: StoreMethod, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (closed) {
        reject(closed);
        return;
      }
      let target = worker;
      if (!target) {
        if (failure && Date.now() - failure.at < restartDelayMs) {
          reject(failure.error);
          return;
        }
        target = start();
      }
      const id = nextId++;
      try {
        target.postMessage({ id, method, args } satisfies StoreRequest);
      } catch (error) {
        // Arguments that cannot be cloned: nothing was sent, nothing waits.
        reject(error);
        return;
      }
      pending.set(id, { resolve, reject });
      if (pending.size === 1) target.ref();
    });

  const store = Object.fromEntries(
    STORE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as MfaStore;
  store.close = () => {
    closing ??= (async () => {
      const target = worker;
      try {
        if (target) await call('close', []);
      } finally {
        closed = new StoreWorkerError('the store is closed');
        worker = null;
        refuseWaiting(closed);
        await target?.terminate();
      }
    })();
    return closing;
  };
  return store;
}
