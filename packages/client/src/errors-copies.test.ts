/**
 * Two copies of @mfa-kit/client in one app (one package upgraded before the other) must still agree on
 * what an MfaError is: an error made by one copy is recognised by the other's isMfaError and instanceof.
 */
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMfaError, MfaError } from './errors.js';

/**
 * A second, separate copy of the package on disk, as a second install would be: the built package copied
 * beside this one (so that its own dependencies resolve) and loaded from there. `pnpm build` first.
 */
async function secondCopy(): Promise<typeof import('./index.js')> {
  const built = fileURLToPath(new URL('../dist', import.meta.url));
  const copy = fileURLToPath(new URL('../node_modules/.second-copy/', import.meta.url));
  await rm(copy, { recursive: true, force: true });
  await cp(built, copy, { recursive: true });
  return import(/* @vite-ignore */ pathToFileURL(join(copy, 'index.js')).href);
}

describe('MfaError across copies of the package', () => {
  it('is a separate class in the second copy', async () => {
    const other = await secondCopy();
    expect(other.MfaError).not.toBe(MfaError);
  });

  it('is recognised by isMfaError and instanceof of either copy, with its code', async () => {
    const other = await secondCopy();
    const theirs = new other.MfaError('rate_limited', 'too many', { retryAfter: 3 });
    expect(isMfaError(theirs)).toBe(true);
    expect(isMfaError(theirs, 'rate_limited')).toBe(true);
    expect(isMfaError(theirs, 'invalid_code')).toBe(false);
    expect(theirs instanceof MfaError).toBe(true);
    const ours = new MfaError('expired', 'gone');
    expect(other.isMfaError(ours, 'expired')).toBe(true);
    expect(ours instanceof other.MfaError).toBe(true);
  });

  it('recognises nothing else: other errors, look-alikes by name, null', () => {
    expect(isMfaError(new Error('x'))).toBe(false);
    expect(isMfaError(Object.assign(new Error('x'), { name: 'MfaError', code: 'expired' }))).toBe(false);
    expect(isMfaError({ code: 'expired' })).toBe(false);
    expect(isMfaError(null)).toBe(false);
    expect(new Error('x') instanceof MfaError).toBe(false);
  });
});
