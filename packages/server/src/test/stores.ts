/**
 * The stores every storage test runs on: memory, PGlite (on this thread, and on a worker thread, which
 * runs the built worker: `pnpm build` first) and the real PostgreSQL. PostgreSQL tests
 * use `DATABASE_URL` (default: the local server on 127.0.0.1:5432, database `test`); each store gets its
 * own schema, dropped again by `dispose`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createMemoryStore, type MfaStore } from '../index.js';
import { createPgliteStore } from '../pglite.js';
import { createPostgresStore } from '../postgres.js';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreFixture {
  store: MfaStore;
  /** Another store on the same database, as a second server instance would have (SQL stores only). */
  sibling?: () => MfaStore;
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: 'memory' | 'pglite' | 'pglite-worker' | 'postgres';
  create(): Promise<StoreFixture>;
}

let schemaCounter = 0;

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'memory',
    async create() {
      const store = createMemoryStore();
      await store.migrate();
      return { store, dispose: () => store.close() };
    },
  },
  {
    name: 'pglite',
    async create() {
      const store = createPgliteStore();
      await store.migrate();
      return { store, dispose: () => store.close() };
    },
  },
  {
    name: 'pglite-worker',
    async create() {
      const dataDir = await mkdtemp(join(tmpdir(), 'mfa-kit-worker-'));
      const store = createPgliteStore({ dataDir, worker: true });
      await store.migrate();
      return {
        store,
        async dispose() {
          await store.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async create() {
      schemaCounter += 1;
      const schema = `mfa_test_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
      const store = createPostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: 20 });
      await store.migrate();
      const siblings: MfaStore[] = [];
      return {
        store,
        sibling: () => {
          const sibling = createPostgresStore({ connectionString: DATABASE_URL, schema });
          siblings.push(sibling);
          return sibling;
        },
        async dispose() {
          await Promise.all([store, ...siblings].map((s) => s.close()));
          const client = new pg.Client({ connectionString: DATABASE_URL });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];
