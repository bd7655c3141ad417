/**
 * `@mfa-kit/client/protocol`: the wire types, constants and code-format rules of docs/protocol.md, and
 * nothing that touches the network or a browser. This is the only part of the client a server imports.
 */
export * from './codes.js';
export * from './errors.js';
export * from './protocol.js';
