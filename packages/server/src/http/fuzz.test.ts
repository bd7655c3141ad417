/**
 * Rule 23 of docs/security.md: every endpoint answers malformed JSON, wrong types, oversized
 * bodies, unknown fields and unicode tricks with a 4xx and a typed error code, never a 500, and changes
 * nothing.
 *
 * The real server runs on PGlite with a user who has an authenticator app, a passkey, recovery codes, an
 * unfinished enrolment, a pending session and live elevated tokens, and a user without a factor who may
 * step up by re-authentication (docs/protocol.md §8) and has a live email code, SMS code and wallet
 * message, so fuzzed requests reach deep code. Every table is read before and after each request, and so
 * is every code the senders were given: a 400, 401, 403, 404 or 413 leaves every row as it was, and so
 * does every refused re-authentication request (also 409 reauth_unavailable, 410 expired, 429 rate_limited);
 * none sends a code. A well-formed verification that fails may only count the attempt (rate_limits); a
 * passkey verification also uses up its single-use challenge, and a wrong email or SMS code or wallet
 * signature also takes one try of the challenge it answered (`failures` of that one reauth_challenges row).
 */
import { PGlite } from '@electric-sql/pglite';
import {
  MAX_BODY_BYTES,
  type ProtocolErrorCode,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  RECOVERY_CODE_ALPHABET,
} from '@mfa-kit/client/protocol';
import fc from 'fast-check';
import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { getAddress } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStore } from '../pglite.js';
import {
  authenticate,
  type Forge,
  generateKeys,
  register,
  type SoftCredential,
} from '../test/authenticator.js';
import { type DbSnapshot, type QueryRows, snapshotTables, withoutTables } from '../test/db-snapshot.js';
import { createHarness, elevate, type Harness, ORIGIN, oathtool, userWithTotp } from '../test/harness.js';
import { expectProtocolError } from '../test/protocol-error.js';
import { alice, createOutbox, mallory, type Outbox } from '../test/reauth.js';

type Json = Record<string, unknown>;

const RATE_LIMITS = 'mfa_rate_limits';
const CHALLENGES = 'mfa_challenges';
const REAUTH_CHALLENGES = 'mfa_reauth_challenges';
/** Not a table: the codes the senders were given. A code that went out is a change like any other. */
const OUTBOX = 'outbox';
const SCOPES = ['wallet:export', 'wallet:transfer', 'credential:link', 'credential:unlink'];

// ---------------------------------------------------------------------------------------------------
// The world: a server on PGlite with realistic state, and a way to send raw requests to it.

interface World {
  h: Harness;
  snapshot: () => Promise<DbSnapshot>;
  /** Ada's completed access token. */
  token: string;
  /** Ada's pending access token (a second sign-in waiting for its second factor). */
  pending: string;
  /** Carol has no factor: she may start a passkey registration without elevation. */
  carol: string;
  totpId: string;
  passkeyId: string;
  credential: SoftCredential;
  /** An unfinished authenticator-app enrolment of Ada. */
  enrollmentId: string;
  recoveryCodes: string[];
  /** TOTP codes that would be accepted now; fuzzed codes avoid them. */
  validCodes: Set<string>;
  /** A well-formed TOTP code that is wrong now. */
  wrongCode: string;
  elevated: { link: string; unlink: string; export: string; bobLink: string };
  bobDeviceId: string;
  /** Access tokens the server must refuse (forged, of the wrong kind, or signed with another key). */
  forgedTokens: string[];
  /**
   * Dana has no factor, and a verified email address, phone number and linked wallet (alice's): she may
   * step up by re-authentication. `dana` is the session her live challenges belong to.
   */
  dana: string;
  /** Another session of Dana's: her challenges are not its to answer. */
  danaOther: string;
  /** Dana's live challenges. Her codes went out at the world's clock, so another send waits 30 s. */
  reauth: {
    email: LiveCode;
    sms: LiveCode;
    wallet: { challengeId: string; message: string; scopes: string[]; signature: string };
    /** A well-formed code that is neither live code. */
    wrongCode: string;
    /** Mallory's signature of the live wallet message. */
    wrongSignature: string;
    /** The linked wallet's signatures of other messages: another domain, nonce, chain, statement. */
    otherMessageSignatures: string[];
  };
  outbox: Outbox;
  /** Clears Ada's and Dana's failure counters and the wrong tries of Dana's live challenges. */
  reset: () => Promise<void>;
}

interface LiveCode {
  challengeId: string;
  /** The code the sender was given. */
  code: string;
  scopes: string[];
}

let w: World;

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

interface Outgoing {
  method: string;
  path: string;
  /** The whole Authorization header; left out when undefined. */
  authorization?: string | undefined;
  elevated?: string | undefined;
  body?: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined;
  headers?: Record<string, string> | undefined;
}

interface StreamingRequestInit extends RequestInit {
  duplex: 'half';
}

const bearer = (token: string) => `Bearer ${token}`;

async function send(request: Outgoing): Promise<Sent> {
  const headers = new Headers(request.headers);
  if (request.authorization !== undefined) headers.set('Authorization', request.authorization);
  if (request.elevated !== undefined) headers.set('X-Elevated-Token', request.elevated);
  if (request.body !== undefined && !headers.has('Content-Type'))
    headers.set('Content-Type', 'application/json');
  const init: StreamingRequestInit = { method: request.method, headers, duplex: 'half' };
  if (request.body !== undefined) init.body = request.body;
  const response = await w.h.server.fetch(new Request(`http://localhost${request.path}`, init));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * Sends one fuzzed request between two snapshots of every table. Ada's and Dana's failure counters and
 * the wrong tries of Dana's live challenges are cleared first, so that every request reaches the code it
 * fuzzes instead of a lock or a spent challenge.
 */
async function fuzz(request: Outgoing): Promise<{ reply: Sent; before: DbSnapshot; after: DbSnapshot }> {
  await w.reset();
  const before = await w.snapshot();
  const reply = await send(request);
  const after = await w.snapshot();
  return { reply, before, after };
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A 4xx with the protocol's error body, whose code belongs to its status; returns the code. */
function expectTypedError(reply: Sent): ProtocolErrorCode {
  expect(reply.status, reply.text).toBeLessThan(500);
  const body: unknown = JSON.parse(reply.text);
  return expectProtocolError({ status: reply.status, headers: reply.headers, body });
}

/**
 * Nothing but the named tables changed; the rate-limit table, when named, only by a first failure of
 * the user's counters (they were cleared before the request), never by a reset or a lock.
 */
function expectOnlyChanged(
  before: DbSnapshot,
  after: DbSnapshot,
  tables: readonly string[] = [],
  user = 'ada',
): void {
  expect(withoutTables(after, ...tables)).toEqual(withoutTables(before, ...tables));
  if (!tables.includes(RATE_LIMITS)) return;
  const rows = (after[RATE_LIMITS] ?? []).filter((row) => !(before[RATE_LIMITS] ?? []).includes(row));
  for (const row of rows) {
    const parsed: unknown = JSON.parse(row);
    expect(parsed).toMatchObject({ user_id: user, failures: 1, locked_until: null });
  }
  for (const row of before[RATE_LIMITS] ?? []) expect(after[RATE_LIMITS]).toContain(row);
}

const rowsOf = (snapshot: DbSnapshot, table: string) =>
  (snapshot[table] ?? [])
    .map((row): unknown => JSON.parse(row))
    .filter(isRecord)
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));

/**
 * All that a well-formed wrong email or SMS code or wallet signature may change, and it must change it:
 * Dana's counter for the method gains its first failure (mfa_rate_limits: one new row `user_id` dana,
 * `subject` reauth:email, reauth:sms or reauth:wallet, `failures` 1, `locked_until` null; every other
 * row as it was), and the challenge it answered takes one try (mfa_reauth_challenges: `failures` of
 * that row up by one; its hash, data, times and `closed` as they were, and every other row too).
 * Nothing else in any table, and nothing sent.
 */
function expectOnlyTried(
  before: DbSnapshot,
  after: DbSnapshot,
  { subject, challengeId }: { subject: string; challengeId: string },
): void {
  expect(withoutTables(after, RATE_LIMITS, REAUTH_CHALLENGES)).toEqual(
    withoutTables(before, RATE_LIMITS, REAUTH_CHALLENGES),
  );
  const added = (after[RATE_LIMITS] ?? []).filter((row) => !(before[RATE_LIMITS] ?? []).includes(row));
  expect(added.map((row): unknown => JSON.parse(row))).toEqual([
    { user_id: 'dana', subject, failures: 1, locked_until: null },
  ]);
  for (const row of before[RATE_LIMITS] ?? []) expect(after[RATE_LIMITS]).toContain(row);
  const tried = rowsOf(before, REAUTH_CHALLENGES).map((row) =>
    row.id === challengeId ? { ...row, failures: Number(row.failures) + 1 } : row,
  );
  expect(tried.some((row) => row.id === challengeId)).toBe(true);
  expect(rowsOf(after, REAUTH_CHALLENGES)).toEqual(tried);
}

// ---------------------------------------------------------------------------------------------------
// The routes and a body each accepts at the boundary (its secret values are wrong where it checks one).

type Kind =
  | 'name'
  | 'totp'
  | 'recovery'
  | 'otp'
  | 'address'
  | 'signature'
  | 'id'
  | 'scopes'
  | 'scope'
  | 'registration'
  | 'assertion';

interface Field {
  key: string;
  kind: Kind;
  required: boolean;
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `:id` stands for Ada's authenticator app. */
  path: string;
  fields: Field[];
  base: () => Json;
  elevation?: 'credential:link' | 'credential:unlink';
  /** Whose access token the route's requests carry: Ada's unless said. */
  caller?: () => string;
}

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A base64url text that decodes to nothing the server ever issued. */
const FOREIGN_CHALLENGE = 'bm90LWEtY2hhbGxlbmdlLW9mLXRoaXMtc2VydmVy';

const fakeRegistration = (): Json => ({
  id: 'AAECAwQFBgcICQoLDA0ODw',
  rawId: 'AAECAwQFBgcICQoLDA0ODw',
  type: 'public-key',
  response: {
    clientDataJSON: b64json({ type: 'webauthn.create', challenge: FOREIGN_CHALLENGE, origin: ORIGIN }),
    attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YUA',
    transports: ['internal'],
  },
  clientExtensionResults: {},
});

