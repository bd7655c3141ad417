export * from '../testing/soft-authenticator.js';
