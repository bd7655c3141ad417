import { expect } from 'vitest';

/**
 * `element` has focus as a keyboard user's does (`:focus-visible`), yet draws no focus ring: it is a
 * heading or a message that script focused for screen readers, which nobody can operate.
 */
export function expectNoFocusRing(element: Element) {
  expect(element.matches(':focus-visible')).toBe(true);
  const style = getComputedStyle(element);
  expect([style.outlineStyle, style.boxShadow]).toEqual(['none', 'none']);
}
