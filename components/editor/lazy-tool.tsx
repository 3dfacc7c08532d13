'use client';

import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { loadRowEditor } from '@/lib/editor/lazy-row-editor';

/**
 * Panels, dialogs and tools that nobody needs before they open them: their code is a chunk of its own, so the
 * editor page's first load and its first editable row do not carry it. Each is fetched when first rendered (a
 * click or a shortcut opens it as soon as it is here), or earlier, when the editor has been open a few seconds and
 * the browser is idle (`usePrefetchTools`), so a click usually finds it loaded.
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

/** How long after the row editor's code has arrived before the tools' code is fetched: the first edit goes first. */
const PREFETCH_AFTER_MS = 3000;

/**
 * Fetches every tool's code once the row editor's code is here, a few seconds have passed and the browser is
 * idle: never in front of the first editable row, whatever the speed of the machine.
 */
export function usePrefetchTools(): void {
  useEffect(() => {
    let cancelled = false;
    let timer: number | null = null;
    let idle: number | null = null;
    const run = () => {
      for (const preload of preloads) void preload().catch(() => undefined);
    };
    void loadRowEditor()
      .catch(() => undefined)
      .then(() => {
        if (cancelled) return;
        timer = window.setTimeout(() => {
          if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(run, { timeout: 5000 });
          else run();
        }, PREFETCH_AFTER_MS);
      });
    return () => {
      cancelled = true;
      if (timer !== null) window.clearTimeout(timer);
      if (idle !== null) window.cancelIdleCallback(idle);
    };
  }, []);
}
