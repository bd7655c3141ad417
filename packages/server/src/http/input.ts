/**
 * Reading requests at the boundary: every body is a JSON object with exactly the fields a route defines,
 * each of the right type and size. Anything else is `invalid_request` before any state is touched.
 */
import {
  type AuthenticationResponseJSON,
  type BodyOf,
  DEVICE_NAME_MAX_LENGTH,
  type FieldKind,
  type FieldKinds,
  MAX_BODY_BYTES,
  MfaError,
  type RegistrationResponseJSON,
  ROUTES,
  type RouteName,
  type RouteSpec,
} from '@mfa-kit/client/protocol';
import { base64url } from 'jose';
import { isValidScopeName } from '../options.js';

export type Body = Record<string, unknown>;

const invalid = (message: string) => new MfaError('invalid_request', message);

export function parseBody(text: string): Body {
  // Only JSON's own whitespace makes an empty body: "\u00a0" or "\u3000" is no JSON at all.
  if (/^[ \t\r\n]*$/.test(text)) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the body must be a JSON object');
  }
  return value as Body;
}

/** Refuses fields the route does not define, so a typo fails loudly instead of silently doing less. */
export function onlyFields(body: Body, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw invalid(`unknown field ${JSON.stringify(key.slice(0, 40))}`);
  }
}

/** Lone surrogates and control characters never reach the store (PostgreSQL refuses some; all are tricks). */
function cleanText(value: string): boolean {
  return value.isWellFormed() && !/\p{Cc}/u.test(value);
}

export function requiredString(body: Body, key: string, maxLength: number): string {
  const value = body[key];
  if (typeof value !== 'string') throw invalid(`${key} must be a string`);
  if (value.length === 0 || value.length > maxLength || !cleanText(value)) {
    throw invalid(`${key} must be 1 to ${maxLength} printable characters`);
  }
  return value;
}

export function optionalString(body: Body, key: string, maxLength: number): string | undefined {
  return body[key] === undefined ? undefined : requiredString(body, key, maxLength);
}

/** An id we issued: letters, digits, `_` and `-` only. */
export function requiredId(body: Body, key: string): string {
  const value = requiredString(body, key, 100);
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw invalid(`${key} is not a valid id`);
  return value;
}

export function optionalId(body: Body, key: string): string | undefined {
  return body[key] === undefined ? undefined : requiredId(body, key);
}

// Format characters other than the zero-width joiner of emoji sequences (bidi overrides, invisible
// separators), line and paragraph separators, private use and unassigned code points.
const UNSAFE_IN_NAME = /(?!\u200d)[\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;
// The zero-width joiner is kept only inside a sequence (emoji, Indic conjuncts): between two characters
// that are neither spaces nor joiners. At an edge, next to a space or doubled it only hides text.
const STRAY_JOINER = /(?:^|[\s\u200d])\u200d|\u200d(?:$|[\s\u200d])/u;
// A name needs something a reader sees: a letter, digit, punctuation or symbol. Combining marks, variation
// selectors and joiners alone render as nothing, and so do the Hangul fillers and the blank braille cell.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const BLANK_LOOKING = /[\u115f\u1160\u3164\uffa0\u2800]/gu;

/** A device name: trimmed, NFC, 1 to 64 characters, no invisible or direction-changing characters. */
export function deviceName(body: Body, key: string): string | undefined {
  const raw = body[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > 4 * DEVICE_NAME_MAX_LENGTH || !cleanText(raw)) {
    throw invalid(`${key} must be text of 1 to ${DEVICE_NAME_MAX_LENGTH} characters`);
  }
  const name = raw.normalize('NFC').trim();
  const length = [...name].length;
  if (length === 0 || length > DEVICE_NAME_MAX_LENGTH) {
    throw invalid(`${key} must be text of 1 to ${DEVICE_NAME_MAX_LENGTH} characters`);
  }
  if (UNSAFE_IN_NAME.test(name) || STRAY_JOINER.test(name)) {
    throw invalid(`${key} contains invisible or direction-changing characters`);
  }
  if (!VISIBLE.test(name.replace(BLANK_LOOKING, ''))) throw invalid(`${key} must contain something visible`);
  return name;
}

export function requiredName(body: Body, key: string): string {
  const name = deviceName(body, key);
  if (name === undefined) throw invalid(`${key} is required`);
  return name;
}

/** Optional list of 1 to 10 scope names. */
export function requestedScopes(body: Body, key = 'requestedScopes'): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) {
    throw invalid(`${key} must be a list of 1 to 10 scopes`);
  }
  for (const scope of value) {
    if (typeof scope !== 'string' || !isValidScopeName(scope)) {
      throw invalid(`${key} holds something that is not a scope name`);
    }
  }
  return value as string[];
}

export function scopeName(body: Body, key = 'scope'): string {
  const scope = requiredString(body, key, 100);
  if (!isValidScopeName(scope)) throw invalid(`${key} is not a scope name`);
  return scope;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function b64(value: unknown, key: string, required: boolean, max = 16_384): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.length > max || !B64URL.test(value) || (required && value === '')) {
    throw invalid(`${key} must be base64url text`);
  }
}

/**
 * clientDataJSON must be base64url of a UTF-8 JSON object with a base64url `challenge`, so that a
 * request the server cannot read is refused here, before a verification counts an attempt or the
 * challenge reaches the store.
 */
