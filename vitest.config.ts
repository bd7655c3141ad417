import { defineConfig } from 'vitest/config';

// Each package and app owns its test setup; the root only lists them so that `vitest run` runs them all
// and prints one summary.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', '.storybook/vitest.config.ts'],
  },
});
