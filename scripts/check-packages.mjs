#!/usr/bin/env node
/**
 * Checks every publishable package the way a consumer meets it: publint (package.json and files) and
 * @arethetypeswrong/cli (types resolve for ESM consumers). Packages are built first by `pnpm build`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = readdirSync(join(root, 'packages')).filter((name) => {
  try {
    return !JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).private;
  } catch {
    return false;
  }
});

let failed = false;
for (const name of packages) {
  const cwd = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  // Stylesheets have no types; attw checks only the JavaScript entry points.
  const css = Object.keys(manifest.exports ?? {}).filter((entry) => entry.endsWith('.css'));
  const exclude = css.length > 0 ? ['--exclude-entrypoints', ...css] : [];
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', '--strict']],
    [
      'attw',
      ['exec', 'attw', '--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped', ...exclude],
    ],
  ]) {
    try {
      execFileSync('pnpm', args, { cwd, stdio: 'pipe', encoding: 'utf8' });
      console.log(`✓ ${tool} @mfa-kit/${name}`);
    } catch (error) {
      failed = true;
      console.error(`✗ ${tool} @mfa-kit/${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
