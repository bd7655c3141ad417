/** What bench/size.mjs measures, and the budgets CI holds it to. */
/**
 * Budgets in KB (min+gzip), enforced in CI at what is reached today so that nothing grows unnoticed.
 * Targets and reference points are in BENCHMARKS.md. (c) is over the 48 KB ceiling the benchmarks issue
 * allows: that issue stays open until it is under (see BENCHMARKS.md for the plan).
 */
export const BUDGETS = {
  a: 17,
  b: 23,
  c: 52,
};

export const CASES = [
  {
    id: 'a',
    name: 'hooks only: MfaProvider, useMfa, useStepUp, useDevices',
    code: `export { MfaProvider, useMfa, useStepUp, useDevices } from '@mfa-kit/react';`,
    target: 16.8,
  },
  {
    id: 'b',
    name: 'sign-in challenge: MfaGate, MfaChallenge, CodeInput and the stylesheet',
    code: `export { MfaGate, MfaChallenge, CodeInput } from '@mfa-kit/ui'; import '@mfa-kit/ui/styles.css';`,
    target: 25,
  },
  {
    id: 'c',
    name: 'everything in @mfa-kit/react and @mfa-kit/ui (JavaScript)',
    code: `export * from '@mfa-kit/react'; export * from '@mfa-kit/ui';`,
    target: 40,
  },
  {
    id: 'code-input',
    name: 'CodeInput alone',
    code: `export { CodeInput } from '@mfa-kit/ui';`,
    mustNotContain: ['qrcode.react', '@simplewebauthn/browser'],
  },
];
