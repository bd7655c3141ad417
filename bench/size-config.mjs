/** What bench/size.mjs measures, and the budgets CI holds it to. */
/**
 * Budgets in KB (1 KB = 1024 bytes, min+gzip), enforced in CI at what is reached today (rounded up to the
 * next half KB) so that nothing grows unnoticed. Targets and reference points are in BENCHMARKS.md.
 */
export const BUDGETS = {
  // Since 2026-12-06 each case imports what an app needs to render it: the client (createMfaClient)
  // and the provider. Targets (a 16.8, b 25, c 40, c with all on demand 45.8) and the distance to them
  // are in BENCHMARKS.md.
  a: 21.5,
  b: 36,
  c: 46,
};

/** Budgets in KB for a case with everything it loads on demand, each module once (column `all`). */
export const ALL_BUDGETS = {
  c: 79.5,
};

/** Radix's modal dialogs: loaded on demand (packages/ui/src/primitives/lazy-dialog.tsx), never up front. */
const DIALOGS = ['@radix-ui/react-dialog', '@radix-ui/react-alert-dialog', 'react-remove-scroll'];
/** The WebAuthn library: loaded with the first passkey ceremony (packages/client/src/webauthn.ts). */
const WEBAUTHN = '@simplewebauthn/browser';
const TANSTACK = ['@tanstack/query-core', '@tanstack/react-query'];

export const CASES = [
  {
    id: 'a',
    name: 'hooks and client: createMfaClient, MfaProvider, useMfa, useStepUp, useDevices',
    code: `export { createMfaClient } from '@mfa-kit/client'; export { MfaProvider, useMfa, useStepUp, useDevices } from '@mfa-kit/react';`,
    target: 16.8,
    mustNotContain: [WEBAUTHN],
  },
  {
    id: 'a-tq',
    name: 'case a in an app that already has TanStack Query (reported, no budget)',
    code: `export { createMfaClient } from '@mfa-kit/client'; export { MfaProvider, useMfa, useStepUp, useDevices } from '@mfa-kit/react';`,
    external: TANSTACK,
  },
  {
    id: 'b',
    name: 'sign-in challenge: client, MfaProvider, MfaGate, MfaChallenge, CodeInput, stylesheet',
    code: `export { createMfaClient } from '@mfa-kit/client'; export { MfaProvider } from '@mfa-kit/react'; export { MfaGate, MfaChallenge, CodeInput } from '@mfa-kit/ui'; import '@mfa-kit/ui/styles.css';`,
    target: 25,
    mustNotContain: [...DIALOGS, WEBAUTHN],
  },
  {
    id: 'c',
    name: 'everything in @mfa-kit/client, @mfa-kit/react and @mfa-kit/ui (JavaScript)',
    code: `export * from '@mfa-kit/client'; export * from '@mfa-kit/react'; export * from '@mfa-kit/ui';`,
    target: 40,
    allTarget: 45.8,
    mustNotContain: [...DIALOGS, WEBAUTHN],
  },
  {
    id: 'code-input',
    name: 'CodeInput alone',
    code: `export { CodeInput } from '@mfa-kit/ui';`,
    mustNotContain: ['qrcode.react', '@simplewebauthn/browser'],
  },
];
