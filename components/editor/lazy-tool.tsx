'use client';

import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';

/**
 * Panels, dialogs and tools that nobody needs before they open them: their code is a chunk of its own, so the
 * editor page's first load and its first editable row do not carry it. Each is fetched when first rendered (a
 * click or a shortcut opens it as soon as it is here), or earlier, when the editor has been idle a moment after
 * opening (`usePrefetchTools`), so a click usually finds it loaded.
 */
const preloads = new Set<() => Promise<unknown>>();

/**
 * A component loaded on first use, in its own Suspense boundary: until its code is here it shows `fallback`
 * (nothing by default; a dialog's own button, so the header does not change while it loads).
 */
export function lazyTool<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P & { fallback?: ReactNode }> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => {
    // A failed fetch (offline) is tried again on the next use.
    loading ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  preloads.add(preload);
  const Lazy = lazy(preload);
  function LazyTool({ fallback = null, ...props }: P & { fallback?: ReactNode }) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...(props as P)} />
      </Suspense>
    );
  }
  return LazyTool;
}

/** How long after the editor opens before the tools' code is fetched: the first edit goes first. */
const PREFETCH_AFTER_MS = 2000;

/** Fetches every tool's code once the editor has been open a moment and the browser is idle. */
export function usePrefetchTools(): void {
  useEffect(() => {
    let idle: number | null = null;
    const timer = window.setTimeout(() => {
      const run = () => {
        for (const preload of preloads) void preload().catch(() => undefined);
      };
      if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(run, { timeout: 5000 });
      else run();
    }, PREFETCH_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      if (idle !== null) window.cancelIdleCallback(idle);
    };
  }, []);
}
