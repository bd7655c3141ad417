/**
 * One HTTP exchange with an mfa-kit server: headers, token, fetch, and the mapping of every way it can
 * go wrong to an {@link MfaError}. Internal; {@link createMfaClient} builds on it.
 */
import type { FetchLike, MfaClientOptions, RequestOptions } from './client-types.js';
import { MfaError } from './errors.js';
import { errorFromAnswer } from './http-errors.js';
import { ELEVATED_TOKEN_HEADER } from './protocol.js';
import type { Guard, ShapeIssue } from './validate.js';

/** One request, described by route rather than by URL. */
export interface Exchange {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the base URL, already encoded, starting with `/`. */
  path: string;
  /** The route as docs/protocol.md names it (`PATCH /devices/:id`); used in messages instead of the path. */
  route: string;
  /** JSON request body; absent for routes without one. */
  body?: object;
  /** Sent as `X-Elevated-Token` when not undefined. */
  elevatedToken?: string | undefined;
  /** Send `Authorization: Bearer`. Default true; only the JWKS route is public. */
  authenticated?: boolean;
}

/** Sends {@link Exchange}s; built once per client. */
export interface Transport {
  /** Sends the exchange and returns its 2xx body once `guard` accepts it. */
  json<T>(exchange: Exchange, guard: Guard<T>, options: RequestOptions | undefined): Promise<T>;
  /** Sends the exchange and ignores any 2xx body (routes answering 204). */
  empty(exchange: Exchange, options: RequestOptions | undefined): Promise<void>;
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
  async function send(exchange: Exchange, signal: AbortSignal | undefined): Promise<Response> {
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
    const init: RequestInit = { method: exchange.method, headers };
    if (exchange.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(exchange.body);
    }
    if (signal !== undefined) init.signal = signal;

    const fetchFn = resolveFetch(config.fetch);
    let response: Response;
    try {
      response = await fetchFn(joinUrl(config.baseUrl, exchange.path), init);
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
    async json<T>(exchange: Exchange, guard: Guard<T>, options: RequestOptions | undefined): Promise<T> {
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

    async empty(exchange: Exchange, options: RequestOptions | undefined): Promise<void> {
      const response = await send(exchange, options?.signal);
      // Nothing to read; release the connection instead of leaving an unread body behind.
      await response.body?.cancel().catch(() => undefined);
    },
  };
}
