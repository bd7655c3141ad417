import { isWebAuthnSupported, MfaError, mapWebAuthnError } from '@mfa-kit/client';
import { WebAuthnError } from '@simplewebauthn/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  elevation,
  json,
  passkeyDevice,
  registrationOptions,
  rejectionOf,
  requestOptions,
  setup,
} from './test/fake-fetch.js';

describe('mapWebAuthnError', () => {
  it.each([
    ['NotAllowedError', 'passkey_cancelled'],
    ['AbortError', 'passkey_cancelled'],
    ['TimeoutError', 'passkey_cancelled'],
    ['InvalidStateError', 'passkey_already_registered'],
    ['NotSupportedError', 'passkey_failed'],
    ['SecurityError', 'passkey_failed'],
    ['ConstraintError', 'passkey_failed'],
    ['UnknownError', 'passkey_failed'],
  ])('maps a DOMException named %s to %s, keeping it as cause', (name, code) => {
    const domException = new DOMException('The operation failed.', name);
    const error = mapWebAuthnError(domException);
    expect(error).toBeInstanceOf(MfaError);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(domException);
  });

  it.each([
    ['ERROR_CEREMONY_ABORTED', 'AbortError', 'passkey_cancelled'],
    ['ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', 'NotAllowedError', 'passkey_cancelled'],
    ['ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', 'InvalidStateError', 'passkey_already_registered'],
    ['ERROR_INVALID_RP_ID', 'SecurityError', 'passkey_failed'],
    ['ERROR_AUTHENTICATOR_GENERAL_ERROR', 'UnknownError', 'passkey_failed'],
    ['ERROR_MALFORMED_PUBKEYCREDPARAMS', 'NotSupportedError', 'passkey_failed'],
  ] as const)('maps a SimpleWebAuthn %s (from %s) to %s', (webAuthnCode, name, code) => {
    const original = new WebAuthnError({
      message: 'Something went wrong.',
      code: webAuthnCode,
      cause: new DOMException('The operation failed.', name),
    });
    const error = mapWebAuthnError(original);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(original);
  });

  it('recognises ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED by its code whatever the name', () => {
    const original = new WebAuthnError({
      message: 'The authenticator was previously registered',
      code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
      cause: new Error('wrapped'),
      name: 'Error',
    });
    expect(mapWebAuthnError(original).code).toBe('passkey_already_registered');
  });

  it("maps SimpleWebAuthn's missing-WebAuthn error to passkey_not_supported", () => {
    expect(mapWebAuthnError(new Error('WebAuthn is not supported in this browser')).code).toBe(
      'passkey_not_supported',
    );
  });

  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'challenge')")],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['null', null],
    ['an object with a numeric name', { name: 42 }],
  ])('maps %s to passkey_failed', (_label, original) => {
    const error = mapWebAuthnError(original);
    expect(error.code).toBe('passkey_failed');
    expect(error.cause).toBe(original);
  });

  it('returns an MfaError unchanged', () => {
    const original = new MfaError('conflict', 'Already registered.', { status: 409 });
    expect(mapWebAuthnError(original)).toBe(original);
  });

  it('does not copy the browser message, which may be anything', () => {
    const error = mapWebAuthnError(new DOMException('user@example.com cancelled', 'NotAllowedError'));
    expect(error.message).not.toContain('user@example.com');
  });
});

describe('without WebAuthn (Node, old browsers)', () => {
  it('reports no support', () => {
    expect(isWebAuthnSupported()).toBe(false);
  });

  it('refuses registerPasskey before asking the server for a challenge', async () => {
    const { client, requests } = setup(() => json(200, { options: registrationOptions }));
    await expect(client.registerPasskey({ name: 'Key' })).rejects.toMatchObject({
      code: 'passkey_not_supported',
    });
    expect(requests).toHaveLength(0);
  });

  it('refuses verifyPasskey before asking the server for a challenge', async () => {
    const { client, requests } = setup(() => json(200, { options: requestOptions }));
    await expect(client.verifyPasskey()).rejects.toMatchObject({ code: 'passkey_not_supported' });
    expect(requests).toHaveLength(0);
  });
});

/**
 * A stand-in for the browser's `navigator.credentials` (the platform, like the fake fetch stands in for
 * the network): SimpleWebAuthn and our code run for real on top of it. The real prompt is covered by
 * the browser end-to-end tests.
 */
function fakeBrowser(credentials: { create?: CredentialsCall; get?: CredentialsCall }) {
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
  vi.stubGlobal('navigator', { credentials });
}

type CredentialsCall = (options: CredentialCreationOptions & CredentialRequestOptions) => Promise<unknown>;

const bytes = (text: string) => new TextEncoder().encode(text).buffer;

