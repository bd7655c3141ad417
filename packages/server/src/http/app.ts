/**
 * The protocol routes (docs/protocol.md §5) as a Hono app. Routes only read input and shape output; the
 * decisions live in ../core.
 */
import {
  ELEVATED_TOKEN_HEADER,
  ERROR_STATUS,
  MAX_BODY_BYTES,
  MfaError,
  type ProtocolErrorBody,
  type ProtocolErrorCode,
} from '@mfa-kit/client/protocol';
import { type Context, Hono } from 'hono';
import { authenticate, type Caller, type Core } from '../core/context.js';
import { confirmTotpEnrollment, startTotpEnrollment } from '../core/enroll.js';
import {
  acknowledgeRecoveryCodes,
  checkStepUp,
  getConfig,
  getStatus,
  listDevices,
  regenerateRecoveryCodes,
  removeDevice,
  renameDevice,
} from '../core/manage.js';
import {
  passkeyRegistrationOptions,
  passkeyVerificationOptions,
  verifyPasskey,
  verifyPasskeyRegistration,
} from '../core/passkey.js';
import { verifyRecoveryCode, verifyTotp } from '../core/verify.js';
import type { Logger } from '../logger.js';
import {
  authenticationResponse,
  type Body,
  deviceName,
  onlyFields,
  optionalId,
  parseBody,
  readBody,
  registrationResponse,
  requestedScopes,
  requiredId,
  requiredName,
  requiredString,
  scopeName,
  tooLarge,
} from './input.js';

type Env = { Variables: { core: Core; caller: Caller; body: Body } };

/** Maps any error to the protocol's error body; a store fault is 503, anything unexpected 500. */
export function errorResponse(error: unknown, core: Pick<Core, 'logger'> | null): Response {
  let mfaError: MfaError;
  if (error instanceof MfaError && error.code in ERROR_STATUS) {
    mfaError = error;
  } else {
    core?.logger.error('mfa.internal_error', {
      error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'non-error thrown',
    });
    mfaError = new MfaError('internal_error', 'something went wrong on the server');
  }
  const code = mfaError.code as ProtocolErrorCode;
  if (code === 'unavailable')
    core?.logger.error('mfa.store.unavailable', { error: describeCause(mfaError.cause) });
  const body: ProtocolErrorBody = { error: { code, message: mfaError.message } };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (code === 'rate_limited' || code === 'invalid_code' || code === 'code_reused') {
    // A permanent lock has no time to wait for: no retryAfter and no Retry-After, so no client counts
    // down to a lock that will not open by itself.
    const locked = mfaError.locked ?? (code === 'rate_limited' ? 'temporary' : undefined);
    if (locked !== undefined) body.error.locked = locked;
    if (locked === 'temporary') {
      const retryAfter = mfaError.retryAfter ?? 1;
      body.error.retryAfter = retryAfter;
      if (code === 'rate_limited') headers['Retry-After'] = String(retryAfter);
    }
    if (code !== 'rate_limited' && mfaError.attemptsRemaining !== undefined) {
      body.error.attemptsRemaining = mfaError.attemptsRemaining;
    }
  }
  if (code === 'elevation_required') body.error.scopes = mfaError.scopes ?? [];
  if (code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer';
  return new Response(JSON.stringify(body), { status: ERROR_STATUS[code], headers });
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const sqlState = (cause as { code?: unknown }).code;
    return `${cause.name}${typeof sqlState === 'string' ? ` (${sqlState})` : ''}`;
  }
  return 'unknown';
}

/**
 * @param logger Where errors go while there is no core yet (the store was down at start), so that an
 *   outage at start-up is logged like one later on.
 */
