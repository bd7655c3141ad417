import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { dialogsFetched, setup } from './test/lazy-dialog.js';

describe('dialogs loaded on demand', () => {
  it('show a step-up request that arrives before the page went idle', async () => {
    const backend = await setup();
    expect(dialogsFetched()).toBe(false);
    const exportButton = page.getByRole('button', { name: 'Export' });
    await userEvent.click(exportButton);
    const dialog = page.getByRole('dialog', { name: /Confirm it’s you/ });
    await expect.element(dialog.getByLabelText('Verification code')).toHaveFocus();
    await userEvent.keyboard(backend.code());
    await expect.element(page.getByText('exported')).toBeVisible();
    await expect.element(exportButton).toHaveFocus();
  });
});
