import { Component, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { createContext } from './create-context.js';

interface ThingValue {
  label: string;
  count: number;
}

const [ThingProvider, useThing] = createContext<ThingValue>('Thing');
const [ThingItemProvider, useThingItem] = createContext<{ id: string }>('Thing', 'Item');

/** Catches what a part throws while rendering, so the test can read its message. */
class Catch extends Component<{ children: ReactNode; onError: (error: Error) => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

async function errorOf(element: ReactNode): Promise<Error | undefined> {
  let caught: Error | undefined;
  // React reports the caught error on the console too; the test reads it from the boundary instead.
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await render(<Catch onError={(error) => (caught = error)}>{element}</Catch>);
  } finally {
    quiet.mockRestore();
  }
  return caught;
}

function Label() {
  return <span>{useThing('Label').label}</span>;
}

function ItemId() {
  return <span>{useThingItem('Id').id}</span>;
}

function Spy({ seen }: { seen: ThingValue[] }) {
  seen.push(useThing('Spy'));
  return null;
}

describe('createContext', () => {
  it('gives each part the value its Provider was given', async () => {
    const screen = await render(
      <ThingProvider label="Hello" count={1}>
        <Label />
        <ThingItemProvider id="row-1">
          <ItemId />
        </ThingItemProvider>
      </ThingProvider>,
    );
    await expect.element(screen.getByText('Hello')).toBeInTheDocument();
    await expect.element(screen.getByText('row-1')).toBeInTheDocument();
  });

  it('names the part and the missing parent when a part is used outside it', async () => {
    expect((await errorOf(<Label />))?.message).toBe('<Thing.Label> must be inside <Thing.Root>');
    expect((await errorOf(<ItemId />))?.message).toBe('<Thing.Id> must be inside <Thing.Item>');
  });

  it('keeps the same value while the props are the same, and makes a new one when one changes', async () => {
    const seen: ThingValue[] = [];
    // A new Spy element on every render, so it re-renders with its parent and reads the context again.
    const tree = (label: string, count: number) => (
      <ThingProvider label={label} count={count}>
        <Spy seen={seen} />
      </ThingProvider>
    );
    const screen = await render(tree('a', 1));
    await screen.rerender(tree('a', 1));
    await screen.rerender(tree('a', 2));
    await screen.rerender(tree('b', 2));
    expect(seen).toHaveLength(4);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[1]);
    expect(seen[2]).toEqual({ label: 'a', count: 2 });
    expect(seen[3]).not.toBe(seen[2]);
    expect(seen[3]).toEqual({ label: 'b', count: 2 });
  });
});
