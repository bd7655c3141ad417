/**
 * Every route of docs/protocol.md §5, declared once: its method and path (the key, as the protocol
 * names it), the fields its JSON body may hold and how the server reads each one, whether it takes an
 * elevated token, and whether it needs an access token. The client builds its requests from the key and
 * types their bodies with {@link BodyOf}; the server registers its handlers and checks every body from
 * this table. A new route is one entry here, one handler on the server and one client method.
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from './protocol.js';

/** What the server reads a body field as, and the type the client sends for it. */
export interface FieldKinds {
  /** A TOTP code as typed, up to 32 characters; the server normalizes it. */
  totpCode: string;
  /** A recovery code as typed, up to 64 characters. */
  recoveryCode: string;
  /** An email or SMS code as typed, up to 32 characters; the server normalizes it. */
  otpCode: string;
  /** An Ethereum address: `0x` and 40 hex digits, any case. */
  walletAddress: string;
  /** A wallet signature: `0x` and hex digits (65 bytes, longer for smart accounts), up to 12,000 characters. */
  walletSignature: string;
  /** An id the server issued: letters, digits, `_` and `-`, up to 100. */
  id: string;
  /** A device name: 1 to 64 visible characters after trimming. */
  deviceName: string;
  /** One scope name. */
  scope: string;
  /** 1 to 10 scope names. */
  scopes: readonly string[];
  /** A credential from `startRegistration`. */
  registrationResponse: RegistrationResponseJSON;
  /** An assertion from `startAuthentication`. */
  authenticationResponse: AuthenticationResponseJSON;
}

/** A body field's reader, by name. */
export type FieldKind = keyof FieldKinds;
/** A field kind; a trailing `?` makes the field optional. */
export type BodyField = FieldKind | `${FieldKind}?`;

/** One route's declaration. */
export interface RouteSpec {
  /** The body's fields in the order the server reads them (which decides which error a bad body gets). */
  readonly body?: Readonly<Record<string, BodyField>>;
  /** Takes an elevated token in `X-Elevated-Token`; which scope it needs is the server's decision. */
  readonly elevated?: true;
  /** `false` for the one public route; every other route needs `Authorization: Bearer`. */
  readonly authenticated?: false;
}

export const ROUTES = {
  'GET /.well-known/jwks.json': { authenticated: false },
  'GET /config': {},
  'GET /status': {},
  'POST /totp/enroll': { body: { name: 'deviceName?' }, elevated: true },
  'POST /totp/enroll/verify': { body: { deviceId: 'id', code: 'totpCode' } },
  'POST /passkey/register/options': { body: { name: 'deviceName?' }, elevated: true },
  'POST /passkey/register/verify': { body: { response: 'registrationResponse', name: 'deviceName?' } },
  'POST /verify/totp': { body: { code: 'totpCode', deviceId: 'id?', requestedScopes: 'scopes?' } },
  'POST /verify/passkey/options': { body: { requestedScopes: 'scopes?' } },
  'POST /verify/passkey': { body: { response: 'authenticationResponse', requestedScopes: 'scopes?' } },
  'POST /verify/recovery-code': { body: { code: 'recoveryCode', requestedScopes: 'scopes?' } },
  'GET /devices': {},
  'PATCH /devices/:id': { body: { name: 'deviceName' } },
  'DELETE /devices/:id': { elevated: true },
  'POST /recovery-codes': { elevated: true },
  'POST /recovery-codes/acknowledge': {},
  'POST /step-up/check': { body: { scope: 'scope' } },
  'POST /reauth/email-otp/send': { body: { requestedScopes: 'scopes' } },
  'POST /reauth/sms-otp/send': { body: { requestedScopes: 'scopes' } },
  'POST /verify/email-otp': { body: { challengeId: 'id', code: 'otpCode', requestedScopes: 'scopes' } },
  'POST /verify/sms-otp': { body: { challengeId: 'id', code: 'otpCode', requestedScopes: 'scopes' } },
  'POST /verify/wallet/options': { body: { requestedScopes: 'scopes', address: 'walletAddress' } },
  'POST /verify/wallet': { body: { challengeId: 'id', signature: 'walletSignature' } },
} as const satisfies Record<string, RouteSpec>;

/** A route as docs/protocol.md names it: `PATCH /devices/:id`. */
export type RouteName = keyof typeof ROUTES;
/** The HTTP methods the protocol uses. */
export type RouteMethod = RouteName extends `${infer TMethod} ${string}` ? TMethod : never;

type Fields<TRoute extends RouteName> = (typeof ROUTES)[TRoute] extends {
  body: infer TBody extends Record<string, BodyField>;
}
  ? TBody
  : Record<never, never>;
type Simplify<T> = { [K in keyof T]: T[K] };

/**
 * The JSON body a route takes, typed from its declaration; optional fields may be left out or undefined.
 * `TKinds` maps each field kind to its type: what the client sends by default, what its reader returns
 * on the server.
 */
export type BodyOf<
  TRoute extends RouteName,
  TKinds extends Record<FieldKind, unknown> = FieldKinds,
> = Simplify<
  {
    -readonly [K in keyof Fields<TRoute> as Fields<TRoute>[K] extends FieldKind
      ? K
      : never]: TKinds[Fields<TRoute>[K] & FieldKind];
  } & {
    -readonly [K in keyof Fields<TRoute> as Fields<TRoute>[K] extends `${FieldKind}?`
      ? K
      : never]?: Fields<TRoute>[K] extends `${infer TKind extends FieldKind}?`
      ? TKinds[TKind] | undefined
      : never;
  }
>;

/** Splits a route's name into its method and its path template. */
export function splitRoute<TRoute extends RouteName>(name: TRoute): { method: RouteMethod; path: string } {
  const [method, path] = name.split(' ') as [RouteMethod, string];
  return { method, path };
}
