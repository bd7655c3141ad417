/**
 * The standalone server: @mfa-kit/server on Node's http (through @hono/node-server), PGlite in a data
 * directory by default or PostgreSQL with DATABASE_URL, and a small admin API with which an app backend
 * issues sessions after its own sign-in.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { ELEVATED_TOKEN_HEADER, MAX_BODY_BYTES, MfaError } from '@mfa-kit/client/protocol';
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { errorResponse } from './http/app.js';
import { onlyFields, parseBody, readBody, requiredString, tooLarge } from './http/input.js';
import { createJsonLogger, type Logger, type LogLevel } from './logger.js';
import type { MfaPolicyInput } from './options.js';
import { createMfaServer, type MfaServer } from './server.js';

export interface StandaloneConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  encryptionKey: string;
  issuer: string;
  audience: string;
  rpId: string;
  rpName: string;
  origins: string[];
  basePath: string;
  policy: MfaPolicyInput;
  adminToken: string | undefined;
  logLevel: LogLevel;
  /** PGlite only: run statements that arrive together in one transaction (default true). */
  groupCommit: boolean;
  /** PGlite only: prepare each statement once (default true). */
  prepare: boolean;
  /** PGlite only: run PGlite on a worker thread (default true). */
  worker: boolean;
  /**
   * Answer cross-origin requests from `origins` (CORS), so a front end on another origin can use the
   * protocol routes (default true). Never for the admin routes, which are for app backends.
   */
  cors: boolean;
}

type Env = Record<string, string | undefined>;

/**
 * Reads the configuration: `MFA_CONFIG` names an optional JSON file with any of the fields below; the
 * environment overrides it. Without `MFA_ENCRYPTION_KEY`, a key is created once in the data directory
 * (PGlite only; with PostgreSQL the key must be given, since it must not live beside the data).
 */
export async function readStandaloneConfig(env: Env): Promise<StandaloneConfig> {
  const file: Partial<StandaloneConfig> = env.MFA_CONFIG
    ? JSON.parse(await readFile(env.MFA_CONFIG, 'utf8'))
    : {};
  const port = Number(env.PORT ?? file.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const host = env.HOST ?? file.host ?? '127.0.0.1';
  const dataDir = resolve(env.MFA_DATA_DIR ?? file.dataDir ?? '.data');
  const databaseUrl = env.DATABASE_URL || file.databaseUrl || undefined;
  const rpId = env.MFA_RP_ID ?? file.rpId ?? 'localhost';
  const origins = env.MFA_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean) ??
    file.origins ?? [`http://localhost:${port}`, 'http://localhost:5173'];
  let encryptionKey = env.MFA_ENCRYPTION_KEY ?? file.encryptionKey;
  if (!encryptionKey) {
    if (databaseUrl)
      throw new Error('MFA_ENCRYPTION_KEY is required with DATABASE_URL (32 random bytes, base64)');
    encryptionKey = await localKey(dataDir);
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    encryptionKey,
    issuer: env.MFA_ISSUER ?? file.issuer ?? `http://${rpId}:${port}`,
    audience: env.MFA_AUDIENCE ?? file.audience ?? 'mfa-kit',
    rpId,
    rpName: env.MFA_RP_NAME ?? file.rpName ?? 'mfa-kit',
    origins,
    basePath: env.MFA_BASE_PATH ?? file.basePath ?? '/',
    policy: env.MFA_POLICY ? JSON.parse(env.MFA_POLICY) : (file.policy ?? {}),
    adminToken: env.MFA_ADMIN_TOKEN ?? file.adminToken,
    logLevel: (env.LOG_LEVEL ?? file.logLevel ?? 'info') as LogLevel,
    groupCommit: (env.MFA_PGLITE_GROUP_COMMIT ?? String(file.groupCommit ?? true)) !== 'false',
    prepare: (env.MFA_PGLITE_PREPARE ?? String(file.prepare ?? true)) !== 'false',
    worker: (env.MFA_PGLITE_WORKER ?? String(file.worker ?? true)) !== 'false',
    cors: (env.MFA_CORS ?? String(file.cors ?? true)) !== 'false',
  };
}

