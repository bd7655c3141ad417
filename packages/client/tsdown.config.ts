import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/protocol-entry.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
