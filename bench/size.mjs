#!/usr/bin/env node
/**
 * Bundle size, measured the way an app meets it: esbuild bundles an import from the built packages
 * (their `dist`, as published), minified, React and react-dom external; the number is the gzip size of
 * what the import loads up front (JS, and the stylesheet when imported). Code loaded on demand through
 * dynamic imports is reported apart, as `lazy`.
 *
 *   node bench/size.mjs            prints a table and writes bench/results/size.json
 *   node bench/size.mjs --check    also fails when a budget is exceeded (run by `pnpm test`)
 *   node bench/size.mjs --why b    lists what the case is made of
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ALL_BUDGETS, BUDGETS, CASES } from './size-config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

/** Each package's own code, its dependencies external. */
const OWN = ['client', 'react', 'ui', 'server'];

const EXTERNAL = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];

function packageOf(input) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match?.[1]) return match[1];
  const local = /packages\/([^/]+)\//.exec(input);
  return local ? `@mfa-kit/${local[1]}` : input;
}

/**
 * Bundles `code` and measures what it loads up front. Dynamic imports (MfaGate's enrolment, loaded only
 * when a user must enrol) are left out of the initial load and measured on their own as `lazy`.
 * (esbuild's code splitting would put everything a lazy chunk needs into a chunk shared with the entry,
 * tree-shaking or not, so lazy code is kept apart this way instead.)
 */
async function measure(
  code,
  {
    external = EXTERNAL,
    platform = 'browser',
    resolveDir = join(root, 'packages/ui'),
    inlineLazy = false,
  } = {},
) {
  const lazyTargets = new Set();
  const lazyExternal = {
    name: 'lazy-external',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        lazyTargets.add(JSON.stringify([args.path, args.resolveDir]));
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    // UTF-8 output, as Vite and most app bundlers emit it (esbuild's default escapes every non-ASCII
    // character, which would count Arabic and German strings several times over).
    charset: 'utf8',
    write: false,
    outdir: join(root, 'bench/results/.out'),
    metafile: true,
    logLevel: 'error',
    external,
    // inlineLazy: dynamic imports bundled in, so the output is everything the case can ever load, once.
    plugins: inlineLazy ? [] : [lazyExternal],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  let js = 0;
  let css = 0;
  const packages = {};
  for (const file of result.outputFiles) {
    const gz = gzipSync(file.contents, { level: 9 }).length;
    if (file.path.endsWith('.css')) css += gz;
    else js += gz;
  }
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) {
      if (info.bytesInOutput > 0)
        packages[packageOf(input)] = (packages[packageOf(input)] ?? 0) + info.bytesInOutput;
    }
  }
  let lazy = 0;
  for (const target of lazyTargets) {
    const [specifier, from] = JSON.parse(target);
    // Only counted when the bundle kept the code that imports it.
    if (!result.outputFiles.some((file) => file.text.includes(specifier))) continue;
    const chunk = await measure(`export * from ${JSON.stringify(specifier)};`, {
      external,
      platform,
      resolveDir: from,
    });
    lazy += chunk.js;
  }
  return { js, css, total: js + css, lazy, packages };
}

const args = process.argv.slice(2);
const results = { date: new Date().toISOString(), cases: {}, own: {} };
for (const testCase of CASES) {
  const external = [...EXTERNAL, ...(testCase.external ?? [])];
  const size = await measure(testCase.code, { external });
  // Everything the case loads up front and on demand, each module counted once (the `lazy` column
  // measures each on-demand chunk on its own, so code it shares with the initial load counts twice).
  const all = testCase.allTarget
    ? (await measure(testCase.code, { external, inlineLazy: true })).total
    : undefined;
  results.cases[testCase.id] = { ...testCase, ...size, all };
}
for (const name of OWN) {
  // The package's own code: every export, every dependency external.
  const manifest = (await import(join(root, `packages/${name}/package.json`), { with: { type: 'json' } }))
    .default;
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  const size = await measure(`export * from '@mfa-kit/${name}';`, {
    external: [...EXTERNAL, ...deps, ...deps.map((dep) => `${dep}/*`), 'node:*'],
    platform: name === 'server' ? 'neutral' : 'browser',
  });
  results.own[name] = size;
}

const fmt = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
console.log(
  'case                                                              js        css      initial   lazy      all',
);
for (const [id, r] of Object.entries(results.cases)) {
  const budget = BUDGETS[id] ? ` (budget ${BUDGETS[id]} KB)` : '';
  console.log(
    `${id.padEnd(4)} ${r.name.padEnd(62).slice(0, 62)} ${fmt(r.js).padStart(9)} ${fmt(r.css).padStart(9)} ${fmt(r.total).padStart(9)} ${fmt(r.lazy).padStart(9)} ${r.all === undefined ? '         ' : fmt(r.all).padStart(9)}${budget}`,
  );
}
for (const [name, r] of Object.entries(results.own)) {
  console.log(`own @mfa-kit/${name.padEnd(50)} ${fmt(r.js).padStart(9)}`);
}
const why = args.includes('--why') ? args[args.indexOf('--why') + 1] : null;
if (why && results.cases[why]) {
  console.log(`\n${why}: bytes in the initial output, minified, before gzip`);
  for (const [pkg, bytes] of Object.entries(results.cases[why].packages).sort((x, y) => y[1] - x[1])) {
    console.log(`  ${pkg.padEnd(48)} ${fmt(bytes).padStart(9)}`);
  }
}

// The CI check only reads; a benchmark run keeps its numbers for BENCHMARKS.md.
if (!args.includes('--check')) {
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/size.json'), `${JSON.stringify(results, null, 2)}\n`);
}

if (args.includes('--check')) {
  const failures = [];
  for (const [id, budget] of Object.entries(BUDGETS)) {
    const total = results.cases[id].total;
    if (total > budget * KB) failures.push(`${id}: ${fmt(total)} is over its budget of ${budget} KB`);
  }
  for (const [id, budget] of Object.entries(ALL_BUDGETS)) {
    const { all } = results.cases[id];
    if (all > budget * KB)
      failures.push(`${id} with all it loads on demand: ${fmt(all)} is over ${budget} KB`);
  }
  for (const testCase of CASES.filter((c) => c.mustNotContain)) {
    for (const pkg of testCase.mustNotContain) {
      if (results.cases[testCase.id].packages[pkg]) failures.push(`${testCase.id} pulls in ${pkg}`);
    }
  }
  if (failures.length > 0) {
    console.error(`\nsize budgets exceeded:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nsize budgets: all within');
}