function clientDataJSON(value: unknown, key: string): void {
  b64(value, key, true);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(String(value))));
  } catch {
    throw invalid(`${key} must be base64url of a JSON object`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid(`${key} must be base64url of a JSON object`);
  }
  const { challenge } = data as Body;
  if (
    typeof challenge !== 'string' ||
    challenge === '' ||
    challenge.length > 1024 ||
    !B64URL.test(challenge)
  ) {
    throw invalid(`${key} must hold a base64url challenge`);
  }
}

function credentialBase(value: unknown, key: string): Body & { response: Body } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${key} must be an object`);
  const credential = value as Body;
  b64(credential.id, `${key}.id`, true, 1024);
  b64(credential.rawId, `${key}.rawId`, true, 1024);
  if (credential.type !== 'public-key') throw invalid(`${key}.type must be "public-key"`);
  const response = credential.response;
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    throw invalid(`${key}.response must be an object`);
  }
  const ext = credential.clientExtensionResults;
  if (typeof ext !== 'object' || ext === null || Array.isArray(ext)) {
    throw invalid(`${key}.clientExtensionResults must be an object`);
  }
  if (
    credential.authenticatorAttachment !== undefined &&
    typeof credential.authenticatorAttachment !== 'string'
  ) {
    throw invalid(`${key}.authenticatorAttachment must be a string`);
  }
  clientDataJSON((response as Body).clientDataJSON, `${key}.response.clientDataJSON`);
  return credential as Body & { response: Body };
}

/**
 * A registration credential as `PublicKeyCredential.toJSON()` makes it. Browsers add fields over time,
 * so fields inside the credential that we do not read are let through; the ones we read are checked.
 */
export function registrationResponse(body: Body, key = 'response'): RegistrationResponseJSON {
  const credential = credentialBase(body[key], key);
  b64(credential.response.attestationObject, `${key}.response.attestationObject`, true);
  const transports = credential.response.transports;
  if (
    transports !== undefined &&
    (!Array.isArray(transports) ||
      transports.length > 10 ||
      transports.some((t) => typeof t !== 'string' || t.length > 32))
  ) {
    throw invalid(`${key}.response.transports must be a list of transport names`);
  }
  return credential as unknown as RegistrationResponseJSON;
}

export function authenticationResponse(body: Body, key = 'response'): AuthenticationResponseJSON {
  const credential = credentialBase(body[key], key);
  b64(credential.response.authenticatorData, `${key}.response.authenticatorData`, true);
  b64(credential.response.signature, `${key}.response.signature`, true);
  b64(credential.response.userHandle, `${key}.response.userHandle`, false, 1024);
  return credential as unknown as AuthenticationResponseJSON;
}

/** The reader of each field kind of routes.ts: it refuses a missing or malformed field, naming it. */
export const READERS = {
  totpCode: (body, key) => requiredString(body, key, 32),
  recoveryCode: (body, key) => requiredString(body, key, 64),
  otpCode: (body, key) => requiredString(body, key, 32),
  walletAddress: (body, key) => {
    const value = requiredString(body, key, 42);
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw invalid(`${key} must be 0x and 40 hex digits`);
    return value;
  },
  walletSignature: (body, key) => {
    const value = requiredString(body, key, 12_000);
    if (!/^0x(?:[0-9a-fA-F]{2})+$/.test(value)) throw invalid(`${key} must be 0x and hex digits`);
    return value;
  },
  id: requiredId,
  deviceName: requiredName,
  scope: scopeName,
  scopes: (body, key) => {
    const scopes = requestedScopes(body, key);
    if (scopes === undefined) throw invalid(`${key} must be a list of 1 to 10 scopes`);
    return scopes;
  },
  registrationResponse,
  authenticationResponse,
} satisfies { [K in FieldKind]: (body: Body, key: string) => FieldKinds[K] };

/** What each field kind's reader returns. */
export type ReadKinds = { [K in FieldKind]: ReturnType<(typeof READERS)[K]> };

/**
 * Reads a route's input as routes.ts declares it, in a fixed order that decides which error a bad
 * request gets: unknown fields first, then the path's `:id` (`not_found` when it cannot be one of our
 * ids), then each declared field with its reader, in the order of the declaration. A field whose kind
 * ends in `?` may be absent.
 */
export function readRouteBody<TRoute extends RouteName>(
  name: TRoute,
  body: Body,
  pathId?: string,
): BodyOf<TRoute, ReadKinds> {
  const spec: RouteSpec = ROUTES[name];
  const fields = spec.body ?? {};
  onlyFields(body, Object.keys(fields));
  if (name.includes('/:id') && !/^[A-Za-z0-9_-]{1,100}$/.test(pathId ?? '')) {
    throw new MfaError('not_found', 'no device with that id');
  }
  const read: Body = {};
  for (const [key, field] of Object.entries(fields)) {
    const optional = field.endsWith('?');
    const kind = (optional ? field.slice(0, -1) : field) as FieldKind;
    read[key] = optional && body[key] === undefined ? undefined : READERS[kind](body, key);
  }
  return read as BodyOf<TRoute, ReadKinds>;
}

export const tooLarge = () =>
  new MfaError('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);

/**
 * The body as text. At most {@link MAX_BODY_BYTES} bytes are read, whatever Content-Length says (it can
 * lie or be missing): `payload_too_large` past that, `invalid_request` when it is not UTF-8 or the client
 * broke off sending it.
 */
export async function readBody(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new MfaError('invalid_request', 'the body could not be read');
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      // Stop the sender instead of draining the rest; a failing cancel changes nothing for the answer.
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MfaError('invalid_request', 'the body is not UTF-8 text');
  }
}
