/**
 * The protocol routes (docs/protocol.md §5) as a Hono app: one handler per entry of ROUTES
 * (@mfa-kit/client/protocol), each given its body already read by readRouteBody. Routes only read input
 * and shape output; the decisions live in ../core.
 */
import {
  type BodyOf,
  ELEVATED_TOKEN_HEADER,
  ERROR_STATUS,
  MAX_BODY_BYTES,
  MfaError,
  type ProtocolErrorBody,
  type ProtocolErrorCode,
  ROUTES,
  type RouteName,
  type RouteSpec,
  splitRoute,
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
import { sendReauthCode, verifyReauthCode, verifyWallet, walletOptions } from '../core/reauth.js';
import { verifyRecoveryCode, verifyTotp } from '../core/verify.js';
import type { Logger } from '../logger.js';
import { type Body, parseBody, type ReadKinds, readBody, readRouteBody, tooLarge } from './input.js';

type Env = { Variables: { core: Core; caller: Caller; body: Body } };

/**
 * Serves one route: its body and `:id` already read as ROUTES declares them (readRouteBody). The public
 * route gets no caller.
 */
type Handler<R extends RouteName> = (
  c: Context<Env>,
  core: Core,
  caller: Caller,
  body: BodyOf<R, ReadKinds>,
  id: string,
) => Promise<Response>;

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

  const elevated = (c: Context<Env>) => c.req.header(ELEVATED_TOKEN_HEADER);
  const sendInput = (c: Context<Env>, body: { requestedScopes: string[] }) => ({
    requestedScopes: body.requestedScopes,
    locale: c.req.header('Accept-Language'),
  });
  /** Each route of ROUTES (routes.ts) with its handler; a missing or extra one is a type error. */
  const handlers: { [R in RouteName]: Handler<R> } = {
    'GET /.well-known/jwks.json': async (c, core) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(core.tokens.jwks());
    },
    'GET /config': async (c, core, caller) => c.json(await getConfig(core, { caller })),
    'GET /status': async (c, core, caller) => c.json(await getStatus(core, { caller })),

    'POST /totp/enroll': async (c, core, caller, body) =>
      c.json(await startTotpEnrollment(core, { caller, name: body.name, elevatedToken: elevated(c) }), 201),
    'POST /totp/enroll/verify': async (c, core, caller, body) =>
      c.json(await confirmTotpEnrollment(core, { caller, deviceId: body.deviceId, code: body.code })),
    'POST /passkey/register/options': async (c, core, caller, body) =>
      c.json(await passkeyRegistrationOptions(core, { caller, name: body.name, elevatedToken: elevated(c) })),
    'POST /passkey/register/verify': async (c, core, caller, body) =>
      c.json(await verifyPasskeyRegistration(core, { caller, response: body.response, name: body.name })),

    'POST /verify/totp': async (c, core, caller, body) =>
      c.json(
        await verifyTotp(core, {
          caller,
          code: body.code,
          deviceId: body.deviceId,
          requestedScopes: body.requestedScopes,
        }),
      ),
    'POST /verify/passkey/options': async (c, core, caller, body) =>
      c.json(await passkeyVerificationOptions(core, { caller, requestedScopes: body.requestedScopes })),
    'POST /verify/passkey': async (c, core, caller, body) =>
      c.json(
        await verifyPasskey(core, {
          caller,
          response: body.response,
          requestedScopes: body.requestedScopes,
        }),
      ),
    'POST /verify/recovery-code': async (c, core, caller, body) =>
      c.json(
        await verifyRecoveryCode(core, {
          caller,
          code: body.code,
          requestedScopes: body.requestedScopes,
        }),
      ),

    'GET /devices': async (c, core, caller) => c.json({ devices: await listDevices(core, { caller }) }),
    'PATCH /devices/:id': async (c, core, caller, body, id) =>
      c.json({ device: await renameDevice(core, { caller, deviceId: id, name: body.name }) }),
    'DELETE /devices/:id': async (c, core, caller, _body, id) => {
      await removeDevice(core, { caller, deviceId: id, elevatedToken: elevated(c) });
      return c.body(null, 204);
    },

    'POST /recovery-codes': async (c, core, caller) =>
      c.json({ codes: await regenerateRecoveryCodes(core, { caller, elevatedToken: elevated(c) }) }),
    'POST /recovery-codes/acknowledge': async (c, core, caller) => {
      await acknowledgeRecoveryCodes(core, { caller });
      return c.body(null, 204);
    },
    'POST /step-up/check': async (c, core, caller, body) =>
      c.json(await checkStepUp(core, { caller, scope: body.scope })),

    'POST /reauth/email-otp/send': async (c, core, caller, body) =>
      c.json(await sendReauthCode(core, { caller, method: 'email_otp', ...sendInput(c, body) }), 202),
    'POST /reauth/sms-otp/send': async (c, core, caller, body) =>
      c.json(await sendReauthCode(core, { caller, method: 'sms_otp', ...sendInput(c, body) }), 202),
    'POST /verify/email-otp': async (c, core, caller, body) =>
      c.json(await verifyReauthCode(core, { caller, method: 'email_otp', ...body })),
    'POST /verify/sms-otp': async (c, core, caller, body) =>
      c.json(await verifyReauthCode(core, { caller, method: 'sms_otp', ...body })),
    'POST /verify/wallet/options': async (c, core, caller, body) =>
      c.json(await walletOptions(core, { caller, ...body, origin: c.req.header('Origin') })),
    'POST /verify/wallet': async (c, core, caller, body) =>
      c.json(await verifyWallet(core, { caller, ...body })),
  };

  const register = <R extends RouteName>(name: R) => {
    const { method, path } = splitRoute(name);
    app.on(method, path, async (c) => {
      const id = c.req.param('id') ?? '';
      // The public route runs before the middleware that reads bodies: it has none to check.
      const body = readRouteBody(name, c.var.body ?? {}, id);
      return handlers[name](c, c.var.core, c.var.caller, body, id);
    });
  };
  const routeNames = Object.keys(ROUTES) as RouteName[];
  const isPublic = (name: RouteName) => (ROUTES[name] as RouteSpec).authenticated === false;

  for (const name of routeNames) if (isPublic(name)) register(name);

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

  for (const name of routeNames) if (!isPublic(name)) register(name);

  return app;
}
