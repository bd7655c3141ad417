import { defineProject, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

// The API through Hono's in-process `app.request`, on an in-memory PGlite. The browser tests of the front
// end arrive with it.
export default mergeConfig(
  sourceConditions,
  defineProject({
    test: {
      name: 'demo',
      environment: 'node',
      include: ['server/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
