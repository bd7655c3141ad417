import '@testing-library/jest-dom/vitest';
import { notifyManager } from '@tanstack/react-query';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// React Query tells components about new data on a `setTimeout(0)` by default, which is after an
// awaited act() has finished; on a microtask, act() sees the update and renders it before returning.
notifyManager.setScheduler(queueMicrotask);

// React reports state updates that escaped act() through console.error; any such update makes the test
// fail, so asynchronous work is always awaited where a user would see it.
let actWarnings: string[] = [];

beforeEach(() => {
  actWarnings = [];
  const original = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/not wrapped in act|act\(\.\.\.\)/.test(text)) actWarnings.push(text);
    original(...args);
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  if (actWarnings.length > 0)
    throw new Error(`React reported updates outside act():\n${actWarnings.join('\n')}`);
});
