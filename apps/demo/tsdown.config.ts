import { defineConfig } from 'tsdown';

/**
 * The server for `pnpm start`: one file, dist/server/main.js. The @mfa-kit/* packages are bundled from
 * their TypeScript sources (the `@mfa-kit/source` condition), with what they import that the demo does
 * not depend on itself (jose, @simplewebauthn/server, otpauth), so a fresh clone starts after `pnpm
 * install` without building the packages first. The demo's own dependencies (hono, @hono/node-server,
 * PGlite with its WebAssembly files) stay external, and so does Vite, which only development imports.
 */
export default defineConfig({
  entry: ['server/main.ts'],
  outDir: 'dist/server',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  deps: {
    alwaysBundle: [/^@mfa-kit\//],
    neverBundle: ['vite', /^@electric-sql\/pglite/, /^hono/, /^@hono\/node-server/],
    onlyBundle: false,
  },
  inputOptions: {
    resolve: { conditionNames: ['@mfa-kit/source', 'module', 'node', 'import', 'default'] },
  },
});
