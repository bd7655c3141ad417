#!/usr/bin/env node
/**
 * CI must run exactly the test command README.md gives. This reads the command from README's Quick start
 * (the fenced line after "Run every test") and from .ci/run (TEST_COMMAND=...) and fails if they differ.
 */
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const ci = readFileSync(`${root}.ci/run`, 'utf8');
const fromReadme = /Run every test[\s\S]*?```(?:sh|bash)?\n([^\n]+)\n```/.exec(readme)?.[1]?.trim();
const fromCi = /^TEST_COMMAND='([^']+)'$/m.exec(ci)?.[1]?.trim();
if (!fromReadme || !fromCi || fromReadme !== fromCi) {
  console.error(`README's test command and .ci/run differ:\n  README: ${fromReadme}\n  .ci/run: ${fromCi}`);
  process.exit(1);
}
