/**
 * `createMfaClient`: one typed function per route of docs/protocol.md §5. Requests are built here;
 * sending them and mapping failures is transport.ts's job, checking answers is validate.ts's.
 */
import type {
  EnrollInput,
  MfaClient,
  MfaClientOptions,
  RequestOptions,
  ScopesInput,
  VerifyPasskeyRegistrationInput,
  WithoutScopes,
  WithScopes,
} from './client-types.js';
import { MfaError } from './errors.js';
import type { ElevationResult, UpgradeResult, VerifyResponse } from './protocol.js';
import { createReauthCalls } from './reauth-calls.js';
import { createTransport } from './transport.js';
import {
  isConfigResponse,
  isDeviceResponse,
  isDevicesResponse,
  isEnrollmentResult,
  isJwksResponse,
  isRecoveryCodesResponse,
  isStatusResponse,
  isStepUpCheckResponse,
  isTotpEnrollResponse,
} from './validate.js';
import { isPasskeyRegisterOptionsResponse, isVerifyPasskeyOptionsResponse } from './validate-webauthn.js';
import { createVerifyCalls, normalizeTotp } from './verify-calls.js';
import { registerPasskeyCeremony, verifyPasskeyCeremony } from './webauthn.js';

/**
 * Creates a client for an mfa-kit server (docs/protocol.md). Framework-free: it runs in browsers and in
 * Node 20+, and does nothing at creation time (no request, no `fetch` lookup), so it is safe to create
 * at module scope in server-rendered apps.
 *
 * Every method returns a promise and never throws synchronously; bad input (a malformed code, an empty
 * device id) rejects with `MfaError('invalid_input')` before anything is sent.
 *
 * @example
 * ```ts
 * const mfa = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: () => session.accessToken });
 * const status = await mfa.getStatus();
 * ```
 *
 * @throws MfaError `invalid_input` when `baseUrl` is not a string or `getAccessToken` / `fetch` is not
 *   a function.
 */
export function createMfaClient(options: MfaClientOptions): MfaClient {
  if (typeof options !== 'object' || options === null || typeof options.baseUrl !== 'string') {
    throw new MfaError('invalid_input', 'createMfaClient needs a baseUrl string');
  }
  if (typeof options.getAccessToken !== 'function') {
    throw new MfaError('invalid_input', 'createMfaClient needs a getAccessToken function');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new MfaError('invalid_input', 'createMfaClient: fetch must be a function when given');
  }
  // A copy, so that later changes to the caller's object do not change where requests go.
  const http = createTransport({ ...options });
  const { verifyTotp, verifyPasskeyAssertion, verifyRecoveryCode } = createVerifyCalls(http);

  const passkeyCalls = {
    async getPasskeyRegistrationOptions(input: EnrollInput = {}, opts?: RequestOptions) {
      const exchange = {
        route: 'POST /passkey/register/options',
        body: { name: input.name },
        elevatedToken: input.elevatedToken,
      } as const;
      return (await http.json(exchange, isPasskeyRegisterOptionsResponse, opts)).options;
    },
    async verifyPasskeyRegistration(input: VerifyPasskeyRegistrationInput, opts?: RequestOptions) {
      const exchange = {
        route: 'POST /passkey/register/verify',
        body: { response: input.response, name: input.name },
      } as const;
      return http.json(exchange, isEnrollmentResult, opts);
    },
    async getPasskeyVerificationOptions(input: ScopesInput = {}, opts?: RequestOptions) {
      const exchange = {
        route: 'POST /verify/passkey/options',
        body: { requestedScopes: input.requestedScopes },
      } as const;
      return (await http.json(exchange, isVerifyPasskeyOptionsResponse, opts)).options;
    },
  };

  function verifyPasskey(input: WithScopes<ScopesInput>, opts?: RequestOptions): Promise<ElevationResult>;
  function verifyPasskey(input?: WithoutScopes<ScopesInput>, opts?: RequestOptions): Promise<UpgradeResult>;
  function verifyPasskey(input?: ScopesInput, opts?: RequestOptions): Promise<VerifyResponse>;
  function verifyPasskey(input: ScopesInput = {}, opts?: RequestOptions): Promise<VerifyResponse> {
    return verifyPasskeyCeremony({ ...passkeyCalls, verifyPasskeyAssertion }, input, opts);
  }

  return {
    async getJwks(opts) {
      const exchange = { route: 'GET /.well-known/jwks.json', authenticated: false } as const;
      return http.json(exchange, isJwksResponse, opts);
    },
    async getConfig(opts) {
      const config = await http.json({ route: 'GET /config' }, isConfigResponse, opts);
      // `totpDigits` and `reauth` were added to version 1 of the protocol; servers from before them use
      // 6 digits and offer no re-authentication.
      const none = { methods: [], allowWithMfa: false };
      const actions = Object.fromEntries(
        Object.entries(config.actions).map(([scope, action]) => [
          scope,
          { ...action, reauth: action.reauth ?? none },
        ]),
      );
      return { ...config, totpDigits: config.totpDigits ?? 6, reauth: config.reauth ?? none, actions };
    },
    async getStatus(opts) {
      const status = await http.json({ route: 'GET /status' }, isStatusResponse, opts);
      return { ...status, reauthMethods: status.reauthMethods ?? [] };
    },

    async enrollTotp(input = {}, opts) {
      const exchange = {
        route: 'POST /totp/enroll',
        body: { name: input.name },
        elevatedToken: input.elevatedToken,
      } as const;
      return http.json(exchange, isTotpEnrollResponse, opts);
    },
    async verifyTotpEnrollment(input, opts) {
      const exchange = {
        route: 'POST /totp/enroll/verify',
        body: { deviceId: input.deviceId, code: normalizeTotp(input.code) },
      } as const;
      return http.json(exchange, isEnrollmentResult, opts);
    },

    ...passkeyCalls,
    verifyTotp,
    verifyPasskeyAssertion,
    verifyRecoveryCode,

    async listDevices(opts) {
      return (await http.json({ route: 'GET /devices' }, isDevicesResponse, opts)).devices;
    },
    async renameDevice(id, name, opts) {
      const exchange = { route: 'PATCH /devices/:id', id, body: { name } } as const;
      return (await http.json(exchange, isDeviceResponse, opts)).device;
    },
    async removeDevice(id, input, opts) {
      const exchange = { route: 'DELETE /devices/:id', id, elevatedToken: input.elevatedToken } as const;
      return http.empty(exchange, opts);
    },

    async regenerateRecoveryCodes(input, opts) {
      const exchange = { route: 'POST /recovery-codes', elevatedToken: input.elevatedToken } as const;
      return (await http.json(exchange, isRecoveryCodesResponse, opts)).codes;
    },
    async acknowledgeRecoveryCodes(opts) {
      return http.empty({ route: 'POST /recovery-codes/acknowledge' }, opts);
    },

    async checkStepUp(scope, opts) {
      const check = await http.json(
        { route: 'POST /step-up/check', body: { scope } },
        isStepUpCheckResponse,
        opts,
      );
      return { ...check, reauthMethods: check.reauthMethods ?? [] };
    },
    ...createReauthCalls(http),

    async registerPasskey(input = {}, opts) {
      return registerPasskeyCeremony(passkeyCalls, input, opts);
    },
    verifyPasskey,
  };
}
