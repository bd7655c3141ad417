import { describe, expect, it } from 'vitest';
import { dialogsFetched, idle, setup } from './test/lazy-dialog.js';

describe('dialogs loaded on demand', () => {
  it('are not part of the first load, and are fetched when the page goes idle', async () => {
    await setup();
    expect(idle.length).toBeGreaterThan(0);
    expect(dialogsFetched()).toBe(false);
    for (const callback of idle) callback({ didTimeout: false, timeRemaining: () => 50 });
    await expect.poll(dialogsFetched).toBe(true);
  });
});
