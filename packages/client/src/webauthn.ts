/**
 * WebAuthn ceremonies on top of @simplewebauthn/browser, and the mapping of browser failures to
 * `passkey_*` codes. Server failures are never remapped: a `409 conflict` from the server stays
 * `conflict`, only the browser's own refusal becomes `passkey_already_registered`.
 *
 * @simplewebauthn/browser is loaded on demand, while the ceremony's options are fetched from the server
 * (both in parallel, so the prompt opens no later and no further from the user's click than before): a
 * page that never shows a passkey prompt, such as a TOTP-only sign-in, does not download it.
 */
import type * as SimpleWebAuthn from '@simplewebauthn/browser';
import type { EnrollInput, MfaClient, RequestOptions, ScopesInput } from './client-types.js';
import { MfaError } from './errors.js';
import type { EnrollmentResult, VerifyResponse } from './protocol.js';

/**
 * True when this environment has WebAuthn (`PublicKeyCredential`); false in Node, in old browsers and
 * in some embedded web views. Use it to hide passkey options rather than to guard calls:
 * {@link MfaClient.registerPasskey} and {@link MfaClient.verifyPasskey} already fail with
 * `passkey_not_supported` without contacting the server.
 */
export function isWebAuthnSupported(): boolean {
  // The test @simplewebauthn/browser's browserSupportsWebAuthn() makes, without loading the library.
  return typeof globalThis.PublicKeyCredential === 'function';
}

/**
 * Starts downloading the WebAuthn library now, so that the first passkey prompt opens without waiting for
 * it: call it when a passkey option appears on screen (PasskeyPrompt does). Harmless to call again, and
 * where WebAuthn is missing it does nothing; a failed download is retried by the ceremony.
 */
export function preloadWebAuthn(): void {
  if (isWebAuthnSupported()) loadLibrary().catch(() => {});
}

/** The library, loaded once, on the first ceremony (or preloadWebAuthn()). */
let library: Promise<typeof SimpleWebAuthn> | undefined;
function loadLibrary(): Promise<typeof SimpleWebAuthn> {
  library ??= import('@simplewebauthn/browser').catch((error: unknown) => {
    library = undefined; // a failed download (offline, a new deploy) is tried again at the next ceremony
    throw passkeyError('passkey_failed', error);
  });
  return library;
}

const CANCELLED_NAMES = new Set(['NotAllowedError', 'AbortError', 'TimeoutError']);

const MESSAGES = {
  passkey_already_registered: 'this authenticator already holds a passkey for this account',
  passkey_cancelled: 'the passkey prompt was cancelled, timed out or was not allowed',
  passkey_not_supported: 'this browser does not support passkeys (WebAuthn)',
  passkey_failed: 'the browser could not complete the passkey ceremony',
} as const;

/** A browser-side failure; the browser's own message is left in `cause`, as it may say anything. */
function passkeyError(code: keyof typeof MESSAGES, cause?: unknown): MfaError {
  return new MfaError(code, MESSAGES[code], { cause });
}

/** Reads a string property of a thrown value that may be anything (a DOMException, a string, null). */
function field(error: unknown, key: 'name' | 'code' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = Reflect.get(error, key);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Maps an error thrown by a WebAuthn ceremony (`navigator.credentials.create()` / `.get()`, or
 * @simplewebauthn/browser's `startRegistration` / `startAuthentication`) to an {@link MfaError}, keeping
 * the original as `cause`:
 *
 * - `passkey_cancelled`: `NotAllowedError` (the user closed the prompt, it timed out, or the browser
 *   refused without saying why; the spec gives them one name on purpose), `AbortError`, `TimeoutError`,
 *   and SimpleWebAuthn's `ERROR_CEREMONY_ABORTED`.
 * - `passkey_already_registered`: `InvalidStateError` (an authenticator in `excludeCredentials` was
 *   used) and SimpleWebAuthn's `ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED`.
 * - `passkey_not_supported`: SimpleWebAuthn's "WebAuthn is not supported in this browser".
 * - `passkey_failed`: anything else.
 *
 * An `MfaError` is returned unchanged, so it is safe to map twice.
 */
export function mapWebAuthnError(error: unknown): MfaError {
  if (error instanceof MfaError) return error;
  const name = field(error, 'name');
  const code = field(error, 'code');
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return passkeyError('passkey_already_registered', error);
  }
  if (code === 'ERROR_CEREMONY_ABORTED' || (name !== undefined && CANCELLED_NAMES.has(name))) {
    return passkeyError('passkey_cancelled', error);
  }
  if (field(error, 'message') === 'WebAuthn is not supported in this browser') {
    return passkeyError('passkey_not_supported', error);
  }
  return passkeyError('passkey_failed', error);
}

/**
 * Runs a browser ceremony so that the caller's signal cancels its prompt, an abort rejects with the
 * signal's reason (as every other client call does), and other failures are mapped.
 */
async function ceremony<T>(
  webauthn: typeof SimpleWebAuthn,
  run: () => Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  signal?.throwIfAborted();
  // SimpleWebAuthn owns the AbortController of the prompt; its service is how a prompt is cancelled.
  const cancel = (): void => webauthn.WebAuthnAbortService.cancelCeremony();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await run();
  } catch (error) {
    signal?.throwIfAborted();
    throw mapWebAuthnError(error);
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

/** The client calls a registration ceremony needs. */
export type RegistrationApi = Pick<MfaClient, 'getPasskeyRegistrationOptions' | 'verifyPasskeyRegistration'>;
/** The client calls a verification ceremony needs. */
export type VerificationApi = Pick<MfaClient, 'getPasskeyVerificationOptions' | 'verifyPasskeyAssertion'>;

/** Implementation of {@link MfaClient.registerPasskey}. */
export async function registerPasskeyCeremony(
  api: RegistrationApi,
  input: EnrollInput,
  options: RequestOptions | undefined,
): Promise<EnrollmentResult> {
  // Checked first so that no server challenge is created for a prompt that cannot open.
  if (!isWebAuthnSupported()) throw passkeyError('passkey_not_supported');
  const [optionsJSON, webauthn] = await Promise.all([
    api.getPasskeyRegistrationOptions(input, options),
    loadLibrary(),
  ]);
  const response = await ceremony(
    webauthn,
    () => webauthn.startRegistration({ optionsJSON }),
    options?.signal,
  );
  return api.verifyPasskeyRegistration({ response, name: input.name }, options);
}

/** Implementation of {@link MfaClient.verifyPasskey}. */
export async function verifyPasskeyCeremony(
  api: VerificationApi,
  input: ScopesInput,
  options: RequestOptions | undefined,
): Promise<VerifyResponse> {
  if (!isWebAuthnSupported()) throw passkeyError('passkey_not_supported');
  const { requestedScopes } = input;
  const [optionsJSON, webauthn] = await Promise.all([
    api.getPasskeyVerificationOptions({ requestedScopes }, options),
    loadLibrary(),
  ]);
  const response = await ceremony(
    webauthn,
    () => webauthn.startAuthentication({ optionsJSON }),
    options?.signal,
  );
  return api.verifyPasskeyAssertion({ response, requestedScopes }, options);
}
