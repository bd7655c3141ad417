// A stand-in for the PGlite worker, scripted per method, for the tests of store/worker-store.ts.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, method, args }) => {
  if (method === 'getFactor') {
    // Answers with what it was sent, so the test sees the call cross the boundary both ways.
    parentPort.postMessage({ id, ok: true, value: { method, args } });
  } else if (method === 'consumeToken') {
    parentPort.postMessage({
      id,
      ok: false,
      error: { name: 'error', message: 'duplicate key value violates unique constraint', code: '23505' },
    });
  } else if (method === 'purgeExpired') {
    process.exit(3);
  } else if (method === 'close') {
    parentPort.postMessage({ id, ok: true, value: undefined });
  }
  // getUserState is never answered: it stays pending until the worker stops.
});
