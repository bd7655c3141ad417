import { createMfaClient, ERROR_STATUS, MfaError, PROTOCOL_ERROR_CODES } from '@mfa-kit/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN, BASE_URL, json, recordingFetch, rejectionOf, setup } from './test/fake-fetch.js';

function errorBody(code: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message: 'Something the server says.', ...extra } };
}

async function mfaErrorOf(promise: Promise<unknown>): Promise<MfaError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(MfaError);
  if (!(error instanceof MfaError)) throw error;
  return error;
}

describe('error answers with a protocol body', () => {
  it.each(PROTOCOL_ERROR_CODES)('keeps the code %s, its status and the server message', async (code) => {
    const status = ERROR_STATUS[code];
    const { client } = setup(() => json(status, errorBody(code)));
    const error = await mfaErrorOf(client.getStatus());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toBe('Something the server says.');
    expect(error.retryAfter).toBeUndefined();
    expect(error.scopes).toBeUndefined();
  });

  it('takes retryAfter from the body of rate_limited', async () => {
    const { client } = setup(() => json(429, errorBody('rate_limited', { retryAfter: 30 })));
    const error = await mfaErrorOf(client.verifyTotp({ code: '123456' }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 30 });
  });

  it('carries the tries left with invalid_code, and the lock the last one started', async () => {
    const { client } = setup(() => json(422, errorBody('invalid_code', { attemptsRemaining: 1 })));
    expect(await mfaErrorOf(client.verifyTotp({ code: '123456' }))).toMatchObject({
      code: 'invalid_code',
      attemptsRemaining: 1,
      locked: undefined,
      retryAfter: undefined,
    });
    const last = setup(() =>
      json(422, errorBody('invalid_code', { attemptsRemaining: 0, locked: 'temporary', retryAfter: 30 })),
    );
    expect(await mfaErrorOf(last.client.verifyTotp({ code: '123456' }))).toMatchObject({
      attemptsRemaining: 0,
      locked: 'temporary',
      retryAfter: 30,
    });
  });

  it('tells a permanent lock from a temporary one, with no time to wait', async () => {
    const { client } = setup(() => json(429, errorBody('rate_limited', { locked: 'permanent' })));
    const error = await mfaErrorOf(client.verifyTotp({ code: '123456' }));
    expect(error).toMatchObject({ code: 'rate_limited', locked: 'permanent', retryAfter: undefined });
  });

  it.each([
    ['a negative attemptsRemaining', { attemptsRemaining: -1 }],
    ['a fractional attemptsRemaining', { attemptsRemaining: 1.5 }],
    ['an unknown kind of lock', { locked: 'forever' }],
  ])('drops %s', async (_name, extra) => {
    const { client } = setup(() => json(422, errorBody('invalid_code', extra)));
    const error = await mfaErrorOf(client.verifyTotp({ code: '123456' }));
    expect(error.attemptsRemaining).toBeUndefined();
    expect(error.locked).toBeUndefined();
  });

  it('prefers the body retryAfter to the Retry-After header', async () => {
    const { client } = setup(() =>
      json(429, errorBody('rate_limited', { retryAfter: 30 }), { 'Retry-After': '120' }),
    );
    expect(await mfaErrorOf(client.verifyTotp({ code: '123456' }))).toMatchObject({ retryAfter: 30 });
  });

  it('falls back to the Retry-After header in seconds', async () => {
    const { client } = setup(() => json(429, errorBody('rate_limited'), { 'Retry-After': '45' }));
    expect(await mfaErrorOf(client.verifyTotp({ code: '123456' }))).toMatchObject({ retryAfter: 45 });
  });

  it('reads a Retry-After HTTP-date relative to now', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T18:43:33.000Z'));
    try {
      const { client } = setup(() =>
        json(429, errorBody('rate_limited'), { 'Retry-After': 'Fri, 27 Nov 2026 18:44:03 GMT' }),
      );
      expect(await mfaErrorOf(client.verifyTotp({ code: '123456' }))).toMatchObject({ retryAfter: 30 });
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['a body retryAfter of zero', { retryAfter: 0 }, undefined],
    ['a negative body retryAfter', { retryAfter: -5 }, undefined],
    ['a body retryAfter that is a string', { retryAfter: '30' }, undefined],
    ['an unreadable header', {}, 'soon'],
  ])('ignores %s', async (_label, extra, header) => {
    const headers: Record<string, string> = header === undefined ? {} : { 'Retry-After': header };
    const { client } = setup(() => json(429, errorBody('rate_limited', extra), headers));
    const error = await mfaErrorOf(client.verifyTotp({ code: '123456' }));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfter: undefined });
  });

  it('rounds a fractional retryAfter up to whole seconds', async () => {
    const { client } = setup(() => json(429, errorBody('rate_limited', { retryAfter: 2.1 })));
    expect(await mfaErrorOf(client.verifyTotp({ code: '123456' }))).toMatchObject({ retryAfter: 3 });
  });

  it('carries the scopes of elevation_required', async () => {
    const { client } = setup(() =>
      json(403, errorBody('elevation_required', { scopes: ['credential:unlink'] })),
    );
    const error = await mfaErrorOf(client.removeDevice('dev_1', { elevatedToken: 'expired' }));
    expect(error).toMatchObject({ code: 'elevation_required', status: 403, scopes: ['credential:unlink'] });
  });

  it('drops scopes that are not a list of strings', async () => {
    const { client } = setup(() => json(403, errorBody('elevation_required', { scopes: [1, 2] })));
    const error = await mfaErrorOf(client.removeDevice('dev_1', { elevatedToken: 'e' }));
    expect(error).toMatchObject({ code: 'elevation_required', scopes: undefined });
  });

  it('keeps a protocol code even when the status disagrees', async () => {
    const { client } = setup(() => json(400, errorBody('code_reused')));
    expect(await mfaErrorOf(client.verifyTotp({ code: '123456' }))).toMatchObject({
      code: 'code_reused',
      status: 400,
    });
  });

  it('does not remap a server conflict on passkey registration', async () => {
    const { client } = setup(() => json(409, errorBody('conflict')));
    const response = {
      id: 'aWQ',
      rawId: 'aWQ',
      type: 'public-key' as const,
      response: { clientDataJSON: 'e30', attestationObject: 'o2Nm' },
      clientExtensionResults: {},
    };
    expect(await mfaErrorOf(client.verifyPasskeyRegistration({ response }))).toMatchObject({
      code: 'conflict',
    });
  });
});

