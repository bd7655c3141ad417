import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './mask.js';

describe('masked destinations', () => {
  it('shows the first character of an address and its domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskEmail('j@example.com')).toBe('j•••@example.com');
    expect(maskEmail('émile@exemple.fr')).toBe('é•••@exemple.fr');
    expect(maskEmail('🦊fox@example.com')).toBe('🦊•••@example.com');
    expect(maskEmail('no-at-sign')).toBe('•••');
  });

  it('shows only the last four digits of a number', () => {
    expect(maskPhone('+4915112345678')).toBe('•••• 5678');
    expect(maskPhone('+1 (415) 555-0134')).toBe('•••• 0134');
  });
});
