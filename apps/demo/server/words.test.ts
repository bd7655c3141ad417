/**
 * The recovery phrase's word list against what is said about it: "12 words … from a list of 256 (96
 * bits)" in the README and in words.ts. A word added or removed, or a duplicate, fails here until the
 * claims say the same again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAppDir } from './paths.js';
import { RECOVERY_PHRASE_WORDS, randomRecoveryPhrase, WORD_LIST } from './words.js';

/** A file's text as one line: comment stars and line breaks taken out. */
const read = (path: string) =>
  readFileSync(join(findAppDir(), path), 'utf8')
    .replace(/\n\s*\*(?!\/)/g, ' ')
    .replace(/\s+/g, ' ');

describe('the recovery phrase word list', () => {
  it('holds 256 distinct lowercase words, 8 bits each, so 12 of them make 96 bits', () => {
    expect(WORD_LIST).toHaveLength(256);
    expect(new Set(WORD_LIST).size).toBe(WORD_LIST.length);
    for (const word of WORD_LIST) expect(word).toMatch(/^[a-z]{3,8}$/);
    expect(RECOVERY_PHRASE_WORDS * Math.log2(WORD_LIST.length)).toBe(96);
  });

  it('is described with its real size and strength in words.ts and the README', () => {
    const bits = RECOVERY_PHRASE_WORDS * Math.log2(WORD_LIST.length);
    const source = read('server/words.ts');
    const readme = read('README.md');
    expect(source).toContain(
      `${RECOVERY_PHRASE_WORDS} words drawn with a CSPRNG from the ${WORD_LIST.length} below (${bits} bits)`,
    );
    expect(readme).toContain(
      `${RECOVERY_PHRASE_WORDS} words drawn at sign-up from a list of ${WORD_LIST.length} (${bits} bits)`,
    );
    expect(readme).toContain(`"recoveryPhrase": "maple otter quartz ... (${RECOVERY_PHRASE_WORDS} words)"`);
  });

  it('draws each phrase from the list', () => {
    for (let phrase = 0; phrase < 50; phrase += 1) {
      const words = randomRecoveryPhrase().split(' ');
      expect(words).toHaveLength(RECOVERY_PHRASE_WORDS);
      for (const word of words) expect(WORD_LIST).toContain(word);
    }
  });
});