const fakeAssertion = (): Json => ({
  id: 'AAECAwQFBgcICQoLDA0ODw',
  rawId: 'AAECAwQFBgcICQoLDA0ODw',
  type: 'public-key',
  response: {
    clientDataJSON: b64json({ type: 'webauthn.get', challenge: FOREIGN_CHALLENGE, origin: ORIGIN }),
    authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
    signature: 'MEUCIQC',
  },
  clientExtensionResults: {},
});

const WRONG_RECOVERY_CODE = 'zzzzz-zzzzz';

const ROUTES: Route[] = [
  { method: 'GET', path: '/config', fields: [], base: () => ({}) },
  { method: 'GET', path: '/status', fields: [], base: () => ({}) },
  {
    method: 'POST',
    path: '/totp/enroll',
    fields: [{ key: 'name', kind: 'name', required: false }],
    base: () => ({ name: 'Phone' }),
    elevation: 'credential:link',
  },
  {
    method: 'POST',
    path: '/totp/enroll/verify',
    fields: [
      { key: 'deviceId', kind: 'id', required: true },
      { key: 'code', kind: 'totp', required: true },
    ],
    base: () => ({ deviceId: w.enrollmentId, code: w.wrongCode }),
  },
  {
    method: 'POST',
    path: '/passkey/register/options',
    fields: [{ key: 'name', kind: 'name', required: false }],
    base: () => ({ name: 'Security key' }),
    elevation: 'credential:link',
  },
  {
    method: 'POST',
    path: '/passkey/register/verify',
    fields: [
      { key: 'response', kind: 'registration', required: true },
      { key: 'name', kind: 'name', required: false },
    ],
    base: () => ({ response: fakeRegistration(), name: 'Security key' }),
  },
  {
    method: 'POST',
    path: '/verify/totp',
    fields: [
      { key: 'code', kind: 'totp', required: true },
      { key: 'deviceId', kind: 'id', required: false },
      { key: 'requestedScopes', kind: 'scopes', required: false },
    ],
    base: () => ({ code: w.wrongCode, deviceId: w.totpId, requestedScopes: ['wallet:export'] }),
  },
  {
    method: 'POST',
    path: '/verify/passkey/options',
    fields: [{ key: 'requestedScopes', kind: 'scopes', required: false }],
    base: () => ({ requestedScopes: ['wallet:export'] }),
  },
  {
    method: 'POST',
    path: '/verify/passkey',
    fields: [
      { key: 'response', kind: 'assertion', required: true },
      { key: 'requestedScopes', kind: 'scopes', required: false },
    ],
    base: () => ({ response: fakeAssertion(), requestedScopes: ['wallet:export'] }),
  },
  {
    method: 'POST',
    path: '/verify/recovery-code',
    fields: [
      { key: 'code', kind: 'recovery', required: true },
      { key: 'requestedScopes', kind: 'scopes', required: false },
    ],
    base: () => ({ code: WRONG_RECOVERY_CODE, requestedScopes: ['wallet:export'] }),
  },
  { method: 'GET', path: '/devices', fields: [], base: () => ({}) },
  {
    method: 'PATCH',
    path: '/devices/:id',
    fields: [{ key: 'name', kind: 'name', required: true }],
    base: () => ({ name: 'Renamed phone' }),
  },
  { method: 'DELETE', path: '/devices/:id', fields: [], base: () => ({}), elevation: 'credential:unlink' },
  { method: 'POST', path: '/recovery-codes', fields: [], base: () => ({}), elevation: 'credential:link' },
  { method: 'POST', path: '/recovery-codes/acknowledge', fields: [], base: () => ({}) },
  {
    method: 'POST',
    path: '/step-up/check',
    fields: [{ key: 'scope', kind: 'scope', required: true }],
    base: () => ({ scope: 'wallet:export' }),
  },
  // Step-up by re-authentication, as Dana, who may use it. A send that passes every check meets the
  // resend delay (her codes went out at the world's clock); the wallet address is mallory's, not hers.
  ...(['email-otp', 'sms-otp'] as const).flatMap((channel): Route[] => {
    const live = () => (channel === 'email-otp' ? w.reauth.email : w.reauth.sms);
    return [
      {
        method: 'POST',
        path: `/reauth/${channel}/send`,
        fields: [{ key: 'requestedScopes', kind: 'scopes', required: true }],
        base: () => ({ requestedScopes: ['wallet:export'] }),
        caller: () => w.dana,
      },
      {
        method: 'POST',
        path: `/verify/${channel}`,
        fields: [
          { key: 'challengeId', kind: 'id', required: true },
          { key: 'code', kind: 'otp', required: true },
          { key: 'requestedScopes', kind: 'scopes', required: true },
        ],
        base: () => ({
          challengeId: live().challengeId,
          code: w.reauth.wrongCode,
          requestedScopes: live().scopes,
        }),
        caller: () => w.dana,
      },
    ];
  }),
  {
    method: 'POST',
    path: '/verify/wallet/options',
    fields: [
      { key: 'requestedScopes', kind: 'scopes', required: true },
      { key: 'address', kind: 'address', required: true },
    ],
    base: () => ({ requestedScopes: ['wallet:export'], address: mallory.address }),
    caller: () => w.dana,
  },
  {
    method: 'POST',
    path: '/verify/wallet',
    fields: [
      { key: 'challengeId', kind: 'id', required: true },
      { key: 'signature', kind: 'signature', required: true },
    ],
    base: () => ({ challengeId: w.reauth.wallet.challengeId, signature: w.reauth.wrongSignature }),
    caller: () => w.dana,
  },
];

/** Gives a generated value a short description, so a failing run does not print a 64 KiB body. */
function shown<T extends object>(value: T, description: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => description });
}
for (const route of ROUTES) shown(route, `${route.method} ${route.path}`);

const BODY_ROUTES = ROUTES.filter((route) => route.method !== 'GET');
const GET_ROUTES = ROUTES.filter((route) => route.method === 'GET');
const ELEVATED_ROUTES = ROUTES.filter((route) => route.elevation !== undefined);
const pathOf = (route: Route) => route.path.replace(':id', w.totpId);
const callerOf = (route: Route) => route.caller?.() ?? w.token;
const nameOf = (route: Route) => `${route.method} ${route.path}`;

// ---------------------------------------------------------------------------------------------------
// Arbitraries.

/** Characters that make a TOTP code, an id, a scope or base64url text invalid wherever they stand. */
const TEXT_TRICKS = [
  ...['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b'], // C0, DEL, C1 controls
  ...['\ud800', '\udbff', '\udc00', '\udfff'], // lone surrogates
  ...['\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'], // bidi
  ...['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\u{e0001}', '\u{e0041}'], // zero-width, tags
  ...['\u2028', '\u2029', '\u3000', '\u00a0', '\ufeff'], // separators and odd spaces
  ...['０', '１', '９', '٣', '۴', '३', '১', '𝟙', '¹', '½', 'Ⅻ'], // digits of other scripts
  ...['\u0301', '\u0332', '\u20dd', '\ufe0f'], // combining marks, variation selector
  ...['📱', '👍🏽', '👨‍👩‍👧', '🇪🇺'], // emoji
  ...['\ufffd', '\ue000', '\u{10ffff}', '\u0378'], // replacement, private use, unassigned
  ...['ß', 'ı', 'İ', 'ſ', 'а', 'о'], // letters that case-map oddly or look Latin
];
/** Recovery codes drop whitespace anywhere, so whitespace is no trick there. */
const RECOVERY_TRICKS = TEXT_TRICKS.filter((trick) => !/\s/u.test(trick));
const ID_TRICKS = [
  ...TEXT_TRICKS,
  '/',
  '.',
  ' ',
  '%',
  '+',
  '=',
  ':',
  '"',
  "'",
  '\\',
  '?',
  '#',
  '&',
  ';',
  '*',
];
const SCOPE_TRICKS = [...TEXT_TRICKS, '/', '.', ' ', '%', '+', '=', 'A', '"', "'", '\\', '*'];
/** Characters a device name must never hold, wherever they stand (ZWJ is allowed inside a sequence). */
const NAME_TRICKS = [
  ...['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\t', '\n', '\r'],
  ...['\ud800', '\udbff', '\udc00', '\udfff'],
  ...['\u202e', '\u202d', '\u202a', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'],
  ...['\u200b', '\u200c', '\u2060', '\u00ad', '\ufeff', '\u180e', '\u{e0001}', '\u{e0041}'],
  ...['\u2028', '\u2029', '\ue000', '\u{f0000}', '\u{10ffff}', '\u0378'],
];
/** Names that show nothing, or hide what they show. */
const INVISIBLE_NAMES = [
  '',
  '   ',
  '\u3000',
  '\u200d',
  '\u200d\u200d',
  ' \u200d ',
  'Phone\u200d',
  '\u200dPhone',
  'Pho \u200dne',
  'Pho\u200d\u200dne',
  '\u0301',
  '\u0301\u0301\u0301',
  '\ufe0f',
  '\u3164',
  '\u115f\u1160',
  '\uffa0',
  '\u2800\u2800',
];

/**
 * Characters that pass for a hex digit or the `x` of `0x` to a reader: Cyrillic, Greek, fullwidth,
 * mathematical and other scripts' letters and digits, and the ASCII letters just past `f`.
 */
const HEX_LOOKALIKES = [
  ...['а', 'Ь', 'ь', 'с', 'С', 'е', 'Е', 'О', 'о', 'х', 'Х'], // Cyrillic a b c e o x
  ...['ο', 'Ο', 'Α', 'Β', 'Ε', 'χ'], // Greek o, A, B, E, chi
  ...['ａ', 'ｆ', 'Ｆ', '０', '９', 'ｘ'], // fullwidth
  ...['𝟎', '𝐚', '٠', '۰', '০', '߀'], // mathematical bold, Arabic-Indic, Bengali, NKo zeros
  ...['g', 'G', 'O', 'l', 'I', '×'],
];

/** The linked wallet's 40 hex digits, lowercase. */
const LINKED_HEX = alice.address.slice(2).toLowerCase();

/** An address spelled with `hex` (40 hex digits): any letter case, the EIP-55 one or a wrong one. */
function spelled(hex: string): fc.Arbitrary<string> {
  const lower = hex.toLowerCase();
  const checksum = getAddress(`0x${lower}`);
  const flipped = `0x${[...checksum.slice(2)].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('')}`;
  return fc.oneof(
    fc.constantFrom(`0x${lower}`, `0x${lower.toUpperCase()}`, checksum, flipped),
    fc
      .array(fc.boolean(), { minLength: 40, maxLength: 40 })
      .map((upper) => `0x${[...lower].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')}`),
  );
}

/** 40 hex digits that are no linked wallet's: random, the linked one with one digit changed, mallory's. */
const UNLINKED_HEX: fc.Arbitrary<string> = fc
  .oneof(
    fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => Buffer.from(bytes).toString('hex')),
    fc
      .tuple(fc.nat({ max: 39 }), fc.integer({ min: 1, max: 15 }))
      .map(
        ([at, delta]) =>
          `${LINKED_HEX.slice(0, at)}${((Number.parseInt(LINKED_HEX[at] ?? '0', 16) + delta) % 16).toString(16)}${LINKED_HEX.slice(at + 1)}`,
      ),
    fc.constantFrom(mallory.address.slice(2).toLowerCase(), '0'.repeat(40), 'f'.repeat(40)),
  )
  .filter((hex) => hex !== LINKED_HEX);

