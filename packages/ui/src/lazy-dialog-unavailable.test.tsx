import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { setup } from './test/lazy-dialog.js';

// The dialogs' code never arrives: offline, or a deploy replaced the chunk.
beforeAll(() => commands.blockUrls(['*radix-dialogs*']));
afterAll(() => commands.blockUrls([]));

describe('dialogs whose code cannot be loaded', () => {
  it('close again, so the button can be pressed once more', async () => {
    await setup();
    const remove = page.getByRole('button', { name: 'Remove Pixel 9' });
    await userEvent.click(remove);
    await expect.element(remove).toHaveAttribute('aria-expanded', 'false');
    await expect.element(remove).toHaveAttribute('data-state', 'closed');
    expect(page.getByRole('alertdialog').query()).toBeNull();
  });

  it('cancel a step-up request instead of leaving it waiting unseen', async () => {
    await setup();
    await userEvent.click(page.getByRole('button', { name: 'Export' }));
    await expect.element(page.getByText('stepup_cancelled')).toBeVisible();
  });
});
