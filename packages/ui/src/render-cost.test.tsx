/**
 * Render cost, measured with React's Profiler (render counts, not time, so the test is deterministic):
 * typing a code re-renders the code field and nothing around it.
 */
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CodeInput, MfaUiProvider } from './index.js';

function counter() {
  const commits: Array<{ id: string; phase: string }> = [];
  const onRender: ProfilerOnRenderCallback = (id, phase) => {
    commits.push({ id, phase });
  };
  return { commits, onRender };
}

function Page({ onRender }: { onRender: ProfilerOnRenderCallback }) {
  return (
    <MfaUiProvider>
      <Profiler id="header" onRender={onRender}>
        <header>
          <h1>Acme Wallet</h1>
          <p>Two-step verification</p>
        </header>
      </Profiler>
      <Profiler id="code" onRender={onRender}>
        <CodeInput onComplete={() => {}} />
      </Profiler>
      <Profiler id="footer" onRender={onRender}>
        <footer>
          <button type="button">Use another method</button>
        </footer>
      </Profiler>
    </MfaUiProvider>
  );
}

describe('render cost', () => {
  it('re-renders nothing outside CodeInput while a 6-digit code is typed', async () => {
    const { commits, onRender } = counter();
    await render(<Page onRender={onRender} />);
    const mounted = commits.length;
    expect(commits.map((c) => c.id).sort()).toEqual(['code', 'footer', 'header']);

    await userEvent.click(page.getByLabelText('Verification code'));
    await userEvent.keyboard('492039');

    const updates = commits.slice(mounted);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((commit) => commit.id === 'code')).toBe(true);
    // A bounded number of commits per keystroke (value, caret), never one per slot.
    expect(updates.length).toBeLessThanOrEqual(6 * 3 + 2);
  });
});
