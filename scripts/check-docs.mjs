#!/usr/bin/env node
/**
 * Every TypeScript and JavaScript code block of the docs compiles, strictly, against the built packages
 * as an outside app sees them (their `exports` and `dist/*.d.ts`), so the docs cannot drift from the API.
 *
 * Checked: fenced blocks tagged ts, tsx, typescript, js, jsx or javascript in README.md,
 * packages/*\/README.md and docs/**\/*.md. Each block is its own module (two blocks may declare the same
 * name); all of them are checked by one TypeScript program. Errors point at the Markdown file and line.
 *
 * Names a block uses but does not define (`mfa`, `db`, `checkPassword`, `Spinner`, ...) are the reader's
 * own app: they are declared, with real types, in scripts/check-docs.ambient.ts. Anything else is said
 * in an HTML comment right above the block (invisible on GitHub), one or more of:
 *
 *   <!-- check-docs: prelude declare const code: string; -->   code placed before the block, unseen
 *   <!-- check-docs: file providers.tsx -->                    the block's file name, so another block of
 *                                                              the same document can `import './providers'`
 *   <!-- check-docs: skip <reason> -->                          not checked; the reason is required
 *
 * `pnpm build` first. `node scripts/check-docs.mjs [file.md ...]` checks only those files. Before the docs,
 * the script checks itself on a broken block (it must fail at the right line), so the check can fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const ambientFile = join(root, 'scripts/check-docs.ambient.ts');
const virtualRoot = join(root, '.check-docs');
const languages = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js', jsx: 'jsx' };

/** An outside app's settings: a bundler (Vite, Next.js), strict, DOM and Node types. */
const compilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  allowJs: true,
  checkJs: true,
  skipLibCheck: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
  allowImportingTsExtensions: true,
};

/** The Markdown files to check, relative to the root. */
function docFiles() {
  const files = ['README.md'];
  for (const name of readdirSync(join(root, 'packages'))) {
    if (existsSync(join(root, 'packages', name, 'README.md'))) files.push(`packages/${name}/README.md`);
  }
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return files.sort();
}

/**
 * The code blocks of one Markdown document, with their directives. `line` is the 1-based line of the
 * block's first line of code.
 */
export function extractBlocks(doc, text) {
  const lines = text.split('\n');
  const blocks = [];
  const problems = [];
  let pending = []; // directives seen since the last block or paragraph
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (open) {
      const [, indent, fence, tag] = open;
      let end = i + 1;
      while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
      const language = languages[tag.toLowerCase()];
      if (language) {
        const code = lines
          .slice(i + 1, end)
          .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
        blocks.push({ doc, line: i + 2, language, code, directives: pending });
      } else if (pending.length > 0) {
        problems.push({
          doc,
          line: pending[0].line,
          message: `check-docs comment above a ${tag || 'plain'} block`,
        });
      }
      pending = [];
      i = end;
      continue;
    }
    const comment = /^\s*<!--\s*check-docs:\s*/.exec(lines[i]);
    if (comment) {
      const start = i;
      let body = lines[i].slice(comment[0].length);
      while (!body.includes('-->') && i + 1 < lines.length) body += `\n${lines[++i]}`;
      body = body.slice(0, body.indexOf('-->')).trim();
      const [, kind, rest] = /^(\S*)\s*([\s\S]*)$/.exec(body);
      if (kind === 'skip' && rest.trim().length < 8) {
        problems.push({ doc, line: start + 1, message: 'check-docs: skip needs a reason' });
      } else if (!['skip', 'prelude', 'file'].includes(kind)) {
        problems.push({ doc, line: start + 1, message: `check-docs: unknown directive "${kind}"` });
      }
      pending.push({ kind, value: rest.trim(), line: start + 1 });
      continue;
    }
    if (lines[i].trim() !== '' && pending.length > 0) {
      problems.push({
        doc,
        line: pending[0].line,
        message: 'check-docs comment not directly above a code block',
      });
      pending = [];
    }
  }
  return { blocks, problems };
}

/** Virtual source files for the blocks, each with a map from its lines back to the Markdown. */
function toSources(blocks) {
  const sources = new Map();
  const skipped = [];
  for (const block of blocks) {
    const skip = block.directives.find((d) => d.kind === 'skip');
    if (skip) {
      skipped.push({ ...block, reason: skip.value });
      continue;
    }
    const name = block.directives.find((d) => d.kind === 'file')?.value ?? `L${block.line}.${block.language}`;
    const path = join(virtualRoot, block.doc.replaceAll('/', '__'), name);
    const text = [];
    const lineMap = [];
    for (const directive of block.directives.filter((d) => d.kind === 'prelude')) {
      for (const line of directive.value.split('\n')) {
        text.push(line);
        lineMap.push(directive.line);
      }
    }
    block.code.forEach((line, index) => {
      text.push(line);
      lineMap.push(block.line + index);
    });
    // `export {}` makes every block a module of its own, also one without imports.
    sources.set(path, { block, text: `${text.join('\n')}\nexport {};\n`, lineMap });
  }
  return { sources, skipped };
}

