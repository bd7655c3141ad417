import { type Ref, type RefCallback, useCallback } from 'react';

/**
 * Runs the app's handler first, then ours unless the app called `event.preventDefault()` (Radix's
 * `composeEventHandlers`): a part can take `onClick` from the app without losing its own behaviour, and
 * the app can still opt out of ours.
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}

/** Sets one ref; a callback ref's React 19 cleanup, if it returned one, comes back. */
function setRef<T>(ref: Ref<T> | undefined, value: T | null): unknown {
  if (typeof ref === 'function') return ref(value);
  if (ref) ref.current = value;
}

/** One ref callback that sets every ref given (Radix's `composeRefs`); React 19 cleanups are kept. */
export function composeRefs<T>(...refs: Array<Ref<T> | undefined>): RefCallback<T> {
  return (node) => {
    const cleanups = refs.map((ref) => setRef(ref, node));
    // A ref that returned a cleanup gets it called; any other is set to null, as React does.
    return () => {
      cleanups.forEach((cleanup, index) => {
        if (typeof cleanup === 'function') cleanup();
        else setRef(refs[index], null);
      });
    };
  };
}

/** `composeRefs` as a hook, stable while the refs are (Radix's `useComposedRefs`). */
export function useComposedRefs<T>(...refs: Array<Ref<T> | undefined>): RefCallback<T> {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are the dependency list
  return useCallback(composeRefs(...refs), refs);
}
