import { defineConfig } from 'vitest/config';

// Each package and app owns its test setup; the root only lists them so that `vitest run` runs them all
// and prints one summary.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      '.storybook/vitest.config.ts',
      // Last and one file at a time: the demo in Chromium, end to end.
      'apps/demo/vitest.e2e.config.ts',
    ],
  },
});