const hexOfBytes = (minLength: number, maxLength: number) =>
  fc.uint8Array({ minLength, maxLength }).map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`);

const replaceAt = (text: string, at: number, by: string) => `${text.slice(0, at)}${by}${text.slice(at + 1)}`;

const insertInside = (text: string, trick: string, position: number) => {
  const at = 1 + (position % Math.max(1, text.length - 1));
  return `${text.slice(0, at)}${trick}${text.slice(at)}`;
};
const tricked = (text: string, tricks: readonly string[]) =>
  fc.tuple(fc.constantFrom(...tricks), fc.nat()).map(([trick, at]) => insertInside(text, trick, at));

const NON_STRING: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);
const NON_OBJECT: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
);
const NOT_B64URL: fc.Arbitrary<unknown> = fc.oneof(tricked('AAECAwQFBgcI', ID_TRICKS), NON_STRING);

const MISSING = Symbol('missing');
type Edit = unknown;

/**
 * A copy of `value` with `path` set to `next` (or removed when `next` is MISSING). Only the objects on the
 * path are copied, so deeply nested junk elsewhere in the body is never walked.
 */
function setIn(value: Json, path: readonly string[], next: Edit): Json {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const copy: Json = { ...value };
  if (rest.length === 0) {
    if (next === MISSING) Reflect.deleteProperty(copy, key);
    else copy[key] = next;
    return copy;
  }
  const child = value[key];
  if (isRecord(child)) copy[key] = setIn(child, rest, next);
  return copy;
}

/** Breaks a WebAuthn credential somewhere the boundary checks it. */
function brokenCredential(kind: 'registration' | 'assertion'): fc.Arbitrary<(credential: Json) => Json> {
  const at = (path: string[], values: fc.Arbitrary<Edit>) =>
    values.map((value) => (credential: Json) => setIn(credential, path, value));
  const missingOr = (values: fc.Arbitrary<Edit>) => fc.oneof(fc.constant<Edit>(MISSING), values);
  const clientData = fc.oneof(
    NOT_B64URL,
    fc.constant(''),
    fc
      .string({ unit: 'binary', maxLength: 30 })
      .filter((text) => !parses(text))
      .map((text) => Buffer.from(text).toString('base64url')),
    fc.constantFrom('A', 'AAAAA', '_w', '__8'), // not JSON, not even whole bytes
    fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('base64url')), // not UTF-8
    NON_OBJECT.map(b64json),
    fc.constant(b64json({ type: 'webauthn.get', origin: ORIGIN })),
    NON_STRING.map((challenge) => b64json({ type: 'webauthn.get', challenge, origin: ORIGIN })),
    tricked(FOREIGN_CHALLENGE, ID_TRICKS).map((challenge) => b64json({ type: 'webauthn.get', challenge })),
    fc.constantFrom('', 'A'.repeat(1025)).map((challenge) => b64json({ type: 'webauthn.get', challenge })),
  );
  const common = [
    at(['id'], missingOr(fc.oneof(NOT_B64URL, fc.constant(''), fc.constant('A'.repeat(1025))))),
    at(['rawId'], missingOr(fc.oneof(NOT_B64URL, fc.constant('')))),
    at(
      ['type'],
      missingOr(
        fc.oneof(
          NON_STRING,
          fc.string().filter((type) => type !== 'public-key'),
        ),
      ),
    ),
    at(['response'], missingOr(NON_OBJECT)),
    at(['clientExtensionResults'], missingOr(NON_OBJECT)),
    at(['authenticatorAttachment'], NON_STRING),
    at(['response', 'clientDataJSON'], missingOr(clientData)),
  ];
  if (kind === 'registration') {
    return fc.oneof(
      ...common,
      at(['response', 'attestationObject'], missingOr(fc.oneof(NOT_B64URL, fc.constant('')))),
      at(
        ['response', 'transports'],
        fc.oneof(
          fc.constant<Edit>('usb'),
          fc.constant<Edit>(Array.from({ length: 11 }, () => 'usb')),
          NON_STRING.map((item) => ['usb', item]),
          fc.constant<Edit>(['u'.repeat(33)]),
          fc.constant<Edit>({ 0: 'usb' }),
        ),
      ),
    );
  }
  return fc.oneof(
    ...common,
    at(['response', 'authenticatorData'], missingOr(fc.oneof(NOT_B64URL, fc.constant('')))),
    at(['response', 'signature'], missingOr(fc.oneof(NOT_B64URL, fc.constant('')))),
    at(['response', 'userHandle'], NOT_B64URL),
  );
}

/** A value of the wrong JSON type for a field of this kind. */
function wrongType(kind: Kind): fc.Arbitrary<unknown> {
  if (kind === 'scopes') {
    return fc.oneof(
      fc.constant('wallet:export'),
      fc.constant([]),
      fc.constant(Array.from({ length: 11 }, () => 'wallet:export')),
      NON_STRING.filter((value) => !Array.isArray(value)),
      NON_STRING.map((value) => ['wallet:export', value]),
    );
  }
  if (kind === 'registration' || kind === 'assertion') return NON_OBJECT;
  return NON_STRING;
}

/** A string that looks right but holds something the field never accepts. */
function trickyValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'totp':
      return fc.oneof(
        tricked('123456', TEXT_TRICKS),
        fc.constantFrom(
          '１２３４５６',
          '١٢٣٤٥٦',
          '12345',
          '1234567',
          '12  3456',
          '12--3456',
          '-123456',
          'l23456',
        ),
      );
    case 'recovery':
      return fc.oneof(
        tricked('7kq2m-x9d4f', RECOVERY_TRICKS),
        fc.constantFrom(
          '7kq2m-x9d4',
          '7kq2m-x9d4ff',
          'uuuuu-uuuuu',
          '7kq2m_x9d4f',
          '7kq2m.x9d4f',
          '７ｋｑ２ｍ-ｘ９ｄ４ｆ',
        ),
      );
    case 'id':
      return fc.oneof(tricked('dev_abcdefgh', ID_TRICKS), fc.constantFrom('', '../dev_x', 'dev x'));
    case 'scope':
      return fc.oneof(
        tricked('wallet:export', SCOPE_TRICKS),
        fc.constantFrom(
          '',
          'wallet:nope',
          'Wallet:export',
          'requiresAdditionalAuth',
          'credential:link:x:y:z',
        ),
      );
    case 'scopes':
      return fc.oneof(
        tricked('wallet:export', SCOPE_TRICKS).map((scope) => [scope]),
        fc.constantFrom(['wallet:nope'], ['wallet:export', 'admin:all'], ['requiresAdditionalAuth'], ['']),
      );
    case 'name':
      return fc.oneof(tricked('My phone', NAME_TRICKS), fc.constantFrom(...INVISIBLE_NAMES));
    case 'otp':
      return fc.oneof(
        tricked('123456', TEXT_TRICKS),
        fc.constantFrom(
          '１２３４５６',
          '١٢٣٤٥٦',
          '12345',
          '1234567',
          '12 3456 7',
          '12  3456',
          '12--3456',
          '12 -3456',
          '-123456',
          '+123456',
          'l23456',
          '123,456',
          '123.456',
          '12_3456',
          '1e5',
          '0x1e240',
        ),
      );
    case 'address': {
      // The linked wallet itself, made unreadable: so only the breakage can be what is refused.
      const linked = alice.address;
      return fc.oneof(
        tricked(linked, TEXT_TRICKS),
        fc
          .tuple(fc.integer({ min: 0, max: 41 }), fc.constantFrom(...HEX_LOOKALIKES))
          .map(([at, by]) => replaceAt(linked, at, by)),
        fc.constantFrom(
          linked.slice(0, 41), // 39 digits
          `0x${LINKED_HEX.slice(0, 38)}`,
          `${linked}0`, // 41 digits
          LINKED_HEX, // no 0x
          `0X${LINKED_HEX}`,
          `0x0x${LINKED_HEX.slice(2)}`,
          `x${LINKED_HEX}`,
          ` ${linked}`,
          `${linked.slice(0, 41)} `,
          `${linked.slice(0, 41)}\n`,
          `eip155:8453:${linked}`,
          `${linked}@8453`,
          'alice.eth',
          '0x',
        ),
      );
    }
    case 'signature': {
      const signature = w.reauth.wrongSignature;
      return fc.oneof(
        tricked(signature, TEXT_TRICKS),
        fc
          .tuple(fc.integer({ min: 0, max: signature.length - 1 }), fc.constantFrom(...HEX_LOOKALIKES))
          .map(([at, by]) => replaceAt(signature, at, by)),
        fc.constantFrom(
          '0x',
          '0x0',
          signature.slice(0, -1), // an odd number of digits
          `${signature}0`,
          signature.slice(2), // no 0x
          `0X${signature.slice(2)}`,
          ` ${signature}`,
          `${signature}\n`,
          Buffer.from(signature.slice(2), 'hex').toString('base64'),
          Buffer.from(signature.slice(2), 'hex').toString('base64url'),
          JSON.stringify({ r: signature.slice(0, 66), s: `0x${signature.slice(66, 130)}`, v: 27 }),
          `0x${'zz'.repeat(65)}`,
        ),
      );
    }
    case 'registration':
    case 'assertion':
      return fc.constant(undefined); // handled by brokenCredential
  }
}

/** A string too long for the field: over its limit, and sometimes over the 64 KiB body limit. */
function overlong(kind: Kind): fc.Arbitrary<unknown> {
  const limit: Record<Kind, number> = {
    totp: 32,
    recovery: 64,
    otp: 32,
    address: 42,
    signature: 12_000,
    id: 100,
    scope: 100,
    name: 64,
    scopes: 0,
    registration: 0,
    assertion: 0,
  };
  const filler = kind === 'totp' || kind === 'otp' ? '1' : kind === 'id' ? 'a' : 'x';
  const length = fc.oneof(
    fc.integer({ min: limit[kind] + 1, max: limit[kind] + 3000 }),
    fc.integer({ min: MAX_BODY_BYTES, max: 2 * MAX_BODY_BYTES }),
  );
  // Hex after 0x, so that only the length is wrong.
  if (kind === 'address') return length.map((n) => `0x${'a'.repeat(n - 2)}`);
  if (kind === 'signature') return length.map((n) => `0x${'ab'.repeat(Math.ceil((n - 2) / 2))}`);
  if (kind === 'scopes') {
    return fc.oneof(
      fc.integer({ min: 11, max: 200 }).map((n) => Array.from({ length: n }, () => 'wallet:export')),
      fc.integer({ min: 200, max: 90_000 }).map((n) => ['w'.repeat(n)]),
    );
  }
  if (kind === 'registration' || kind === 'assertion') {
    return fc.oneof(
      fc.integer({ min: 1025, max: 5000 }).map((n) => ({ ...fakeAssertion(), id: 'A'.repeat(n) })),
      fc
        .integer({ min: 16_385, max: 90_000 })
        .map((n) =>
          setIn(
            kind === 'registration' ? fakeRegistration() : fakeAssertion(),
            ['response', 'clientDataJSON'],
            'A'.repeat(n),
          ),
        ),
    );
  }
  return length.map((n) => filler.repeat(n));
}

/** A key no route defines, including ones that look like a defined key. */
function unknownKey(route: Route): fc.Arbitrary<string> {
  const known = route.fields.map((field) => field.key);
  return fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        '',
        'Name',
        'name ',
        'nаme', // Cyrillic а
        'code\u0000',
        'requestedScope',
        'scopes',
        'deviceID',
        'userId',
        'sub',
        'elevatedToken',
        'response\u200b',
        // Re-authentication: a destination, a wallet or a message of the client's own (rule 29, rule 31).
        'to',
        'email',
        'phone',
        'sentTo',
        'challengeID',
        'challenge_id',
        'Code',
        'Address',
        'chainId',
        'message',
        'nonce',
        'signatures',
      ),
    )
    .filter((key) => !known.includes(key));
}

interface BodyCase {
  label: string;
  body: string | Uint8Array<ArrayBuffer>;
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
/** The server reads a body of JSON whitespace only (after a byte order mark) as `{}`. */
const blank = (text: string) => /^[ \t\r\n]*$/.test(text.replace(/^\ufeff/, ''));

/** Whole bodies that are not a JSON object: malformed, another JSON type, nested junk, not UTF-8. */
const NOT_AN_OBJECT: fc.Arbitrary<BodyCase> = fc.oneof(
  fc
    .string({ unit: 'binary', maxLength: 60 })
    .filter((text) => !blank(text) && !parses(text))
    .map((body) => ({ label: 'malformed JSON', body })),
  fc
    .constantFrom(
      '{',
      '}',
      '{"name":}',
      "{'name':'x'}",
      '{name:"x"}',
      '{"name":"x",}',
      '[1,]',
      'NaN',
      'undefined',
      '{"a":1}{"b":2}',
      '{"name":"a\u0000b"}', // a raw control character inside a string
      '{"name":"\\x41"}',
      '{"name":01}',
      '/*x*/{}',
      '{}//',
      '\ufeff\ufeff{}',
      '\u00a0',
      '\u3000{}',
      '{"code":"123456"',
    )
    .map((body) => ({ label: 'malformed JSON', body })),
  fc
    .jsonValue({ maxDepth: 3 })
    .filter((value) => !isRecord(value))
    .map((value) => ({ label: 'JSON that is not an object', body: JSON.stringify(value) })),
  fc
    .integer({ min: 100, max: 30_000 })
    .map((depth) => ({ label: 'deeply nested arrays', body: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
  fc
    .constantFrom(
      [0xff],
      [0xc3, 0x28],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    )
    .map((bytes) => ({
      label: 'not UTF-8',
      body: new Uint8Array([...Buffer.from('{"name":"'), ...bytes, ...Buffer.from('"}')]),
    })),
);

type Mutation = { label: string; apply: (body: Json) => Json };

/** One change that makes a route's body invalid, whatever else it holds. */
function mutation(route: Route): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [
    fc.tuple(unknownKey(route), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({
      label: `unknown field ${JSON.stringify(key)}`,
      apply: (body: Json) => ({ ...body, [key]: value }),
    })),
  ];
  const required = route.fields.filter((field) => field.required);
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((field) => ({
        label: `missing ${field.key}`,
        apply: (body: Json) => setIn(body, [field.key], MISSING),
      })),
    );
  }
  for (const field of route.fields) {
    const set = (label: string) => (value: unknown) => ({
      label: `${label} ${field.key}`,
      apply: (body: Json) => setIn(body, [field.key], value),
    });
    options.push(wrongType(field.kind).map(set('wrong type for')));
    options.push(overlong(field.kind).map(set('overlong')));
    if (field.kind === 'registration' || field.kind === 'assertion') {
      options.push(
        brokenCredential(field.kind).map((breakIt) => ({
          label: `broken ${field.key}`,
          apply: (body: Json) => {
            const credential = body[field.key];
            return isRecord(credential) ? { ...body, [field.key]: breakIt(credential) } : body;
          },
        })),
      );
      options.push(
        fc
          .integer({ min: 100, max: 1000 })
          .map((depth) =>
            set('nested junk in')(
              setIn(
                field.kind === 'registration' ? fakeRegistration() : fakeAssertion(),
                ['response'],
                JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`),
              ),
            ),
          ),
      );
    } else {
      options.push(trickyValue(field.kind).map(set('tricky')));
    }
  }
  return fc.oneof(...options);
}

