/**
 * docs/security.md numbers the project's security rules and names, for each, the protocol section it
 * belongs to and the test files that prove it. This test reads that document and holds it and the tests
 * to each other, so that neither can drift:
 *
 * - every rule has a test named `[rule N] …` somewhere under packages/ or apps/, unless the document
 *   says it is not yet proven (rules of a feature not built yet), and a rule said to be not yet proven
 *   that gains a test fails until the document lists the test, so a rule is never both;
 * - every file listed under "Proven by" exists and holds a `[rule N]` test for that rule, and every file
 *   with a `[rule N]` test is listed under rule N;
 * - every link to a heading (of protocol.md or of security.md itself) lands on one.
 *
 * Test names are read with TypeScript's parser, not by pattern: a `[rule N]` name counts when it is the
 * first argument of `it`, `test` or `describe` (also `.each(…)(…)`, `.concurrent`, `.runIf(…)` and the
 * like), and not when the test is `.skip` or `.todo`, since a test that does not run proves nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('.', import.meta.url).pathname, '../../..');
const docs = join(root, 'docs');
const SECURITY = 'docs/security.md';
/** Where tests live. */
const TEST_DIRS = ['packages', 'apps'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'storybook-static', 'test-results']);
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const self = relative(root, new URL(import.meta.url).pathname);

interface Rule {
  number: number;
  title: string;
  /** Link targets on the rule's `- Protocol:` line. */
  protocol: string[];
  /** Repo-relative paths listed under `- Proven by:`; empty when not yet proven. */
  provenBy: string[];
  notYetProven: boolean;
}