describe('error answers without a protocol body fall back to the status', () => {
  const fallbacks: Array<[number, string]> = [
    [400, 'invalid_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [410, 'expired'],
    [413, 'payload_too_large'],
    [422, 'invalid_code'],
    [429, 'rate_limited'],
    [503, 'unavailable'],
    [500, 'internal_error'],
    [502, 'internal_error'],
    [504, 'internal_error'],
    [405, 'invalid_request'],
    [418, 'invalid_request'],
    [302, 'bad_response'],
  ];

  it.each(fallbacks)('status %i with an HTML page -> %s', async (status, code) => {
    const { client } = setup(
      () => new Response('<html>Bad gateway</html>', { status, headers: { 'Content-Type': 'text/html' } }),
    );
    const error = await mfaErrorOf(client.getStatus());
    expect(error).toMatchObject({ code, status });
    expect(error.message).toBe(`GET /status failed with status ${status} and no protocol error body`);
  });

  it.each(fallbacks)('status %i with an empty body -> %s', async (status, code) => {
    const { client } = setup(() => new Response(null, { status }));
    expect(await mfaErrorOf(client.getStatus())).toMatchObject({ code, status });
  });

  it.each([
    ['JSON that is not an error body', { message: 'nope' }],
    ['an error without a message', { error: { code: 'not_found' } }],
    ['an error whose code is not a string', { error: { code: 404, message: 'Not found.' } }],
    ['an error that is a string', { error: 'not_found' }],
    ['null', null],
  ])('status 404 with %s -> not_found', async (_label, body) => {
    const { client } = setup(() => json(404, body));
    expect(await mfaErrorOf(client.getStatus())).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('treats an unknown code by its status, keeping the server message', async () => {
    const { client } = setup(() => json(422, errorBody('code_too_old')));
    const error = await mfaErrorOf(client.verifyTotp({ code: '123456' }));
    expect(error).toMatchObject({ code: 'invalid_code', status: 422, message: 'Something the server says.' });
  });

  it('does not take an inherited property name for a code', async () => {
    const { client } = setup(() => json(400, errorBody('constructor')));
    expect(await mfaErrorOf(client.getStatus())).toMatchObject({ code: 'invalid_request' });
  });

  it('takes retryAfter from the header of a bare 429 or 503', async () => {
    const { client } = setup(() => new Response('busy', { status: 503, headers: { 'Retry-After': '10' } }));
    expect(await mfaErrorOf(client.getStatus())).toMatchObject({ code: 'unavailable', retryAfter: 10 });
  });
});

describe('failures without an answer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('maps a rejected fetch to network_error, keeping the cause', async () => {
    const cause = new TypeError('fetch failed');
    const { client } = setup(() => Promise.reject(cause));
    const error = await mfaErrorOf(client.getStatus());
    expect(error).toMatchObject({ code: 'network_error', status: undefined, cause });
    expect(error.message).toBe('GET /status got no answer from the server');
  });

  it('maps a body that breaks off to network_error', async () => {
    const stream = new ReadableStream({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const { client } = setup(() => new Response(stream, { status: 200 }));
    expect(await mfaErrorOf(client.getStatus())).toMatchObject({ code: 'network_error', status: 200 });
  });

  it('fails with network_error when there is no fetch at all', async () => {
    vi.stubGlobal('fetch', undefined);
    const client = createMfaClient({ baseUrl: BASE_URL, getAccessToken: () => ACCESS_TOKEN });
    expect(await mfaErrorOf(client.getStatus())).toMatchObject({ code: 'network_error' });
  });
});

describe('cancelling with an AbortSignal', () => {
  /** Answers like a real fetch: never, unless the signal aborts, then with its reason. */
  function hangingFetch() {
    return recordingFetch(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
        }),
    );
  }

  it('passes the signal to fetch', async () => {
    const { client, requests } = setup(() => json(200, { devices: [] }));
    const controller = new AbortController();
    await client.listDevices({ signal: controller.signal });
    expect(requests[0]?.signal).toBe(controller.signal);
  });

  it('rejects with the AbortError DOMException itself, not an MfaError', async () => {
    const { fetch } = hangingFetch();
    const client = createMfaClient({ baseUrl: BASE_URL, getAccessToken: () => ACCESS_TOKEN, fetch });
    const controller = new AbortController();
    const pending = client.getStatus({ signal: controller.signal });
    setTimeout(() => controller.abort(), 0);
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(error).toBe(controller.signal.reason);
  });

  it('rejects with a custom abort reason unchanged', async () => {
    const { fetch } = hangingFetch();
    const client = createMfaClient({ baseUrl: BASE_URL, getAccessToken: () => ACCESS_TOKEN, fetch });
    const controller = new AbortController();
    const reason = new Error('navigated away');
    const pending = client.getStatus({ signal: controller.signal });
    setTimeout(() => controller.abort(reason), 0);
    await expect(pending).rejects.toBe(reason);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const { client, requests } = setup(() => json(200, {}));
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(client.getStatus({ signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(requests).toHaveLength(0);
  });

  it('stops when the signal aborts while the access token is being fetched', async () => {
    const controller = new AbortController();
    const { client, requests } = setup(() => json(200, {}), {
      getAccessToken: async () => {
        controller.abort();
        return ACCESS_TOKEN;
      },
    });
    const error = await rejectionOf(client.getStatus({ signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(requests).toHaveLength(0);
  });
});

describe('messages', () => {
  it('never contain the code, the access token or the elevated token', async () => {
    const failures = [
      () => new Response('oops', { status: 500 }),
      () => json(422, errorBody('invalid_code')),
      () => Promise.reject(new TypeError('fetch failed')),
    ];
    const malformed = [
      () => json(200, { unexpected: true }),
      () => new Response('not json', { status: 200 }),
    ];
    const secrets = ['492039', '7kq2m', ACCESS_TOKEN, 'elevated-secret'];
    const errors: MfaError[] = [];
    for (const reply of [...failures, ...malformed]) {
      const { client } = setup(reply);
      errors.push(await mfaErrorOf(client.verifyTotp({ code: '492039' })));
      errors.push(await mfaErrorOf(client.verifyRecoveryCode({ code: '7kq2m-x9d4f' })));
    }
    for (const reply of failures) {
      const { client } = setup(reply);
      errors.push(await mfaErrorOf(client.removeDevice('dev_1', { elevatedToken: 'elevated-secret' })));
    }
    for (const error of errors) {
      for (const secret of secrets) expect(error.message).not.toContain(secret);
    }
  });
});
