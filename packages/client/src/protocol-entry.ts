/**
 * `@mfa-kit/client/protocol`: the wire types, constants, route table and code-format rules of
 * docs/protocol.md, and nothing that touches the network or a browser. This is the only part of the
 * client a server imports. `ROUTES` is exported only here, so apps importing the main entry never carry it.
 */
export * from './codes.js';
export * from './errors.js';
export * from './protocol.js';
export * from './routes.js';
