#!/usr/bin/env node
/**
 * Bundles src/styles.css (which @imports one file per component into the `mfa-kit` layer) into
 * dist/styles.css, minified, with a declaration beside it so that `import '@mfa-kit/ui/styles.css'`
 * type-checks in any TypeScript project (TypeScript checks side-effect imports), not only under a bundler
 * that declares `*.css`. Run after tsdown, which cleans dist.
 */
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/styles.css', import.meta.url).pathname],
  bundle: true,
  minify: true,
  outfile: new URL('../dist/styles.css', import.meta.url).pathname,
  logLevel: 'warning',
  target: ['chrome111', 'firefox113', 'safari16.4'],
});

await writeFile(
  new URL('../dist/styles.css.d.ts', import.meta.url),
  '// The stylesheet of @mfa-kit/ui: import it once for its side effect.\nexport {};\n',
);
