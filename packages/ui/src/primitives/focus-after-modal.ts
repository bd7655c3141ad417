/**
 * Moves focus to what `find` returns. A modal dialog that is still closing (the step-up prompt, while the
 * action it unlocked already rendered its result) traps focus and would bounce it back; so while focus
 * does not land, this tries again on the next frames, for about a second.
 */
export function focusAfterModal(find: () => HTMLElement | null | undefined, frames = 60): void {
  const element = find();
  if (!element) return;
  element.focus();
  if (document.activeElement === element || frames <= 0) return;
  requestAnimationFrame(() => focusAfterModal(find, frames - 1));
}
