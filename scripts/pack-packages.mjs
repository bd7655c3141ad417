/**
 * Packs the four packages as they would be published (`pnpm pack`: the built dist, package.json with
 * workspace ranges replaced) into a temporary folder, for the checks that install them as an outside
 * app does (check-consumer, check-examples). The packages are built first by `pnpm build`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PACKAGES = ['client', 'react', 'ui', 'server'];

/** `dir`: the folder of the tarballs; `tarball(name)`: its `file:` specifier for a package.json. */
export function packPackages() {
  const root = new URL('..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'mfa-kit-tarballs-'));
  for (const name of PACKAGES) {
    execFileSync('pnpm', ['pack', '--pack-destination', dir], {
      cwd: join(root, 'packages', name),
      stdio: 'pipe',
    });
  }
  const files = readdirSync(dir);
  const tarball = (name) => {
    const file = files.find((candidate) => candidate.startsWith(`mfa-kit-${name}-`));
    if (!file) throw new Error(`no tarball of @mfa-kit/${name} in ${dir}`);
    return `file:${join(dir, file)}`;
  };
  return { dir, tarball };
}
