/**
 * `@mfa-kit/server/testing`: helpers for testing an app built on mfa-kit without a browser or a phone —
 * a software WebAuthn authenticator that answers the server's passkey options (and can forge any field
 * for negative tests). Not for production code.
 */
export * from './testing/soft-authenticator.js';
