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

function setRef<T>(ref: Ref<T> | undefined, value: T | null): (() => void) | undefined {
  if (typeof ref === 'function') {
    const cleanup = ref(value);
    return typeof cleanup === 'function' ? cleanup : () => ref(null);
  }
  if (ref) ref.current = value;
  return undefined;
}

/** One ref callback that sets every ref given (Radix's `composeRefs`); React 19 cleanups are kept. */
export function composeRefs<T>(...refs: Array<Ref<T> | undefined>): RefCallback<T> {
  return (node) => {
    const cleanups = refs.map((ref) => setRef(ref, node));
    return () => {
      for (const [index, cleanup] of cleanups.entries()) {
        if (cleanup) cleanup();
        else setRef(refs[index], null);
      }
    };
  };
}

/** `composeRefs` as a hook, stable while the refs are (Radix's `useComposedRefs`). */
export function useComposedRefs<T>(...refs: Array<Ref<T> | undefined>): RefCallback<T> {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are the dependency list
  return useCallback(composeRefs(...refs), refs);
}