const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** The rules of docs/security.md, in document order, with what is wrong with their shape. */
function readRules(text: string): { rules: Rule[]; problems: string[] } {
  const rules: Rule[] = [];
  const problems: string[] = [];
  const sections = text.split(/^(?=#{1,3} )/m);
  for (const section of sections) {
    const heading = /^### Rule (\d+) — (.+)$/m.exec(section);
    if (!heading) {
      if (/^#{1,3} Rule\b/i.test(section))
        problems.push(`a rule heading is not "### Rule N — title": ${section.split('\n')[0]}`);
      continue;
    }
    const number = Number(heading[1]);
    const item = (label: string): string | undefined => {
      // A list item runs until the next item, a blank line or the end of the section.
      const found = new RegExp(`^- ${label}:([\\s\\S]*?)(?=^- |^\\s*$|(?![\\s\\S]))`, 'm').exec(section);
      return found?.[1]?.replace(/\s+/g, ' ').trim();
    };
    const protocolLine = item('Protocol');
    const provenLine = item('Proven by');
    if (protocolLine === undefined) problems.push(`rule ${number} has no "- Protocol:" line`);
    if (provenLine === undefined) problems.push(`rule ${number} has no "- Proven by:" line`);
    const protocol = [...(protocolLine ?? '').matchAll(LINK)].map((link) => link[2] as string);
    if (protocolLine !== undefined && protocol.length === 0)
      problems.push(`rule ${number}: "- Protocol:" links no section of protocol.md`);
    for (const target of protocol)
      if (!target.startsWith('protocol.md#'))
        problems.push(`rule ${number}: "- Protocol:" links ${target}, not a section of protocol.md`);
    const notYetProven = /^not yet proven\b/i.test(provenLine ?? '');
    const provenBy: string[] = [];
    if (!notYetProven) {
      for (const [, label, target] of (provenLine ?? '').matchAll(LINK)) {
        const path = relative(root, resolve(docs, target as string));
        if (label !== path)
          problems.push(`rule ${number}: the link [${label}](${target}) should read as its target, ${path}`);
        provenBy.push(path);
      }
      if (provenLine !== undefined && provenBy.length === 0)
        problems.push(`rule ${number}: "- Proven by:" lists no test file and does not say "not yet proven"`);
    }
    rules.push({ number, title: heading[2] as string, protocol, provenBy, notYetProven });
  }
  return { rules, problems };
}

/** Source files under packages/ and apps/, repo-relative, skipping dependencies and build output. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [relative(root, path)] : [];
  });
}

const TEST_FUNCTIONS = new Set(['it', 'test', 'describe']);
const NOT_RUN = new Set(['skip', 'todo']);

/**
 * The rules a file's test names cite: `it('[rule 4] …')`, `it.each(table)('[rule 13] …')`,
 * `describe.each(kinds)('[rule 32] …')`, `it.concurrent('[rule 9] …')`, and template literals too.
 */
function rulesTestedIn(path: string, text: string): Set<number> {
  const found = new Set<number>();
  if (!/\[rule \d+\]/.test(text)) return found;
  const kind = extname(path).endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  /** `it`, `it.each(t)`, `describe.runIf(c).each(t)` …: the test function and its modifiers. */
  const callee = (expression: ts.Expression, modifiers: string[] = []): [string, string[]] | undefined => {
    if (ts.isIdentifier(expression)) return [expression.text, modifiers];
    if (ts.isPropertyAccessExpression(expression))
      return callee(expression.expression, [...modifiers, expression.name.text]);
    if (ts.isCallExpression(expression)) return callee(expression.expression, modifiers);
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    const fn = ts.isCallExpression(node) ? callee(node.expression) : undefined;
    if (ts.isCallExpression(node) && fn && TEST_FUNCTIONS.has(fn[0])) {
      // Nothing inside a skipped `describe` runs either.
      if (fn[1].some((modifier) => NOT_RUN.has(modifier))) return;
      const name = node.arguments[0];
      const title =
        name && (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))
          ? name.text
          : name && ts.isTemplateExpression(name)
            ? name.head.text
            : undefined;
      const rule = title === undefined ? null : /^\[rule (\d+)\]/.exec(title);
      if (rule) found.add(Number(rule[1]));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** GitHub's anchor for a heading: inline markup dropped, lower case, punctuation removed, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*+/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a markdown file's headings, numbered like GitHub's when a heading repeats. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

const rulesNamed = (numbers: number[]): string =>
  numbers.length === 1 ? `rule ${numbers[0]}` : `rules ${numbers.join(', ')}`;

/** Fails with a message that names every item, since vitest's summary shortens arrays to `[ Array(1) ]`. */
function expectNone(items: string[], problem: string): void {
  expect(items, `${problem}\n  ${items.join('\n  ')}\n`).toEqual([]);
}

const securityText = readFileSync(join(root, SECURITY), 'utf8');
const { rules, problems } = readRules(securityText);
const byNumber = new Map(rules.map((rule) => [rule.number, rule]));
/** Rule → the files whose test names cite it. */
const testedIn = new Map<number, string[]>();
for (const file of TEST_DIRS.flatMap((dir) => sourceFiles(join(root, dir)))) {
  if (file === self) continue;
  for (const rule of rulesTestedIn(file, readFileSync(join(root, file), 'utf8')))
    testedIn.set(rule, [...(testedIn.get(rule) ?? []), file]);
}
const notYetProven = rules.filter((rule) => rule.notYetProven).map((rule) => rule.number);

describe(SECURITY, () => {
  it('numbers its rules 1, 2, 3 … in order, each with a protocol section and its proof', () => {
    const numbers = rules.map((rule) => rule.number);
    const misnumbered = numbers.some((number, index) => number !== index + 1)
      ? [`rules are numbered ${numbers.join(', ')}; they must run 1 to ${rules.length}, in order, each once`]
      : [];
    expect(rules.length, `${SECURITY} has no "### Rule N — title" headings`).toBeGreaterThan(0);
    expectNone([...misnumbered, ...problems], `${SECURITY} has rules out of shape:`);
  });

  it('has a [rule N] test for every rule it does not list as not yet proven', () => {
    const lost = rules.filter((rule) => !rule.notYetProven && !testedIn.has(rule.number));
    expectNone(
      lost.map((rule) => `rule ${rule.number} — ${rule.title}`),
      `${rulesNamed(lost.map((rule) => rule.number))} of ${SECURITY} lost every [rule N] test. Restore the ` +
        'test, or write "- Proven by: not yet proven (…)" under the rule and why. Not yet proven by the ' +
        `document's own account: ${notYetProven.length ? rulesNamed(notYetProven) : 'none'}.`,
    );
  });

  it('lists as not yet proven only rules that have no test yet', () => {
    const proven = notYetProven.filter((rule) => testedIn.has(rule));
    expectNone(
      proven.map((rule) => `rule ${rule}: ${testedIn.get(rule)?.join(', ')}`),
      `${rulesNamed(proven)}, listed as not yet proven in ${SECURITY}, now ${proven.length === 1 ? 'has' : 'have'} ` +
        '[rule N] tests: list those files under "- Proven by:" instead.',
    );
  });

  it('lists under "Proven by" only files that hold a [rule N] test for that rule', () => {
    const wrong = rules.flatMap((rule) =>
      rule.provenBy
        .filter((file) => !testedIn.get(rule.number)?.includes(file))
        .map((file) =>
          existsSync(join(root, file))
            ? `rule ${rule.number}: ${file} has no test named [rule ${rule.number}]`
            : `rule ${rule.number}: ${file} does not exist`,
        ),
    );
    expectNone(wrong, `${SECURITY} names proofs that are not there:`);
  });

  it('lists every file with a [rule N] test under rule N', () => {
    const unlisted = [...testedIn].flatMap(([number, files]) => {
      const rule = byNumber.get(number);
      if (!rule) return files.map((file) => `${file} cites rule ${number}, which ${SECURITY} does not have`);
      return files
        .filter((file) => !rule.provenBy.includes(file))
        .map((file) => `rule ${number}: ${file} is not listed`);
    });
    expectNone(unlisted, `${SECURITY} misses [rule N] tests under "- Proven by:":`);
  });

  it('links only headings that exist, from itself and from docs/protocol.md', () => {
    const protocolText = readFileSync(join(docs, 'protocol.md'), 'utf8');
    const documents = new Map([
      [SECURITY, { text: securityText, headings: anchors(securityText) }],
      ['docs/protocol.md', { text: protocolText, headings: anchors(protocolText) }],
    ]);
    const broken = [...documents].flatMap(([from, { text }]) =>
      [...text.matchAll(LINK)]
        .map((link) => link[2] as string)
        .filter((target) => /^(?:(?:protocol|security)\.md)?#/.test(target))
        .filter((target) => {
          const [file, anchor = ''] = target.split('#');
          return !documents.get(file ? `docs/${file}` : from)?.headings.has(anchor);
        })
        .map((target) => `${from} links ${target}`),
    );
    expectNone(broken, 'links to headings that are not there:');
  });
});

describe('reading the document and the tests', () => {
  it('reads GitHub anchors as GitHub makes them', () => {
    expect(slug('5.6 `POST /verify/totp` — prove a TOTP factor (pending OK)')).toBe(
      '56-post-verifytotp--prove-a-totp-factor-pending-ok',
    );
    expect([...anchors('# A\n```\n# not a heading\n```\n## A\n')]).toEqual(['a', 'a-1']);
  });

  it('counts test names that cite a rule, and nothing else', () => {
    const file = [
      "it('[rule 901] a', () => {});",
      "it.each([[1, (x: number) => x]])('[rule 902] b %s', () => {});",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      'describe.each(kinds)(`[rule 903] ${name}`, () => {});',
      "it.concurrent('[rule 904] c', async () => {});",
      "describe.runIf(pg)('[rule 905] d', () => {});",
      "it.skip('[rule 906] skipped');",
      "it.todo('[rule 907] to do');",
      "describe.skip('skipped', () => { it('[rule 911] inside', () => {}); });",
      "// it('[rule 908] a comment')",
      "const name = '[rule 909] not a test';",
      "it('does not start with [rule 910]', () => {});",
    ].join('\n');
    expect([...rulesTestedIn('example.test.ts', file)]).toEqual([901, 902, 903, 904, 905]);
  });
});
