export * from './client.js';
export type * from './client-types.js';
export * from './codes.js';
export * from './errors.js';
export * from './otpauth.js';
export * from './protocol.js';
export type {
  BodyField,
  BodyOf,
  FieldKind,
  FieldKinds,
  RouteMethod,
  RouteName,
  RouteSpec,
} from './routes.js';
export * from './tokens.js';
export { formatSecret } from './totp-secret.js';
export { isWebAuthnSupported, mapWebAuthnError, preloadWebAuthn } from './webauthn.js';