const createdCredential = {
  id: 'Y3JlZC0x',
  rawId: bytes('cred-1'),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  response: {
    clientDataJSON: bytes('{}'),
    attestationObject: bytes('attestation'),
    getTransports: () => ['internal'],
  },
  getClientExtensionResults: () => ({}),
};

const assertedCredential = {
  id: 'Y3JlZC0x',
  rawId: bytes('cred-1'),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  response: {
    clientDataJSON: bytes('{}'),
    authenticatorData: bytes('auth'),
    signature: bytes('sig'),
    userHandle: bytes('user-1'),
  },
  getClientExtensionResults: () => ({}),
};

describe('passkey ceremonies over a fake navigator.credentials', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('registerPasskey asks for options, prompts, and sends the credential with the same name', async () => {
    const create = vi.fn<CredentialsCall>(async () => createdCredential);
    fakeBrowser({ create });
    const { client, requests } = setup((request) =>
      request.url.endsWith('/options')
        ? json(200, { options: registrationOptions })
        : json(200, { device: passkeyDevice }),
    );
    await expect(client.registerPasskey({ name: 'MacBook', elevatedToken: 'elevated-1' })).resolves.toEqual({
      device: passkeyDevice,
    });
    expect(requests.map((request) => [request.url.replace(/^.*\/api\/mfa/, ''), request.body])).toEqual([
      ['/passkey/register/options', { name: 'MacBook' }],
      [
        '/passkey/register/verify',
        {
          name: 'MacBook',
          response: {
            id: 'Y3JlZC0x',
            rawId: 'Y3JlZC0x',
            type: 'public-key',
            authenticatorAttachment: 'platform',
            clientExtensionResults: {},
            response: {
              clientDataJSON: 'e30',
              attestationObject: 'YXR0ZXN0YXRpb24',
              transports: ['internal'],
            },
          },
        },
      ],
    ]);
    expect(requests[0]?.headers['x-elevated-token']).toBe('elevated-1');
    expect(requests[1]?.headers['x-elevated-token']).toBeUndefined();
    expect(create).toHaveBeenCalledOnce();
  });

  it('verifyPasskey sends the same scopes to both calls and returns the elevation', async () => {
    fakeBrowser({ get: async () => assertedCredential });
    const { client, requests } = setup((request) =>
      request.url.endsWith('/options') ? json(200, { options: requestOptions }) : json(200, elevation),
    );
    await expect(client.verifyPasskey({ requestedScopes: ['wallet:export'] })).resolves.toEqual(elevation);
    expect(requests.map((request) => request.body)).toEqual([
      { requestedScopes: ['wallet:export'] },
      {
        requestedScopes: ['wallet:export'],
        response: {
          id: 'Y3JlZC0x',
          rawId: 'Y3JlZC0x',
          type: 'public-key',
          authenticatorAttachment: 'platform',
          clientExtensionResults: {},
          response: {
            clientDataJSON: 'e30',
            authenticatorData: 'YXV0aA',
            signature: 'c2ln',
            userHandle: 'dXNlci0x',
          },
        },
      },
    ]);
  });

  it.each([
    ['NotAllowedError', 'passkey_cancelled'],
    ['InvalidStateError', 'passkey_already_registered'],
    ['UnknownError', 'passkey_failed'],
  ])('maps a %s from the prompt to %s and sends nothing more', async (name, code) => {
    const refusal = new DOMException('The operation failed.', name);
    fakeBrowser({ create: () => Promise.reject(refusal) });
    const { client, requests } = setup(() => json(200, { options: registrationOptions }));
    const error = await rejectionOf(client.registerPasskey());
    expect(error).toMatchObject({ code });
    expect(requests).toHaveLength(1);
  });

  it('keeps a server error of the verify call as its protocol code', async () => {
    fakeBrowser({ create: async () => createdCredential });
    const { client } = setup((request) =>
      request.url.endsWith('/options')
        ? json(200, { options: registrationOptions })
        : json(409, { error: { code: 'conflict', message: 'This passkey is already registered.' } }),
    );
    await expect(client.registerPasskey()).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });

  it('cancels the prompt when the signal aborts, and rejects with the abort reason', async () => {
    const controller = new AbortController();
    let promptSignal: AbortSignal | undefined;
    fakeBrowser({
      get: (options) =>
        new Promise((_resolve, reject) => {
          promptSignal = options.signal ?? undefined;
          promptSignal?.addEventListener('abort', () => reject(new DOMException('Aborted.', 'AbortError')));
          setTimeout(() => controller.abort(), 0);
        }),
    });
    const { client, requests } = setup(() => json(200, { options: requestOptions }));
    const error = await rejectionOf(client.verifyPasskey({}, { signal: controller.signal }));
    expect(error).toBe(controller.signal.reason);
    expect(promptSignal?.aborted).toBe(true);
    expect(requests).toHaveLength(1);
  });
});
