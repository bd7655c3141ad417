import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

// End-to-end tests: Acme Wallet in Chromium (playwright-core, the system's browser). The front end is built
// once per run (e2e/global-setup.ts); each file starts the real HTTP server in its own process on a free
// port with a fresh data folder. One file at a time: each drives a browser and a server, and TOTP and
// lockout timings should not compete with other files for two CPU cores.
export default mergeConfig(
  sourceConditions,
  defineProject({
    // apps/demo, also when run with `--config` from the repository root.
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: {
      name: 'demo-e2e',
      environment: 'node',
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['./e2e/global-setup.ts'],
      fileParallelism: false,
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
);