export function createApp(getCore: () => Promise<Core>, basePath: string, logger?: Logger): Hono<Env> {
  const app = new Hono<Env>().basePath(basePath || '/');
  const logTo = (c: Context<Env>) => c.var.core ?? (logger ? { logger } : null);

  app.onError((error, c) => errorResponse(error, logTo(c)));
  app.notFound((c) => errorResponse(new MfaError('not_found', 'no such route'), logTo(c)));
  app.use('*', async (c, next) => {
    c.set('core', await getCore());
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  app.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(c.var.core.tokens.jwks());
  });

  // Every route below needs an access token; the core refuses pending tokens where they are not allowed.
  app.use('*', async (c, next) => {
    // A declared size over the limit is refused before anything else; the real size is counted while
    // reading (readBody), because a Content-Length can lie or be missing.
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && /^\s*\d+\s*$/.test(declared) && Number(declared) > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    c.set('caller', await authenticate(c.var.core, c.req.header('Authorization')));
    // Every method that can carry a body has it read and checked, DELETE included: a route without a
    // body accepts only an empty one or `{}` (docs/protocol.md §1).
    c.set(
      'body',
      c.req.method === 'GET' || c.req.method === 'HEAD' ? {} : parseBody(await readBody(c.req.raw)),
    );
    await next();
  });

  const route =
    (
      handler: (c: Context<Env>, core: Core, caller: Caller, body: Body) => Promise<Response>,
      fields: readonly string[] = [],
    ) =>
    async (c: Context<Env>) => {
      onlyFields(c.var.body, fields);
      return handler(c, c.var.core, c.var.caller, c.var.body);
    };
  const elevated = (c: Context<Env>) => c.req.header(ELEVATED_TOKEN_HEADER);

  app.get(
    '/config',
    route(async (c, core, caller) => c.json(await getConfig(core, caller))),
  );
  app.get(
    '/status',
    route(async (c, core, caller) => c.json(await getStatus(core, caller))),
  );

  app.post(
    '/totp/enroll',
    route(
      async (c, core, caller, body) =>
        c.json(await startTotpEnrollment(core, caller, { name: deviceName(body, 'name') }, elevated(c)), 201),
      ['name'],
    ),
  );
  app.post(
    '/totp/enroll/verify',
    route(
      async (c, core, caller, body) =>
        c.json(
          await confirmTotpEnrollment(core, caller, {
            deviceId: requiredId(body, 'deviceId'),
            code: requiredString(body, 'code', 32),
          }),
        ),
      ['deviceId', 'code'],
    ),
  );
  app.post(
    '/passkey/register/options',
    route(
      async (c, core, caller, body) =>
        c.json(
          await passkeyRegistrationOptions(core, caller, { name: deviceName(body, 'name') }, elevated(c)),
        ),
      ['name'],
    ),
  );
  app.post(
    '/passkey/register/verify',
    route(
      async (c, core, caller, body) =>
        c.json(
          await verifyPasskeyRegistration(core, caller, {
            response: registrationResponse(body),
            name: deviceName(body, 'name'),
          }),
        ),
      ['response', 'name'],
    ),
  );

  app.post(
    '/verify/totp',
    route(
      async (c, core, caller, body) =>
        c.json(
          await verifyTotp(core, caller, {
            code: requiredString(body, 'code', 32),
            deviceId: optionalId(body, 'deviceId'),
            requestedScopes: requestedScopes(body),
          }),
        ),
      ['code', 'deviceId', 'requestedScopes'],
    ),
  );
  app.post(
    '/verify/passkey/options',
    route(
      async (c, core, caller, body) =>
        c.json(await passkeyVerificationOptions(core, caller, { requestedScopes: requestedScopes(body) })),
      ['requestedScopes'],
    ),
  );
  app.post(
    '/verify/passkey',
    route(
      async (c, core, caller, body) =>
        c.json(
          await verifyPasskey(core, caller, {
            response: authenticationResponse(body),
            requestedScopes: requestedScopes(body),
          }),
        ),
      ['response', 'requestedScopes'],
    ),
  );
  app.post(
    '/verify/recovery-code',
    route(
      async (c, core, caller, body) =>
        c.json(
          await verifyRecoveryCode(core, caller, {
            code: requiredString(body, 'code', 64),
            requestedScopes: requestedScopes(body),
          }),
        ),
      ['code', 'requestedScopes'],
    ),
  );

  app.get(
    '/devices',
    route(async (c, core, caller) => c.json({ devices: await listDevices(core, caller) })),
  );
  app.patch(
    '/devices/:id',
    route(
      async (c, core, caller, body) =>
        c.json({ device: await renameDevice(core, caller, deviceIdParam(c), requiredName(body, 'name')) }),
      ['name'],
    ),
  );
  app.delete(
    '/devices/:id',
    route(async (c, core, caller) => {
      await removeDevice(core, caller, deviceIdParam(c), elevated(c));
      return c.body(null, 204);
    }),
  );

  app.post(
    '/recovery-codes',
    route(async (c, core, caller) =>
      c.json({ codes: await regenerateRecoveryCodes(core, caller, elevated(c)) }),
    ),
  );
  app.post(
    '/recovery-codes/acknowledge',
    route(async (c, core, caller) => {
      await acknowledgeRecoveryCodes(core, caller);
      return c.body(null, 204);
    }),
  );
  app.post(
    '/step-up/check',
    route(
      async (c, core, caller, body) => c.json(await checkStepUp(core, caller, scopeName(body))),
      ['scope'],
    ),
  );

  return app;
}

function deviceIdParam(c: Context<Env>): string {
  const id = c.req.param('id') ?? '';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new MfaError('not_found', 'no device with that id');
  return id;
}
