#!/usr/bin/env node
/**
 * Bundles src/styles.css (which @imports one file per component into the `mfa-kit` layer) into
 * dist/styles.css, minified. Run after tsdown, which cleans dist.
 */
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/styles.css', import.meta.url).pathname],
  bundle: true,
  minify: true,
  outfile: new URL('../dist/styles.css', import.meta.url).pathname,
  logLevel: 'warning',
  target: ['chrome111', 'firefox113', 'safari16.4'],
});