/** A body the route must refuse: a broken whole, or its accepted body with one to three breaking changes. */
function brokenBody(route: Route): fc.Arbitrary<BodyCase> {
  const mutated = fc.array(mutation(route), { minLength: 1, maxLength: 3 }).map((mutations) => ({
    label: mutations.map((m) => m.label).join(', '),
    body: JSON.stringify(mutations.reduce((body, m) => m.apply(body), route.base())),
  }));
  return fc
    .oneof({ weight: 1, arbitrary: NOT_AN_OBJECT }, { weight: 3, arbitrary: mutated })
    .map((c) => shown(c, `${c.label}: ${preview(c.body)}`));
}

function preview(body: string | Uint8Array): string {
  const text = typeof body === 'string' ? body : `bytes ${Buffer.from(body).toString('hex')}`;
  return text.length <= 300
    ? JSON.stringify(text)
    : `${JSON.stringify(text.slice(0, 300))}… (${byteLength(body)} bytes)`;
}

const byteLength = (body: string | Uint8Array) =>
  typeof body === 'string' ? Buffer.byteLength(body) : body.length;

// ---------------------------------------------------------------------------------------------------

beforeAll(async () => {
  const db = new PGlite();
  const query: QueryRows = async (sql, params = []) => (await db.query<Json>(sql, params)).rows;
  const outbox = createOutbox();
  const h = createHarness({
    store: createPgliteStore({ db }),
    policy: {
      actions: {
        'wallet:export': {},
        'wallet:transfer': { singleUse: false },
        // Only a wallet signature steps this up: a code for it is refused.
        'profile:email': { reauth: { methods: ['wallet'] } },
      },
    },
    // Ada has an email address, but a factor: under the default policy she must use the factor.
    getUserContacts: (userId) =>
      userId === 'dana'
        ? {
            email: 'dana@example.com',
            phone: '+4915112345678',
            wallets: [{ address: alice.address, chainId: 8453 }],
          }
        : userId === 'ada'
          ? { email: 'ada@example.com' }
          : {},
    senders: outbox.senders,
  });
  const call = async <T>(...args: Parameters<Harness['call']>) => {
    const reply = await h.call<T>(...args);
    if (reply.status >= 300)
      throw new Error(`${args[0]} ${args[1]}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };

  const ada = await userWithTotp(h, 'ada');
  await call('POST', '/recovery-codes/acknowledge', { token: ada.token });
  const link = await elevate(h, ada.token, ada.secret, ['credential:link']);
  const creation = await call<{ options: PublicKeyCredentialCreationOptionsJSON }>(
    'POST',
    '/passkey/register/options',
    { token: ada.token, elevated: link, body: { name: 'Laptop' } },
  );
  const { credential, response } = await register(creation.options);
  const passkey = await call<{ device: { id: string } }>('POST', '/passkey/register/verify', {
    token: ada.token,
    body: { response },
  });
  // One honest assertion, so the stored signature counter is above zero and a lower one is a clone.
  const request = await call<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    'POST',
    '/verify/passkey/options',
    {
      token: ada.token,
      body: { requestedScopes: ['wallet:transfer'] },
    },
  );
  await call('POST', '/verify/passkey', {
    token: ada.token,
    body: { response: await authenticate(credential, request.options), requestedScopes: ['wallet:transfer'] },
  });
  const spareLink = await elevate(h, ada.token, ada.secret, ['credential:link']);
  const enrollment = await call<{ deviceId: string; secret: string }>('POST', '/totp/enroll', {
    token: ada.token,
    elevated: spareLink,
    body: { name: 'Spare phone' },
  });

  const bob = await userWithTotp(h, 'bob');
  const bobLink = await elevate(h, bob.token, bob.secret, ['credential:link']);
  const carol = await h.signIn('carol');

  // Live elevated tokens, a live passkey challenge and a pending session: the fuzz must leave them all.
  const elevated = {
    link: await elevate(h, ada.token, ada.secret, ['credential:link']),
    unlink: await elevate(h, ada.token, ada.secret, ['credential:unlink']),
    export: await elevate(h, ada.token, ada.secret, ['wallet:export']),
    bobLink,
  };
  await call('POST', '/verify/passkey/options', {
    token: ada.token,
    body: { requestedScopes: ['wallet:export'] },
  });
  const pending = await h.signIn('ada');

  // Dana's live challenges: an email code, an SMS code (for two scopes) and a wallet message. Made last:
  // the clock stays where it is from here on, so her next send waits for the resend delay.
  const dana = await h.signIn('dana');
  const sendCode = async (channel: 'email-otp' | 'sms-otp', scopes: string[]): Promise<LiveCode> => {
    const sent = await call<{ challengeId: string }>('POST', `/reauth/${channel}/send`, {
      token: dana,
      body: { requestedScopes: scopes },
    });
    return { challengeId: sent.challengeId, code: outbox.last().code, scopes };
  };
  const email = await sendCode('email-otp', ['wallet:export']);
  const sms = await sendCode('sms-otp', ['wallet:export', 'wallet:transfer']);
  // Asked for in lowercase, as docs/protocol.md §8.3 shows: any letter case names the linked wallet.
  const walletOptions = await call<{ challengeId: string; message: string }>(
    'POST',
    '/verify/wallet/options',
    {
      token: dana,
      body: { requestedScopes: ['profile:email'], address: alice.address.toLowerCase() },
      headers: { Origin: ORIGIN },
    },
  );
  const { message } = walletOptions;
  const otherMessages = [
    message.replace('localhost:5173 wants you', 'evil.example wants you'),
    message.replace(/Nonce: [0-9a-f]+/, `Nonce: ${'0'.repeat(32)}`),
    message.replace('Chain ID: 8453', 'Chain ID: 1'),
    message.replace('Confirm profile:email', 'Confirm wallet:export'),
  ];
  expect(new Set([message, ...otherMessages]).size).toBe(1 + otherMessages.length);
  const danaOther = await h.signIn('dana');

  const now = h.clock.now();
  const validCodes = new Set(
    [ada.secret, bob.secret, enrollment.secret].flatMap((secret) =>
      [-30_000, 0, 30_000].map((offset) => oathtool(secret, now + offset)),
    ),
  );
  const wrongCode =
    ['000000', '111111', '222222', '333333'].find((code) => !validCodes.has(code)) ?? '444444';

  const jwks = await call<{ keys: Array<{ kid?: string }> }>('GET', '/.well-known/jwks.json');
  const kid = jwks.keys[0]?.kid ?? 'none';
  const claims = { sub: 'ada', sid: 'ses_forged', scope: '', amr: ['pwd', 'otp', 'mfa'] };
  const other = await generateKeyPair('ES256');
  const signed = (header: Record<string, unknown>, key: CryptoKey | Uint8Array) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid, ...header })
      .setIssuer('https://wallet.example')
      .setAudience('acme-wallet')
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 600)
      .sign(key);
  const unsigned = (header: Record<string, unknown>) =>
    `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify({ ...claims, iss: 'https://wallet.example', aud: 'acme-wallet', exp: Math.floor(now / 1000) + 600 }))}.`;
  const [head = '', payload = '', signature = ''] = ada.token.split('.');
  const forgedTokens = [
    await signed({}, other.privateKey), // signed with a key the server does not have
    await signed({ jwk: await exportJWK(other.publicKey) }, other.privateKey), // brings its own key
    await signed({ alg: 'HS256' }, new TextEncoder().encode(JSON.stringify(jwks.keys[0]))), // HS/ES confusion
    unsigned({ alg: 'none', typ: 'at+jwt' }),
    unsigned({ alg: 'none', typ: 'at+jwt', kid }),
    elevated.export, // an elevated token is never an access token
    `${head}.${payload}`,
    `${head}.${payload}.`,
    `${head}..${signature}`,
    `${payload}.${head}.${signature}`,
    `${head}.${base64url.encode(JSON.stringify({ ...claims, iss: 'https://wallet.example', aud: 'acme-wallet' }))}.${signature}`,
    `${ada.token}.${signature}`,
    'A'.repeat(8000),
  ];

  w = {
    h,
    snapshot: async () => ({
      ...(await snapshotTables(query)),
      [OUTBOX]: outbox.sent.map((sent) => JSON.stringify(sent)),
    }),
    token: ada.token,
    pending,
    carol,
    totpId: ada.deviceId,
    passkeyId: passkey.device.id,
    credential,
    enrollmentId: enrollment.deviceId,
    recoveryCodes: ada.recoveryCodes,
    validCodes,
    wrongCode,
    elevated,
    bobDeviceId: bob.deviceId,
    forgedTokens,
    dana,
    danaOther,
    reauth: {
      email,
      sms,
      wallet: {
        challengeId: walletOptions.challengeId,
        message,
        scopes: ['profile:email'],
        signature: await alice.signMessage({ message }),
      },
      wrongCode:
        ['000000', '111111', '222222'].find((code) => code !== email.code && code !== sms.code) ?? '',
      wrongSignature: await mallory.signMessage({ message }),
      otherMessageSignatures: await Promise.all(
        otherMessages.map((other) => alice.signMessage({ message: other })),
      ),
    },
    outbox,
    // One statement, since it runs before every fuzzed request: what `unlockUser` does for Ada and Dana,
    // and the wrong tries of Dana's challenges back to where a new code or message starts (the server
    // has no call for that).
    reset: async () => {
      await query(
        `WITH unlocked AS (DELETE FROM ${RATE_LIMITS} WHERE user_id IN ('ada', 'dana'))
         UPDATE ${REAUTH_CHALLENGES} SET failures = 0 WHERE user_id = 'dana' AND failures > 0`,
      );
    },
  };
});

describe('the fuzz world', () => {
  it.each(BODY_ROUTES.map((route) => [nameOf(route), route] as const))(
    '[rule 23] accepts the unbroken body of %s at the boundary, so refusals below come from the breakage',
    async (_name, route) => {
      const reply = await send({
        method: route.method,
        path: pathOf(route),
        authorization: bearer(callerOf(route)),
        body: JSON.stringify(route.base()),
      });
      expect(reply.status, reply.text).not.toBe(400);
      expect(reply.status, reply.text).toBeLessThan(500);
      // Dana's codes and wallet message stay the live ones: her unbroken bodies are refused too (a send
      // too soon, a wrong code or signature, an address not hers), by a 4xx other than 400.
      if (route.caller) expect(reply.status, reply.text).toBeGreaterThanOrEqual(400);
    },
  );
});

describe('[rule 23] broken bodies', () => {
  it.each(BODY_ROUTES.map((route) => [nameOf(route), route] as const))(
    '[rule 23] answers malformed JSON, wrong types, unknown, missing and overlong fields and unicode tricks on %s with 400 (413 over 64 KiB) and changes nothing',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(brokenBody(route), async ({ label, body }) => {
          const { reply, before, after } = await fuzz({
            method: route.method,
            path: pathOf(route),
            authorization: bearer(callerOf(route)),
            body,
          });
          const code = expectTypedError(reply);
          const tooLarge = byteLength(body) > MAX_BODY_BYTES;
          expect(code, `${label}: ${reply.text}`).toBe(tooLarge ? 'payload_too_large' : 'invalid_request');
          expectOnlyChanged(before, after);
        }),
        { numRuns: 100 },
      );
    },
  );

  it.each(GET_ROUTES.map((route) => [nameOf(route), route] as const))(
    '[rule 23] answers %s with junk query strings and headers without a 5xx and changes nothing',
    async (_name, route) => {
      const junk = fc.string({
        unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary', maxLength: 40 }),
          junk,
          fc.boolean(),
          async (query, header, pendingToken) => {
            const { reply, before, after } = await fuzz({
              method: 'GET',
              path: `${pathOf(route)}?${encodeURIComponent(query)}=${encodeURIComponent(query)}`,
              authorization: bearer(pendingToken && route.path === '/config' ? w.pending : w.token),
              elevated: header,
              headers: { 'Content-Type': header, Accept: header },
            });
            expect(reply.status, reply.text).toBe(200);
            expect(reply.headers.get('Cache-Control')).toBe('no-store');
            expect(isRecord(JSON.parse(reply.text))).toBe(true);
            expectOnlyChanged(before, after);
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});

describe('[rule 23] bodies over 64 KiB', () => {
  const transport = fc.constantFrom(
    'honest Content-Length',
    'lying Content-Length',
    'garbage Content-Length',
    'stream',
  );
  const oversized = fc.oneof(
    fc
      .integer({ min: MAX_BODY_BYTES - 10, max: 3 * MAX_BODY_BYTES })
      .map((n) => JSON.stringify({ name: 'x'.repeat(n) })),
    fc.integer({ min: MAX_BODY_BYTES + 1, max: 2 * MAX_BODY_BYTES }).map((n) => ' '.repeat(n)),
    fc
      .integer({ min: MAX_BODY_BYTES / 2 + 1, max: MAX_BODY_BYTES })
      .map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc
      .integer({ min: MAX_BODY_BYTES / 4 + 1, max: MAX_BODY_BYTES })
      .map((n) => JSON.stringify({ name: '📱'.repeat(n) })),
  );

  function request(
    route: Route,
    text: string,
    how: string,
    chunk: number,
    token: string | undefined,
  ): Outgoing {
    const bytes = new TextEncoder().encode(text);
    const base = { method: route.method, path: pathOf(route), authorization: token && bearer(token) };
    if (how === 'honest Content-Length') {
      return { ...base, body: text, headers: { 'Content-Length': String(bytes.length) } };
    }
    if (how === 'lying Content-Length') {
      return { ...base, body: text, headers: { 'Content-Length': String(chunk % 1000) } };
    }
    if (how === 'garbage Content-Length') {
      return {
        ...base,
        body: text,
        headers: { 'Content-Length': ['abc', '-1', '1e9', '0x10', ''][chunk % 5] ?? '' },
      };
    }
    const size = 1 + (chunk % 20_000);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
        controller.close();
      },
    });
    return { ...base, body: stream };
  }

  it('[rule 23] answers every route with 413 payload_too_large when the body is over 64 KiB, whether Content-Length is honest, lying, garbage or missing, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BODY_ROUTES),
        oversized.map((text) => shown({ text }, preview(text))),
        transport,
        fc.nat(),
        async (route, { text }, how, chunk) => {
          expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_BODY_BYTES);
          const { reply, before, after } = await fuzz(request(route, text, how, chunk, callerOf(route)));
          expect(expectTypedError(reply), `${nameOf(route)} with ${how}`).toBe('payload_too_large');
          expectOnlyChanged(before, after);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('[rule 23] answers a body whose stream breaks off with 400 invalid_request on every route and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BODY_ROUTES),
        fc.nat({ max: 2 * MAX_BODY_BYTES }),
        async (route, sent) => {
          const text = JSON.stringify(route.base());
          const stream = new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(text.slice(0, sent % (text.length + 1))));
              controller.error(new Error('the client went away'));
            },
          });
          const { reply, before, after } = await fuzz({
            method: route.method,
            path: pathOf(route),
            authorization: bearer(callerOf(route)),
            body: stream,
          });
          expect(expectTypedError(reply)).toBe('invalid_request');
          expectOnlyChanged(before, after);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('[rule 23] refuses a declared size over 64 KiB before it looks at the access token', async () => {
    for (const route of BODY_ROUTES) {
      const text = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
      const { reply, before, after } = await fuzz(
        request(route, text, 'honest Content-Length', 0, undefined),
      );
      expect(expectTypedError(reply)).toBe('payload_too_large');
      expectOnlyChanged(before, after);
    }
  });

  it('[rule 23] reads a body of exactly 64 KiB and refuses one byte more, on every transport', async () => {
    const route = ROUTES.find((r) => r.path === '/step-up/check');
    if (!route) throw new Error('no step-up route');
    const exactly = (size: number) => {
      const head = '{"scope":"wallet:export"}';
      return `${head}${' '.repeat(size - head.length)}`;
    };
    for (const how of ['honest Content-Length', 'stream', 'lying Content-Length']) {
      const ok = await send(request(route, exactly(MAX_BODY_BYTES), how, 7, w.token));
      expect(ok.status, `${how}: ${ok.text}`).toBe(200);
      const over = await fuzz(request(route, exactly(MAX_BODY_BYTES + 1), how, 7, w.token));
      expect(expectTypedError(over.reply), how).toBe('payload_too_large');
      expectOnlyChanged(over.before, over.after);
    }
  });
});

describe('[rule 23] access tokens', () => {
  const latin1 = fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 200,
  });
  const b64urlText = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
    minLength: 1,
    maxLength: 400,
  });
  /** Ada's token with one character changed (never the last, whose low bits may not count). */
  const flipped = fc.nat().map((n) => {
    const at = n % (w.token.length - 1);
    const original = w.token[at];
    const replacement = original === 'A' ? 'B' : original === '.' ? '_' : 'A';
    return `${w.token.slice(0, at)}${replacement}${w.token.slice(at + 1)}`;
  });
  const authorization = fc.oneof(
    fc.constant(undefined),
    latin1,
    latin1.map((text) => `Bearer ${text}`),
    b64urlText.map((text) => `Bearer ${text}`),
    flipped.map(bearer),
    fc.nat().map((n) => bearer(w.forgedTokens[n % w.forgedTokens.length] ?? '')),
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic YWRhOnNlY3JldA==',
      'Token abc',
      'Bearer a b',
      'Bearer "abc"',
      'Bearer abc,def',
      'bearer garbage',
      'BEARER garbage',
    ),
    fc.constant(undefined).map(() => `Bearer ${w.token} ${w.token}`),
    fc.constant(undefined).map(() => `Basic ${w.token}`),
    fc.constant(undefined).map(() => `Bearer ${w.token}, Bearer ${w.token}`),
  );

  it('[rule 23] answers every authenticated route with 401 and WWW-Authenticate for a missing, malformed, forged or foreign token and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), authorization, async (route, header) => {
        const { reply, before, after } = await fuzz({
          method: route.method,
          path: pathOf(route),
          authorization: header,
          body: route.method === 'GET' ? undefined : JSON.stringify(route.base()),
        });
        expect(expectTypedError(reply), `${nameOf(route)} with ${String(header).slice(0, 80)}`).toBe(
          'unauthorized',
        );
        expectOnlyChanged(before, after);
      }),
      { numRuns: 250 },
    );
  });

  it('[rule 23] serves the public keys whatever Authorization header comes with the request', async () => {
    await fc.assert(
      fc.asyncProperty(authorization, async (header) => {
        const reply = await send({ method: 'GET', path: '/.well-known/jwks.json', authorization: header });
        expect(reply.status).toBe(200);
        const body: unknown = JSON.parse(reply.text);
        expect(isRecord(body) && Array.isArray(body.keys)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('[rule 23] elevated tokens', () => {
  it.each(ELEVATED_ROUTES.map((route) => [nameOf(route), route] as const))(
    '[rule 23] answers %s with 403 elevation_required for a missing, garbage, foreign or wrong-scope elevated token and consumes nothing',
    async (_name, route) => {
      const needed = route.elevation ?? 'credential:link';
      const wrong = () => [
        w.token,
        w.elevated.export,
        w.elevated.bobLink,
        needed === 'credential:link' ? w.elevated.unlink : w.elevated.link,
        ...w.forgedTokens,
      ];
      const header = fc.oneof(
        fc.constant(undefined),
        fc.string({
          unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)),
          maxLength: 300,
        }),
        fc.nat().map((n) => {
          const tokens = wrong();
          return tokens[n % tokens.length];
        }),
      );
      await fc.assert(
        fc.asyncProperty(header, async (elevated) => {
          const { reply, before, after } = await fuzz({
            method: route.method,
            path: pathOf(route),
            authorization: bearer(w.token),
            elevated,
            body: JSON.stringify(route.base()),
          });
          expect(expectTypedError(reply)).toBe('elevation_required');
          expect(JSON.parse(reply.text)).toMatchObject({ error: { scopes: [needed] } });
          expectOnlyChanged(before, after);
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe('[rule 23] paths', () => {
  const deviceRoutes = ROUTES.filter((route) => route.path === '/devices/:id');
  const junkId = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }).map(encodeURIComponent),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/),
    fc.constantFrom(
      '%00',
      '%2e%2e',
      '..%2Fstatus',
      'dev_%E2%80%AE',
      '%F0%9F%93%B1',
      '%ZZ',
      '%',
      'a'.repeat(101),
    ),
    fc.constant(undefined).map(() => w.bobDeviceId),
    fc.constant(undefined).map(() => `${w.totpId}%00`),
    fc.constant(undefined).map(() => `${w.totpId}/x`),
    fc.constant(undefined).map(() => w.totpId.toUpperCase()),
  );

  it('[rule 23] answers PATCH and DELETE of a device id that is malformed, unknown or another user’s with 404 and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...deviceRoutes), junkId, async (route, id) => {
        const path = new URL(`/devices/${id}`, 'http://localhost').pathname;
        fc.pre(![w.totpId, w.passkeyId].some((own) => path === `/devices/${own}`));
        const { reply, before, after } = await fuzz({
          method: route.method,
          path,
          authorization: bearer(w.token),
          elevated: route.method === 'DELETE' ? w.elevated.unlink : undefined,
          body: route.method === 'PATCH' ? JSON.stringify({ name: 'Hijacked' }) : undefined,
        });
        expect(expectTypedError(reply), path).toBe('not_found');
        expectOnlyChanged(before, after);
      }),
      { numRuns: 120 },
    );
  });

  it('[rule 23] answers unknown routes and wrong methods with 404 not_found and changes nothing', async () => {
    const knownPaths = [...new Set(ROUTES.map((route) => route.path))];
    const request = fc.oneof(
      fc
        .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), fc.webPath())
        .map(([method, path]) => ({ method, path: `/nope${path}` })),
      fc
        .tuple(fc.constantFrom('PUT', 'OPTIONS', 'PATCH'), fc.constantFrom(...knownPaths))
        .map(([method, path]) => ({ method, path })),
      fc
        .constantFrom(
          '/status/',
          '/status/x',
          '/verify',
          '/verify/',
          '/totp',
          '/devices/',
          '/recovery-codes/x',
        )
        .map((path) => ({ method: 'POST', path })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path }) => {
        const route = ROUTES.find((r) => r.method === method && r.path === path);
        fc.pre(route === undefined);
        const { reply, before, after } = await fuzz({
          method,
          path: path.replace(':id', w.totpId),
          authorization: bearer(w.token),
          body: method === 'GET' ? undefined : '{}',
        });
        expect(expectTypedError(reply), `${method} ${path}`).toBe('not_found');
        expectOnlyChanged(before, after);
      }),
      { numRuns: 60 },
    );
  });
});

describe('[rule 23] well-formed but wrong values', () => {
  const digits = fc.stringMatching(/^\d{6}$/).filter((code) => !w.validCodes.has(code));
  const formatted = digits.chain((code) =>
    fc.constantFrom(
      code,
      `${code.slice(0, 3)} ${code.slice(3)}`,
      `${code.slice(0, 3)}-${code.slice(3)}`,
      ` ${code}\u3000`,
    ),
  );
  const scopes = fc.subarray(SCOPES, { minLength: 1 });

  it('[rule 23] answers a wrong TOTP code with a typed 4xx and changes nothing but the attempt counters', async () => {
    const input = fc.oneof(
      fc
        .record({ code: formatted, requestedScopes: scopes })
        .map((body) => ({ token: w.token, body, expect: [422] })),
      fc.record({ code: formatted }).map((body) => ({ token: w.pending, body, expect: [422] })),
      fc
        .record({
          code: formatted,
          deviceId: fc.oneof(
            fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/),
            fc.constant(undefined).map(() => w.bobDeviceId),
            fc.constant(undefined).map(() => w.passkeyId),
            fc.constant(undefined).map(() => w.enrollmentId),
          ),
          requestedScopes: scopes,
        })
        .map((body) => ({ token: w.token, body, expect: [404] })),
      // Refused before the code is looked at: nothing may change.
      fc.record({ code: formatted }).map((body) => ({ token: w.token, body, expect: [409] })),
      fc
        .record({ code: formatted, requestedScopes: scopes })
        .map((body) => ({ token: w.pending, body, expect: [403] })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ token, body, expect: statuses }) => {
        const { reply, before, after } = await fuzz({
          method: 'POST',
          path: '/verify/totp',
          authorization: bearer(token),
          body: JSON.stringify(body),
        });
        expectTypedError(reply);
        expect(statuses, reply.text).toContain(reply.status);
        expectOnlyChanged(before, after, reply.status === 422 || reply.status === 404 ? [RATE_LIMITS] : []);
      }),
      { numRuns: 100 },
    );
  });

  it('[rule 23] answers a wrong recovery code in any accepted spelling with 422 and changes nothing but the attempt counters', async () => {
    const alphabet = [...RECOVERY_CODE_ALPHABET];
    const code = fc
      .array(fc.constantFrom(...alphabet), { minLength: 10, maxLength: 10 })
      .map((chars) => `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`)
      .filter((candidate) => !w.recoveryCodes.includes(candidate))
      .chain((canonical) =>
        fc.constantFrom(
          canonical,
          canonical.toUpperCase(),
          canonical.replace('-', ''),
          canonical.replace('-', '  '),
          canonical.replaceAll('1', 'l').replaceAll('0', 'O'),
          ` ${canonical}\u00a0`,
        ),
      );
    const input = fc.oneof(
      fc.record({ code, requestedScopes: scopes }).map((body) => ({ token: w.token, body })),
      fc.record({ code }).map((body) => ({ token: w.pending, body })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ token, body }) => {
        const { reply, before, after } = await fuzz({
          method: 'POST',
          path: '/verify/recovery-code',
          authorization: bearer(token),
          body: JSON.stringify(body),
        });
        expect(expectTypedError(reply), reply.text).toBe('invalid_code');
        expectOnlyChanged(before, after, [RATE_LIMITS]);
      }),
      { numRuns: 60 },
    );
  });

  it('[rule 23] answers a wrong code for an unfinished enrolment with 422 (counted) and an unknown enrolment with 404 (not counted)', async () => {
    const input = fc.oneof(
      formatted.map((code) => ({ deviceId: w.enrollmentId, code, expect: 422 })),
      fc
        .tuple(
          fc.oneof(
            fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/),
            fc.constant(undefined).map(() => w.totpId),
            fc.constant(undefined).map(() => w.bobDeviceId),
          ),
          formatted,
        )
        .map(([deviceId, code]) => ({ deviceId, code, expect: 404 })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ deviceId, code, expect: status }) => {
        fc.pre(status === 422 || deviceId !== w.enrollmentId);
        const { reply, before, after } = await fuzz({
          method: 'POST',
          path: '/totp/enroll/verify',
          authorization: bearer(w.token),
          body: JSON.stringify({ deviceId, code }),
        });
        expectTypedError(reply);
        expect(reply.status, reply.text).toBe(status);
        expectOnlyChanged(before, after, status === 422 ? [RATE_LIMITS] : []);
      }),
      { numRuns: 60 },
    );
  });

  it('[rule 23] refuses forged passkey assertions with a typed 4xx; only the attempt is counted and the single-use challenge spent', async () => {
    const otherKeys = await generateKeys();
    const forge: fc.Arbitrary<Forge> = fc.oneof(
      fc
        .constantFrom('https://evil.example', 'http://localhost:5174', 'http://lоcalhost:5173', 'null', '')
        .map((origin) => ({
          origin,
        })),
      fc.constantFrom('evil.example', 'localhost.', 'LOCALHOST').map((rpId) => ({ rpId })),
      fc.constant<Forge>({ up: false }),
      fc.constantFrom('webauthn.create', 'webauthn.get ', '').map((type) => ({ type })),
      fc.constant<Forge>({ signingKey: otherKeys.privateKey }),
      fc.stringMatching(/^[A-Za-z0-9_-]{22}$/).map((credentialId) => ({ credentialId })),
      fc.integer({ min: 0, max: 1 }).map((counter) => ({ counter })),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((challenge) => ({ challenge })),
      fc.stringMatching(/^[A-Za-z0-9_-]{22}$/).map((userHandle) => ({ userHandle })),
    );
    await fc.assert(
      fc.asyncProperty(forge, fc.boolean(), async (forged, otherScopes) => {
        const options = await w.h.call<{ options: PublicKeyCredentialRequestOptionsJSON }>(
          'POST',
          '/verify/passkey/options',
          { token: w.token, body: { requestedScopes: ['wallet:export'] } },
        );
        expect(options.status).toBe(200);
        const response = await authenticate({ ...w.credential }, options.body.options, forged);
        const { reply, before, after } = await fuzz({
          method: 'POST',
          path: '/verify/passkey',
          authorization: bearer(w.token),
          // The same assertion sent for other scopes than its challenge was made for.
          body: JSON.stringify({
            response,
            requestedScopes: otherScopes ? ['wallet:transfer'] : ['wallet:export'],
          }),
        });
        const code = expectTypedError(reply);
        expect(['invalid_code', 'invalid_request'], reply.text).toContain(code);
        expectOnlyChanged(before, after, [RATE_LIMITS, CHALLENGES]);
      }),
      { numRuns: 50 },
    );
  });

  it('[rule 23] refuses forged passkey registrations with a typed 4xx and stores nothing but the spent challenge', async () => {
    const forge: fc.Arbitrary<Forge> = fc.oneof(
      fc
        .constantFrom('https://evil.example', 'http://localhost', 'http://lоcalhost:5173')
        .map((origin) => ({ origin })),
      fc.constantFrom('evil.example', 'localhost.').map((rpId) => ({ rpId })),
      fc.constant<Forge>({ up: false }),
      fc.constantFrom('webauthn.get', 'webauthn.create ').map((type) => ({ type })),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((challenge) => ({ challenge })),
      // Ada's passkey registered again, by Carol: a credential id is unique across users.
      fc.constant(undefined).map((): Forge => ({ credentialId: w.credential.id })),
    );
    await fc.assert(
      fc.asyncProperty(forge, async (forged) => {
        const options = await w.h.call<{ options: PublicKeyCredentialCreationOptionsJSON }>(
          'POST',
          '/passkey/register/options',
          { token: w.carol, body: {} },
        );
        expect(options.status).toBe(200);
        const { response } = await register(options.body.options, forged);
        const { reply, before, after } = await fuzz({
          method: 'POST',
          path: '/passkey/register/verify',
          authorization: bearer(w.carol),
          body: JSON.stringify({ response }),
        });
        const code = expectTypedError(reply);
        expect(['invalid_code', 'conflict', 'expired'], reply.text).toContain(code);
        expectOnlyChanged(before, after, [CHALLENGES]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('[rule 23] step-up by re-authentication: well-formed but wrong or refused', () => {
  type Who = 'dana' | 'danaOther' | 'ada' | 'pending' | 'carol';
  const tokenOf = (who: Who) =>
    ({ dana: w.dana, danaOther: w.danaOther, ada: w.token, pending: w.pending, carol: w.carol })[who];
  /** Scopes of actions that every method may step up. */
  const anyMethodScopes = fc.subarray(SCOPES, { minLength: 1 });
  /** Scope names that are no configured action. */
  const unknownScopes = fc.array(
    fc.stringMatching(/^[a-z0-9_-]{1,12}$/).map((name) => `nope:${name}`),
    { minLength: 1, maxLength: 3 },
  );
  /** The same set of scopes in another order, some named twice. */
  const reordered = (scopes: string[]) =>
    fc
      .shuffledSubarray([...scopes, ...scopes], { minLength: scopes.length, maxLength: 2 * scopes.length })
      .filter((list) => scopes.every((scope) => list.includes(scope)));
  const sameSet = (a: string[], b: string[]) =>
    new Set(a).size === new Set(b).size && a.every((scope) => b.includes(scope));
  /** A code in the spellings the server accepts. */
  const spellings = (code: string) =>
    fc.constantFrom(
      code,
      `${code.slice(0, 3)} ${code.slice(3)}`,
      `${code.slice(0, 3)}-${code.slice(3)}`,
      ` ${code}\u3000`,
      `\u00a0${code} `,
    );
  const wrongCode = fc
    .stringMatching(/^\d{6}$/)
    .filter((code) => code !== w.reauth.email.code && code !== w.reauth.sms.code)
    .chain(spellings);

  async function post(path: string, who: Who, body: Json) {
    return fuzz({
      method: 'POST',
      path,
      authorization: bearer(tokenOf(who)),
      body: JSON.stringify(body),
      headers: { Origin: ORIGIN },
    });
  }

  it('[rule 23] refuses a code send too soon after the last, for an action that takes no code, for a user with a factor, a pending session, a user without the contact or an unknown action, and changes nothing and sends nothing', async () => {
    const channel = fc.constantFrom('email-otp', 'sms-otp');
    const input = fc.oneof(
      fc
        .record({ channel, who: fc.constantFrom<Who>('dana', 'danaOther'), scopes: anyMethodScopes })
        .map((c) => ({ ...c, expected: 'rate_limited' })),
      fc
        .record({ channel, who: fc.constant<Who>('dana'), scopes: anyMethodScopes })
        .map((c) => ({ ...c, scopes: [...c.scopes, 'profile:email'], expected: 'forbidden' })),
      fc
        .record({ channel, who: fc.constant<Who>('ada'), scopes: anyMethodScopes })
        .map((c) => ({ ...c, expected: 'forbidden' })),
      fc
        .record({
          channel,
          who: fc.constant<Who>('pending'),
          scopes: fc.oneof(anyMethodScopes, unknownScopes),
        })
        .map((c) => ({ ...c, expected: 'mfa_required' })),
      fc
        .record({ channel, who: fc.constant<Who>('carol'), scopes: anyMethodScopes })
        .map((c) => ({ ...c, expected: 'reauth_unavailable' })),
      fc
        .record({ channel, who: fc.constantFrom<Who>('dana', 'ada', 'carol'), scopes: unknownScopes })
        .map((c) => ({ ...c, expected: 'invalid_request' })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ channel, who, scopes, expected }) => {
        const { reply, before, after } = await post(`/reauth/${channel}/send`, who, {
          requestedScopes: scopes,
        });
        expect(expectTypedError(reply), reply.text).toBe(expected);
        if (expected === 'rate_limited') {
          const retryAfter = Number(reply.headers.get('Retry-After'));
          expect(retryAfter).toBeGreaterThanOrEqual(1);
          expect(retryAfter).toBeLessThanOrEqual(30);
          expect(JSON.parse(reply.text)).toMatchObject({ error: { retryAfter } });
        }
        expectOnlyChanged(before, after);
      }),
      { numRuns: 60 },
    );
  });

  it('[rule 23] answers a wrong email or SMS code in any accepted spelling with 422 and counts only the try; refuses another scope set, challenge, method, session or user and a pending session before the code is compared, and then changes nothing', async () => {
    const channel = fc.constantFrom('email-otp' as const, 'sms-otp' as const);
    const live = (c: 'email-otp' | 'sms-otp') => (c === 'email-otp' ? w.reauth.email : w.reauth.sms);
    /** The wrong code, or the live one: what is refused before the compare must not depend on it. */
    const anyCode = (c: 'email-otp' | 'sms-otp') => fc.oneof(wrongCode, spellings(live(c).code));
    const otherChallenge = (c: 'email-otp' | 'sms-otp') =>
      fc
        .oneof(
          fc.constant(live(c === 'email-otp' ? 'sms-otp' : 'email-otp').challengeId),
          fc.constant(w.reauth.wallet.challengeId),
          fc.stringMatching(/^rac_[A-Za-z0-9_-]{1,40}$/),
          fc.constant(live(c).challengeId.toLowerCase()),
        )
        .filter((id) => id !== live(c).challengeId);
    const input = channel.chain((c) =>
      fc.oneof(
        fc.record({ code: wrongCode, scopes: reordered(live(c).scopes) }).map(({ code, scopes }) => ({
          c,
          who: 'dana' as Who,
          body: { challengeId: live(c).challengeId, code, requestedScopes: scopes },
          expected: 'invalid_code',
        })),
        fc
          .record({ code: anyCode(c), scopes: anyMethodScopes.filter((s) => !sameSet(s, live(c).scopes)) })
          .map(({ code, scopes }) => ({
            c,
            who: 'dana' as Who,
            body: { challengeId: live(c).challengeId, code, requestedScopes: scopes },
            expected: 'invalid_request',
          })),
        fc.record({ code: anyCode(c), challengeId: otherChallenge(c) }).map(({ code, challengeId }) => ({
          c,
          who: 'dana' as Who,
          body: { challengeId, code, requestedScopes: live(c).scopes },
          expected: 'expired',
        })),
        fc
          .record({
            code: anyCode(c),
            who: fc.constantFrom<Who>('danaOther', 'ada', 'pending', 'carol'),
          })
          .map(({ code, who }) => ({
            c,
            who,
            body: { challengeId: live(c).challengeId, code, requestedScopes: live(c).scopes },
            expected: {
              dana: 'invalid_code',
              danaOther: 'expired',
              ada: 'forbidden',
              pending: 'mfa_required',
              carol: 'reauth_unavailable',
            }[who],
          })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ c, who, body, expected }) => {
        const { reply, before, after } = await post(`/verify/${c}`, who, body);
        expect(expectTypedError(reply), reply.text).toBe(expected);
        if (expected !== 'invalid_code') {
          expectOnlyChanged(before, after);
          return;
        }
        expect(JSON.parse(reply.text)).toMatchObject({ error: { attemptsRemaining: 4 } });
        expectOnlyTried(before, after, {
          subject: c === 'email-otp' ? 'reauth:email' : 'reauth:sms',
          challengeId: live(c).challengeId,
        });
      }),
      { numRuns: 100 },
    );
  });

  it('[rule 23] refuses a wallet message for an address that is not linked, in any letter case or checksum, and for the linked one when the user, session or action may not have it, and changes nothing', async () => {
    const scopes = fc.subarray([...SCOPES, 'profile:email'], { minLength: 1 });
    const input = fc.oneof(
      fc
        .record({
          address: UNLINKED_HEX.chain(spelled),
          scopes,
          who: fc.constantFrom<Who>('dana', 'danaOther'),
        })
        .map((c) => ({ ...c, expected: 'reauth_unavailable' })),
      fc
        .record({
          address: spelled(LINKED_HEX),
          scopes,
          who: fc.constantFrom<Who>('ada', 'pending', 'carol'),
        })
        .map((c) => ({
          ...c,
          expected: { ada: 'forbidden', pending: 'mfa_required', carol: 'reauth_unavailable' }[
            c.who as 'ada' | 'pending' | 'carol'
          ],
        })),
      fc
        .record({ address: spelled(LINKED_HEX), scopes: unknownScopes, who: fc.constant<Who>('dana') })
        .map((c) => ({ ...c, expected: 'invalid_request' })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ address, scopes: requestedScopes, who, expected }) => {
        const { reply, before, after } = await post('/verify/wallet/options', who, {
          requestedScopes,
          address,
        });
        expect(expectTypedError(reply), `${address}: ${reply.text}`).toBe(expected);
        expectOnlyChanged(before, after);
      }),
      { numRuns: 60 },
    );
  });

  it('[rule 23] answers a wrong wallet signature — another wallet’s, of another message, too short, too long, random — with 422 and counts only the try; refuses another challenge, session or user and a pending session before the signature is checked, and then changes nothing', async () => {
    const wrongSignature = fc
      .oneof(
        hexOfBytes(1, 64),
        hexOfBytes(65, 65),
        hexOfBytes(66, 300),
        hexOfBytes(4000, 5999), // up to the 12,000 characters a signature may have
        fc.constantFrom(
          w.reauth.wrongSignature,
          ...w.reauth.otherMessageSignatures,
          `0x${'00'.repeat(65)}`,
          `0x${'ff'.repeat(65)}`,
          // The linked wallet's own signature with the other recovery parity, and with v = 29.
          `${w.reauth.wallet.signature.slice(0, 130)}${w.reauth.wallet.signature.endsWith('1b') ? '1c' : '1b'}`,
          `${w.reauth.wallet.signature.slice(0, 130)}1d`,
        ),
      )
      .chain((signature) => fc.constantFrom(signature, `0x${signature.slice(2).toUpperCase()}`));
    const anySignature = fc.oneof(wrongSignature, fc.constant(w.reauth.wallet.signature));
    const live = w.reauth.wallet.challengeId;
    const input = fc.oneof(
      {
        weight: 3,
        arbitrary: wrongSignature.map((signature) => ({
          who: 'dana' as Who,
          challengeId: live,
          signature,
          expected: 'invalid_code',
        })),
      },
      fc
        .record({
          signature: anySignature,
          challengeId: fc.oneof(
            fc.constant(w.reauth.email.challengeId),
            fc.constant(w.reauth.sms.challengeId),
            fc.stringMatching(/^rac_[A-Za-z0-9_-]{1,40}$/),
          ),
        })
        .map((c) => ({ ...c, who: 'dana' as Who, expected: 'expired' })),
      fc
        .record({
          signature: anySignature,
          who: fc.constantFrom<Who>('danaOther', 'ada', 'carol', 'pending'),
        })
        .map((c) => ({
          ...c,
          challengeId: live,
          expected: c.who === 'pending' ? 'mfa_required' : 'expired',
        })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ who, challengeId, signature, expected }) => {
        const { reply, before, after } = await post('/verify/wallet', who, { challengeId, signature });
        expect(expectTypedError(reply), reply.text).toBe(expected);
        if (expected !== 'invalid_code') {
          expectOnlyChanged(before, after);
          return;
        }
        expect(JSON.parse(reply.text)).toMatchObject({ error: { attemptsRemaining: 4 } });
        expectOnlyTried(before, after, { subject: 'reauth:wallet', challengeId: live });
      }),
      { numRuns: 80 },
    );
  });
});

/** What a stored name never holds: controls, separators, private use, unassigned, format characters but ZWJ. */
const INVISIBLE_OR_DIRECTIONAL = /[\p{Cc}\p{Zl}\p{Zp}\p{Co}\p{Cn}]|(?!\u200d)\p{Cf}/u;
/** A zero-width joiner that joins nothing: at an edge, next to a space or another joiner. */
const STRAY_JOINER = /(?:^|[\s\u200d])\u200d|\u200d(?:$|[\s\u200d])/u;

describe('[rule 23] device names', () => {
  const benign = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    fc
      .array(
        fc.constantFrom(
          '📱',
          '👍🏽',
          '👨‍👩‍👧',
          '🇪🇺',
          'é',
          'e\u0301',
          '１２',
          'Ⅻ',
          'שלום',
          'مرحبا',
          '手机',
          'क्‍ष',
          ' ',
          'Ω',
          'Å',
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((parts) => parts.join('')),
  );

  it('[rule 23] stores a unicode device name only NFC-normalized, trimmed and free of invisible characters, or refuses it with 400 and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(benign, async (name) => {
        const { reply, before, after } = await fuzz({
          method: 'PATCH',
          path: `/devices/${w.totpId}`,
          authorization: bearer(w.token),
          body: JSON.stringify({ name }),
        });
        if (reply.status !== 200) {
          expect(expectTypedError(reply), `${JSON.stringify(name)}: ${reply.text}`).toBe('invalid_request');
          expectOnlyChanged(before, after);
          return;
        }
        const stored: unknown = JSON.parse(reply.text);
        const expected = name.normalize('NFC').trim();
        expect(stored).toMatchObject({ device: { id: w.totpId, name: expected } });
        expect([...expected].length).toBeLessThanOrEqual(64);
        expect(INVISIBLE_OR_DIRECTIONAL.test(expected), JSON.stringify(expected)).toBe(false);
        expect(STRAY_JOINER.test(expected), JSON.stringify(expected)).toBe(false);
        expect(/[\p{L}\p{N}\p{P}\p{S}]/u.test(expected), JSON.stringify(expected)).toBe(true);
        // Only the name of that one factor changed.
        expectOnlyChanged(before, after, ['mfa_factors']);
        const rows = (table: DbSnapshot) =>
          (table.mfa_factors ?? []).map((row): unknown => JSON.parse(row)).filter(isRecord);
        const without = (table: DbSnapshot) => rows(table).map(({ name: _name, ...rest }) => rest);
        expect(without(after)).toEqual(without(before));
        expect(rows(after).find((row) => row.id === w.totpId)?.name).toBe(expected);
      }),
      { numRuns: 80 },
    );
  });
});

describe('[rule 23] the log', () => {
  it('[rule 23] logged no internal error and no store fault while being fuzzed', () => {
    const faults = w.h.logs.filter((line) =>
      /mfa\.internal_error|mfa\.store\.unavailable|"level":"error"/.test(line),
    );
    expect(faults).toEqual([]);
  });
});
