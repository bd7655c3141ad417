/**
 * `@mfa-kit/server/testing`: helpers for testing an app built on mfa-kit without a browser or a phone —
 * a software WebAuthn authenticator that answers the server's passkey options (and can forge any field
 * for negative tests), and a software Ethereum wallet behind EIP-1193 for step-up by wallet signature.
 * Not for production code.
 */
export * from './testing/soft-authenticator.js';
export * from './testing/soft-wallet.js';
