/**
 * The three verification routes (docs/protocol.md §5.6 to §5.8). Each is overloaded on
 * `requestedScopes`, and checks the answer against the overload it promised: asking for scopes and
 * getting an upgraded access token back (or the other way round) is a `bad_response`, not a surprise
 * for the caller.
 */
import type {
  RecoveryCodeElevationResult,
  RecoveryCodeResult,
  RecoveryCodeUpgradeResult,
  RequestOptions,
  ScopesInput,
  VerifyPasskeyAssertionInput,
  VerifyRecoveryCodeInput,
  VerifyTotpInput,
  WithoutScopes,
  WithScopes,
} from './client-types.js';
import { normalizeCode, normalizeRecoveryCode } from './codes.js';
import type { ElevationResult, UpgradeResult, VerifyResponse } from './protocol.js';
import type { Transport } from './transport.js';
import { type Guard, isElevationResult, isUpgradeResult, withRemaining } from './validate.js';

/** Accepts what `normalizeCode` accepts, for any length the protocol allows (6, or up to 8 when configured). */
export function normalizeTotp(code: string): string {
  const digits = typeof code === 'string' ? code.replace(/\D/g, '').length : 0;
  return normalizeCode(code, { digits: digits >= 6 && digits <= 8 ? digits : 6 });
}

/** The answer guard for a verification: elevated when scopes were requested, an upgrade otherwise. */
function verifyGuard(input: ScopesInput): Guard<VerifyResponse> {
  return input.requestedScopes === undefined ? isUpgradeResult : isElevationResult;
}

/** Builds the three overloaded verification calls of {@link MfaClient} on a transport. */
export function createVerifyCalls(http: Transport) {
  function verifyTotp(input: WithScopes<VerifyTotpInput>, opts?: RequestOptions): Promise<ElevationResult>;
  function verifyTotp(input: WithoutScopes<VerifyTotpInput>, opts?: RequestOptions): Promise<UpgradeResult>;
  function verifyTotp(input: VerifyTotpInput, opts?: RequestOptions): Promise<VerifyResponse>;
  async function verifyTotp(input: VerifyTotpInput, opts?: RequestOptions): Promise<VerifyResponse> {
    const { code, deviceId, requestedScopes } = input;
    // `undefined` fields vanish in JSON.stringify, so options the caller left out are not sent.
    const body = { code: normalizeTotp(code), deviceId, requestedScopes };
    return http.json({ route: 'POST /verify/totp', body }, verifyGuard(input), opts);
  }

  function verifyPasskeyAssertion(
    input: WithScopes<VerifyPasskeyAssertionInput>,
    opts?: RequestOptions,
  ): Promise<ElevationResult>;
  function verifyPasskeyAssertion(
    input: WithoutScopes<VerifyPasskeyAssertionInput>,
    opts?: RequestOptions,
  ): Promise<UpgradeResult>;
  function verifyPasskeyAssertion(
    input: VerifyPasskeyAssertionInput,
    opts?: RequestOptions,
  ): Promise<VerifyResponse>;
  async function verifyPasskeyAssertion(
    input: VerifyPasskeyAssertionInput,
    opts?: RequestOptions,
  ): Promise<VerifyResponse> {
    const body = { response: input.response, requestedScopes: input.requestedScopes };
    return http.json({ route: 'POST /verify/passkey', body }, verifyGuard(input), opts);
  }

  function verifyRecoveryCode(
    input: WithScopes<VerifyRecoveryCodeInput>,
    opts?: RequestOptions,
  ): Promise<RecoveryCodeElevationResult>;
  function verifyRecoveryCode(
    input: WithoutScopes<VerifyRecoveryCodeInput>,
    opts?: RequestOptions,
  ): Promise<RecoveryCodeUpgradeResult>;
  function verifyRecoveryCode(
    input: VerifyRecoveryCodeInput,
    opts?: RequestOptions,
  ): Promise<RecoveryCodeResult>;
  async function verifyRecoveryCode(
    input: VerifyRecoveryCodeInput,
    opts?: RequestOptions,
  ): Promise<RecoveryCodeResult> {
    const body = { code: normalizeRecoveryCode(input.code), requestedScopes: input.requestedScopes };
    return http.json({ route: 'POST /verify/recovery-code', body }, withRemaining(verifyGuard(input)), opts);
  }

  return { verifyTotp, verifyPasskeyAssertion, verifyRecoveryCode };
}
