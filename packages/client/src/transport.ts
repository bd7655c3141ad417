/**
 * One HTTP exchange with an mfa-kit server: headers, token, fetch, and the mapping of every way it can
 * go wrong to an {@link MfaError}. Internal; {@link createMfaClient} builds on it.
 */
import type { FetchLike, MfaClientOptions, RequestOptions } from './client-types.js';
import { MfaError } from './errors.js';
import { errorFromAnswer } from './http-errors.js';
import { ELEVATED_TOKEN_HEADER } from './protocol.js';
import type { BodyOf, ROUTES, RouteMethod, RouteName } from './routes.js';
import type { Guard, ShapeIssue } from './validate.js';

type Spec<TRoute extends RouteName> = (typeof ROUTES)[TRoute];

/**
 * One request, described by its route (routes.ts) rather than by URL. The route decides what else the
 * exchange must hold: a typed body, an `id` for `:id`, an elevated token, and whether it is public.
 */
export type Exchange<TRoute extends RouteName> = WireExchange & { route: TRoute } & (Spec<TRoute> extends {
    body: object;
  }
    ? { body: BodyOf<TRoute> }
    : { body?: undefined }) &
  (TRoute extends `${string}:id` ? { id: string } : { id?: undefined }) &
  (Spec<TRoute> extends { elevated: true }
    ? { elevatedToken: string | undefined }
    : { elevatedToken?: undefined }) &
  (Spec<TRoute> extends { authenticated: false } ? { authenticated: false } : { authenticated?: undefined });

/** What {@link createTransport} reads of an {@link Exchange}. */
interface WireExchange {
  /** The route as docs/protocol.md names it (`PATCH /devices/:id`); also used in messages instead of the URL. */
  route: RouteName;
  /** Replaces `:id` in the path, encoded. */
  id?: string | undefined;
  /** JSON request body; absent for routes without one. */
  body?: object | undefined;
  /** Sent as `X-Elevated-Token` when not undefined. */
  elevatedToken?: string | undefined;
  /** `false` only for the public route: no `Authorization: Bearer`. */
  authenticated?: false | undefined;
}

/** Sends {@link Exchange}s; built once per client. */
export interface Transport {
  /** Sends the exchange and returns its 2xx body once `guard` accepts it. */
  json<TRoute extends RouteName, T>(
    exchange: Exchange<TRoute>,
    guard: Guard<T>,
    options: RequestOptions | undefined,
  ): Promise<T>;
  /** Sends the exchange and ignores any 2xx body (routes answering 204). */
  empty<TRoute extends RouteName>(
    exchange: Exchange<TRoute>,
    options: RequestOptions | undefined,
  ): Promise<void>;
}

/** Joins the base URL and a route path with exactly one slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function resolveFetch(configured: FetchLike | undefined): FetchLike {
  const fetchFn: FetchLike | undefined = configured ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') {
    throw new MfaError('network_error', 'no fetch function is available; pass `fetch` to createMfaClient');
  }
  return fetchFn;
}

/** Reads a body; failures other than the caller's abort count as a lost connection. */
async function readText(response: Response, route: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new MfaError('network_error', `${route}: the connection broke while reading the answer`, {
      status: response.status,
      cause: error,
    });
  }
}

/** Binds the client's options; `fetch` and the token are still looked up per request. */
export function createTransport(config: MfaClientOptions): Transport {
  async function send(exchange: WireExchange, signal: AbortSignal | undefined): Promise<Response> {
    // The route's name is its method and path (routes.ts splitRoute, written out to keep the bundle small).
    const [method, path] = exchange.route.split(' ') as [RouteMethod, string];
    const { id } = exchange;
    // Checked before anything else, so that a bad id is `invalid_input` even when the caller has aborted.
    if (path.includes(':id') && (typeof id !== 'string' || id === '')) {
      throw new MfaError('invalid_input', 'a device id must be a non-empty string');
    }
    signal?.throwIfAborted();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (exchange.authenticated !== false) {
      const token = await config.getAccessToken();
      signal?.throwIfAborted();
      if (typeof token !== 'string' || token === '') {
        throw new MfaError(
          'unauthorized',
          `${exchange.route} needs an access token and getAccessToken gave none`,
        );
      }
      headers.Authorization = `Bearer ${token}`;
    }
    if (exchange.elevatedToken !== undefined) headers[ELEVATED_TOKEN_HEADER] = exchange.elevatedToken;
    const init: RequestInit = { method, headers };
    if (exchange.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(exchange.body);
    }
    if (signal !== undefined) init.signal = signal;

    const fetchFn = resolveFetch(config.fetch);
    let response: Response;
    try {
      response = await fetchFn(
        joinUrl(config.baseUrl, path.replace(':id', encodeURIComponent(id as string))),
        init,
      );
    } catch (error) {
      // fetch rejects with the signal's reason when the caller aborted: hand that back untouched.
      if (signal?.aborted) throw error;
      throw new MfaError('network_error', `${exchange.route} got no answer from the server`, {
        cause: error,
      });
    }
    if (!response.ok) {
      const text = await readText(response, exchange.route, signal);
      throw errorFromAnswer(exchange.route, response.status, text, response.headers, Date.now());
    }
    return response;
  }

  return {
    async json<T>(exchange: WireExchange, guard: Guard<T>, options: RequestOptions | undefined): Promise<T> {
      const signal = options?.signal;
      const response = await send(exchange, signal);
      const text = await readText(response, exchange.route, signal);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new MfaError(
          'bad_response',
          `${exchange.route} answered ${response.status} without a JSON body`,
          {
            status: response.status,
            cause: error,
          },
        );
      }
      const issue: ShapeIssue = {};
      if (guard(body, '', issue)) return body;
      throw new MfaError(
        'bad_response',
        `${exchange.route} answered with a body that does not match the protocol: expected ${
          issue.expected ?? 'another shape'
        } at ${issue.path ?? '(root)'}`,
        { status: response.status },
      );
    },

    async empty(exchange: WireExchange, options: RequestOptions | undefined): Promise<void> {
      const response = await send(exchange, options?.signal);
      // Nothing to read; release the connection instead of leaving an unread body behind.
      await response.body?.cancel().catch(() => undefined);
    },
  };
}
