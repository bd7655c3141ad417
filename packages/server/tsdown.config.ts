import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/pglite.ts',
    'src/postgres.ts',
    'src/testing.ts',
    'src/smtp.ts',
    'src/cli.ts',
    'src/pglite-worker.ts',
  ],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