/** A key kept in the data directory, created on first start (development convenience for PGlite). */
async function localKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'encryption-key');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64url');
    await writeFile(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

/**
 * CORS for the protocol routes: the allowed origins only, no cookies (the protocol sends bearer
 * tokens), the request headers the client sends, the answer headers it reads, preflights cached for
 * ten minutes.
 */
export function protocolCors(origins: readonly string[]): MiddlewareHandler {
  return cors({
    origin: [...origins],
    credentials: false,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Accept-Language', ELEVATED_TOKEN_HEADER],
    exposeHeaders: ['Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  });
}

export interface StandaloneServer {
  mfa: MfaServer;
  app: Hono;
  logger: Logger;
  /** Starts listening; resolves with the server's URL. */
  listen(): Promise<string>;
  /** Stops accepting connections, waits for open requests, closes the store. */
  close(): Promise<void>;
}

/**
 * Loads the store's module, whose database driver is an optional peer of this package: installed by the
 * app for the store it uses. Its absence is said in words, not as a failed import.
 */
async function loadStore<T>(load: () => Promise<T>, driver: string, store: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(driver)) {
      throw new Error(
        `the ${store} store needs ${driver}: install it beside @mfa-kit/server (pnpm add ${driver})`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

export async function createStandaloneServer(config: StandaloneConfig): Promise<StandaloneServer> {
  const logger = createJsonLogger({ level: config.logLevel });
  const store = config.databaseUrl
    ? (await loadStore(() => import('./postgres.js'), 'pg', 'PostgreSQL')).createPostgresStore({
        connectionString: config.databaseUrl,
      })
    : (await loadStore(() => import('./pglite.js'), '@electric-sql/pglite', 'PGlite')).createPgliteStore({
        dataDir: join(config.dataDir, 'pglite'),
        groupCommit: config.groupCommit,
        prepare: config.prepare,
        worker: config.worker,
      });
  const mfa = createMfaServer({
    store,
    encryptionKey: config.encryptionKey,
    policy: config.policy,
    webauthn: { rpId: config.rpId, rpName: config.rpName, origins: config.origins },
    issuer: config.issuer,
    audience: config.audience,
    basePath: config.basePath === '/' ? '' : config.basePath.replace(/\/$/, ''),
    logger,
  });
  await mfa.ready();

  const app = new Hono();
  if (config.cors) {
    const allowed = protocolCors(config.origins);
    app.use('*', (c, next) => (c.req.path.startsWith('/admin') ? next() : allowed(c, next)));
  }
  if (config.adminToken) {
    const expected = new TextEncoder().encode(config.adminToken);
    const admin = new Hono();
    admin.use('*', async (c, next) => {
      const given = new TextEncoder().encode(
        /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? '',
      );
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return errorResponse(new MfaError('unauthorized', 'admin token required'), { logger });
      }
      await next();
    });
    // Bodies as the protocol routes read them: at most 64 KiB however they arrive (a Content-Length can
    // lie or be missing), JSON objects with known fields only, every refusal a typed 4xx.
    const readAdminBody = async (request: Request, fields: readonly string[]) => {
      const declared = request.headers.get('Content-Length');
      if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      const body = parseBody(await readBody(request));
      onlyFields(body, fields);
      return body;
    };
    admin.post('/sessions', async (c) => {
      try {
        const body = await readAdminBody(c.req.raw, ['userId', 'amr', 'scope']);
        const issued = await mfa.sessions.issue({
          userId: body.userId as string,
          amr: (body.amr ?? ['pwd']) as string[],
          ...(body.scope !== undefined ? { scope: requiredString(body, 'scope', 1000) } : {}),
        });
        return c.json(issued, 201);
      } catch (error) {
        return errorResponse(error, { logger });
      }
    });
    admin.post('/users/:userId/unlock', async (c) => {
      try {
        await readAdminBody(c.req.raw, []);
        await mfa.unlockUser(c.req.param('userId'));
        return c.body(null, 204);
      } catch (error) {
        return errorResponse(error, { logger });
      }
    });
    app.route('/admin', admin);
  }
  app.all('*', (c) => mfa.fetch(c.req.raw));

  let server: ReturnType<typeof serve> | null = null;
  return {
    mfa,
    app,
    logger,
    listen: () =>
      new Promise((resolveUrl) => {
        server = serve(
          { fetch: app.fetch, port: config.port, hostname: config.host },
          (info: AddressInfo) => {
            const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
            resolveUrl(`http://${host}:${info.port}${config.basePath === '/' ? '' : config.basePath}`);
          },
        );
      }),
    close: async () => {
      const running = server;
      if (running) await new Promise<void>((done) => running.close(() => done()));
      await mfa.close();
    },
  };
}
