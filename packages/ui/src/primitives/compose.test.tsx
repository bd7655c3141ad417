import { createRef, type Ref, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { composeEventHandlers, composeRefs, useComposedRefs } from './compose.js';

function fakeEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('composeEventHandlers', () => {
  it("runs the app's handler first, then ours", () => {
    const calls: string[] = [];
    const handler = composeEventHandlers(
      () => calls.push('theirs'),
      () => calls.push('ours'),
    );
    handler(fakeEvent());
    expect(calls).toEqual(['theirs', 'ours']);
  });

  it('skips ours when the app called preventDefault()', () => {
    const ours = vi.fn();
    const handler = composeEventHandlers(
      (event: ReturnType<typeof fakeEvent>) => event.preventDefault(),
      ours,
    );
    handler(fakeEvent());
    expect(ours).not.toHaveBeenCalled();
  });

  it('runs ours alone when the app gave no handler', () => {
    const ours = vi.fn();
    const event = fakeEvent();
    composeEventHandlers(undefined, ours)(event);
    expect(ours).toHaveBeenCalledWith(event);
  });
});

describe('composeRefs', () => {
  it('sets function and object refs, and clears both on cleanup', () => {
    const node = document.createElement('div');
    const calls: Array<HTMLDivElement | null> = [];
    const object = createRef<HTMLDivElement>();
    const cleanup = composeRefs<HTMLDivElement>((value) => {
      calls.push(value);
    }, object)(node);
    expect(calls).toEqual([node]);
    expect(object.current).toBe(node);
    expect(typeof cleanup).toBe('function');
    cleanup?.();
    expect(calls).toEqual([node, null]);
    expect(object.current).toBeNull();
  });

  it("calls a React 19 ref's own cleanup instead of calling it with null", () => {
    const node = document.createElement('div');
    const calls: Array<HTMLDivElement | null> = [];
    const ownCleanup = vi.fn();
    const cleanup = composeRefs<HTMLDivElement>((value) => {
      calls.push(value);
      return ownCleanup;
    })(node);
    cleanup?.();
    expect(ownCleanup).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([node]);
  });

  it('skips refs that are undefined or null', () => {
    const node = document.createElement('div');
    const object = createRef<HTMLDivElement>();
    const cleanup = composeRefs<HTMLDivElement>(
      undefined,
      object,
      null as unknown as Ref<HTMLDivElement>,
    )(node);
    expect(object.current).toBe(node);
    cleanup?.();
    expect(object.current).toBeNull();
  });
});

function Composed({ refs }: { refs: Array<Ref<HTMLButtonElement>> }) {
  return (
    <button type="button" ref={useComposedRefs(...refs)}>
      Press
    </button>
  );
}

function Counter({ refs, seen }: { refs: Array<Ref<HTMLSpanElement>>; seen: unknown[] }) {
  const [count, setCount] = useState(0);
  const ref = useComposedRefs(...refs);
  seen.push(ref);
  return (
    <span ref={ref}>
      <button type="button" onClick={() => setCount(count + 1)}>
        {count}
      </button>
    </span>
  );
}

describe('useComposedRefs', () => {
  it('sets every ref on mount and clears them on unmount, through React', async () => {
    const object = createRef<HTMLButtonElement>();
    const calls: Array<HTMLButtonElement | null> = [];
    const callback = (node: HTMLButtonElement | null) => {
      calls.push(node);
    };
    const screen = await render(<Composed refs={[object, callback]} />);
    const button = screen.getByRole('button').element();
    expect(object.current).toBe(button);
    expect(calls).toEqual([button]);
    await screen.unmount();
    expect(object.current).toBeNull();
    expect(calls).toEqual([button, null]);
  });

  it('keeps the same callback while the refs are the same', async () => {
    const object = createRef<HTMLSpanElement>();
    const seen: unknown[] = [];
    const refs = [object];
    const screen = await render(<Counter refs={refs} seen={seen} />);
    await screen.getByRole('button').click();
    await expect.element(screen.getByText('1')).toBeInTheDocument();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(1);
  });
});