/** One program over every block; returns the diagnostics as `file:line:column message` records. */
function compile(sources) {
  const host = ts.createCompilerHost(compilerOptions, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.directoryExists = (dir) => dir.startsWith(virtualRoot) || (directoryExists?.(dir) ?? true);
  host.fileExists = (file) => sources.has(file) || fileExists(file);
  host.readFile = (file) => sources.get(file)?.text ?? readFile(file);
  host.getSourceFile = (file, languageVersion, ...rest) =>
    sources.has(file)
      ? ts.createSourceFile(file, sources.get(file).text, languageVersion, true)
      : getSourceFile(file, languageVersion, ...rest);
  const cache = ts.createModuleResolutionCache(root, (x) => x, compilerOptions);
  const resolve = (name, from) =>
    ts.resolveModuleName(name, from, compilerOptions, host, cache).resolvedModule;
  // Our packages resolve from this checkout's packages/ folder through their own `exports` (self-name),
  // exactly as in an app's node_modules. Other imports resolve from the app (the root), else from a
  // package or app of the workspace that depends on them, as though the reader had installed them.
  const fallbacks = ['packages/server', 'packages/ui', 'packages/react', 'packages/client', 'apps/demo'];
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map(({ text: name }) => {
      const ours = /^@mfa-kit\/([^/]+)/.exec(name);
      if (ours) return { resolvedModule: resolve(name, join(root, 'packages', ours[1], 'index.ts')) };
      let resolved = resolve(name, containingFile);
      for (const dir of fallbacks) resolved ??= resolve(name, join(root, dir, 'index.ts'));
      return { resolvedModule: resolved };
    });
  const program = ts.createProgram([ambientFile, ...sources.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
    const file = diagnostic.file?.fileName;
    const source = file && sources.get(file);
    if (!diagnostic.file) return { doc: null, line: 0, column: 0, code: diagnostic.code, message };
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    if (!source)
      return {
        doc: relative(root, file),
        line: line + 1,
        column: character + 1,
        code: diagnostic.code,
        message,
      };
    return {
      doc: source.block.doc,
      line: source.lineMap[line] ?? source.block.line,
      column: character + 1,
      code: diagnostic.code,
      message,
    };
  });
}

/** A document that must fail where it says: the check proves it can catch a broken block. */
const selfTestDoc = 'scripts/check-docs.self-test.md';
const selfTest = [
  '# A fixture of check-docs',
  '',
  '```ts',
  "import { createMfaClient } from '@mfa-kit/client';",
  '',
  "const client = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: () => null });",
  'await client.verifyTotp({ cod: 123456 });', // line 7: no such option, and not a string
  '```',
  '',
  '<!-- check-docs: prelude declare const typed: string; -->',
  '',
  '```tsx',
  'const length: number = typed;', // line 13: a prelude's name is seen, with its type
  '```',
  '',
  '<!-- check-docs: skip -->', // line 16: a skip without a reason
  '',
  '```ts',
  'this is not TypeScript',
  '```',
].join('\n');
const selfTestExpected = [
  `${selfTestDoc}:7 TS2769`,
  `${selfTestDoc}:13 TS2322`,
  `${selfTestDoc}:16 check-docs: skip needs a reason`,
];

const format = (d) => (d.doc ? `${d.doc}:${d.line}${d.column ? `:${d.column}` : ''}` : '(program)');

const unbuilt = readdirSync(join(root, 'packages')).filter(
  (name) => !existsSync(join(root, 'packages', name, 'dist')),
);
if (unbuilt.length > 0) {
  console.error(
    `check-docs checks the built packages: run \`pnpm build\` first (no dist in ${unbuilt.join(', ')})`,
  );
  process.exit(1);
}

const started = performance.now();
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = only.length > 0 ? only.map((file) => relative(root, resolve(file))) : docFiles();
const blocks = [];
const problems = [];
for (const [doc, text] of [
  [selfTestDoc, selfTest],
  ...files.map((file) => [file, readFileSync(join(root, file), 'utf8')]),
]) {
  const extracted = extractBlocks(doc, text);
  blocks.push(...extracted.blocks);
  problems.push(...extracted.problems);
}
const { sources, skipped } = toSources(blocks);
const diagnostics = compile(sources);

const isSelfTest = (d) => d.doc === selfTestDoc;
const got = [
  ...diagnostics.filter(isSelfTest).map((d) => `${d.doc}:${d.line} TS${d.code}`),
  ...problems.filter(isSelfTest).map((p) => `${p.doc}:${p.line} ${p.message}`),
].sort();
if (JSON.stringify(got) !== JSON.stringify([...selfTestExpected].sort())) {
  console.error(
    `check-docs failed its self-test: a broken block must fail at its Markdown line.\n  expected: ${selfTestExpected.join(', ')}\n  got:      ${got.join(', ') || 'nothing'}`,
  );
  for (const d of diagnostics.filter(isSelfTest)) console.error(`  ${format(d)} TS${d.code}: ${d.message}`);
  process.exit(1);
}

const errors = [
  ...problems.filter((p) => !isSelfTest(p)).map((p) => `${format(p)} ${p.message}`),
  ...diagnostics.filter((d) => !isSelfTest(d)).map((d) => `${format(d)} error TS${d.code}: ${d.message}`),
];
const docBlocks = blocks.filter((b) => b.doc !== selfTestDoc);
const docSkipped = skipped.filter((b) => b.doc !== selfTestDoc);
for (const error of errors) console.error(error);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `check-docs: ${docBlocks.length - docSkipped.length} code blocks in ${files.length} files compiled in ${seconds} s, ${docSkipped.length} skipped${errors.length > 0 ? `, ${errors.length} errors` : ''}`,
);
for (const block of docSkipped) console.log(`  skipped ${block.doc}:${block.line}: ${block.reason}`);
process.exit(errors.length > 0 ? 1 : 0);
