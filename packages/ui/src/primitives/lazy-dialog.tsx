'use client';
/**
 * The kit's modal dialogs are Radix Dialog and AlertDialog, loaded on demand: after the page has gone
 * idle (so the first open is instant) or at once when a dialog opens first. Until then a closed dialog
 * renders nothing, as it would anyway; the code stays off an app's first load.
 */
import { type Ref, useEffect, useRef, useState } from 'react';
import { useComposedRefs } from './compose.js';

export type RadixDialogs = typeof import('./radix-dialogs.js');

let loaded: RadixDialogs | null = null;
let loading: Promise<RadixDialogs> | null = null;

/** Loads the dialogs once; a failed load (a chunk that did not arrive) is tried again next time. */
export function loadRadixDialogs(): Promise<RadixDialogs> {
  loading ??= import('./radix-dialogs.js').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Schedules `task` for when the browser is idle (or soon, where it cannot tell); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 200);
  return () => clearTimeout(handle);
}

/**
 * Radix's dialogs once loaded, else `null`. Loads them when the page is idle, or now when `needed`
 * (a dialog is open). Renders the same on the server and at hydration: `null`, until an effect ran.
 * When they cannot be loaded while needed (offline, or a deploy replaced the chunk), `onUnavailable`
 * runs, so the caller can close what it opened; the next idle time or open tries again.
 */
export function useRadixDialogs(needed: boolean, onUnavailable?: () => void): RadixDialogs | null {
  const [radix, setRadix] = useState<RadixDialogs | null>(null);
  const unavailable = useRef(onUnavailable);
  useEffect(() => {
    unavailable.current = onUnavailable;
  });
  useEffect(() => {
    if (radix) return;
    if (loaded) {
      setRadix(loaded);
      return;
    }
    let live = true;
    const load = () => {
      loadRadixDialogs().then(
        (module) => {
          if (live) setRadix(module);
        },
        () => {
          if (live && needed) unavailable.current?.();
        },
      );
    };
    if (needed) {
      load();
      return () => {
        live = false;
      };
    }
    const cancel = whenIdle(load);
    return () => {
      live = false;
      cancel();
    };
  }, [radix, needed]);
  return radix;
}

/**
 * A button that opens a modal dialog, Radix's `Dialog.Trigger` done by hand (the trigger renders before
 * Radix has loaded): the open state, the button's ARIA and ref, and focus back on the button on close.
 */
export type LazyModal = ReturnType<typeof useLazyModal>;

export function useLazyModal(forwardedRef: Ref<HTMLButtonElement>) {
  const [open, setOpen] = useState(false);
  // A dialog whose code cannot arrive closes again, so the button can be pressed once more.
  const radix = useRadixDialogs(open, () => setOpen(false));
  const button = useRef<HTMLButtonElement | null>(null);
  const ref = useComposedRefs(button, forwardedRef);
  return {
    open,
    setOpen,
    radix,
    trigger: {
      ref,
      'aria-haspopup': 'dialog' as const,
      'aria-expanded': open,
      'data-state': open ? ('open' as const) : ('closed' as const),
    },
    /** For the dialog content's `onCloseAutoFocus`: focus returns to the button that opened it. */
    onCloseAutoFocus(event: Event) {
      event.preventDefault();
      button.current?.focus();
    },
  };
}
