import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { dialogsFetched, setup } from './test/lazy-dialog.js';

describe('dialogs loaded on demand', () => {
  it('open at the first click when the page never went idle, and give focus back on close', async () => {
    await setup();
    expect(dialogsFetched()).toBe(false);
    const remove = page.getByRole('button', { name: 'Remove Pixel 9' });
    await expect.element(remove).toHaveAttribute('aria-haspopup', 'dialog');
    await expect.element(remove).toHaveAttribute('aria-expanded', 'false');
    const button = remove.element() as HTMLElement;
    button.focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alertdialog', { name: 'Remove Pixel 9?' })).toBeVisible();
    // (Hidden from the accessibility tree while the modal is open, so read off the element.)
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await expect.element(page.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('alertdialog')).not.toBeInTheDocument();
    await expect.element(remove).toHaveFocus();
    await expect.element(remove).toHaveAttribute('aria-expanded', 'false');
  });
});
