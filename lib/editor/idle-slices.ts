/** What the slices need of the browser (the window in the page; a fake in tests). */
export interface IdleHost {
  requestIdleCallback(callback: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void, options?: { timeout: number }): number;
  cancelIdleCallback(handle: number): void;
  now(): number;
  /** Calls `listener` on each key press, pointer press or wheel turn; returns the unsubscribe. */
  onInput(listener: () => void): () => void;
}

export interface IdleSliceOptions {
  /** No slice runs for this long after the person's last input, so a slice never sits in front of a keystroke. */
  quietMs?: number;
  /** A slice waits at most this long for an idle moment (a page that is never idle still fills in). */
  timeoutMs?: number;
  /**
   * Counts the start as input, so the first slice waits `quietMs` too: work that can wait while the person
   * takes in a page just shown and reaches for it.
   */
  quietStart?: boolean;
}

/**
 * Runs `steps` one per idle moment of the page until `next` returns false (nothing left): the work a page can do
 * after it is usable, never in front of input. While the person types or scrolls, slices wait until they have
 * been quiet for `quietMs`. Returns the stop function.
 */
export function runInIdleSlices(host: IdleHost, next: () => boolean, options: IdleSliceOptions = {}): () => void {
  const quietMs = options.quietMs ?? 800;
  const timeoutMs = options.timeoutMs ?? 2000;
  let lastInput = options.quietStart ? host.now() : Number.NEGATIVE_INFINITY;
  let handle: number | null = null;
  let stopped = false;
  const unsubscribe = host.onInput(() => {
    lastInput = host.now();
  });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (handle !== null) host.cancelIdleCallback(handle);
    handle = null;
    unsubscribe();
  };
  const schedule = () => {
    handle = host.requestIdleCallback(
      (deadline) => {
        handle = null;
        if (stopped) return;
        const quiet = host.now() - lastInput >= quietMs;
        // A timed-out callback during input waits again: typing comes first, however long the work waits.
        if (!quiet || (!deadline.didTimeout && deadline.timeRemaining() < 5)) return schedule();
        if (next()) schedule();
        else stop();
      },
      { timeout: timeoutMs },
    );
  };
  schedule();
  return stop;
}

/** The browser's idle host; null where there is no window (server rendering). */
export function getWindowIdleHost(): IdleHost | null {
  if (typeof window === 'undefined') return null;
  const ric =
    typeof window.requestIdleCallback === 'function'
      ? window.requestIdleCallback.bind(window)
      : (cb: (d: { timeRemaining(): number; didTimeout: boolean }) => void) => window.setTimeout(() => cb({ timeRemaining: () => 50, didTimeout: true }), 50);
  const cancel = typeof window.cancelIdleCallback === 'function' ? window.cancelIdleCallback.bind(window) : window.clearTimeout.bind(window);
  return {
    requestIdleCallback: ric,
    cancelIdleCallback: cancel,
    now: () => performance.now(),
    onInput: (listener) => {
      const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
      for (const type of events) window.addEventListener(type, listener, { capture: true, passive: true });
      return () => {
        for (const type of events) window.removeEventListener(type, listener, { capture: true });
      };
    },
  };
}

/**
 * Runs `fn` once the page is idle (at the latest after `timeoutMs`), or after a zero timeout where there is no
 * requestIdleCallback (Node, tests with fake timers); answers the cancel.
 */
export function whenIdle(fn: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => fn(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(fn, 0);
  return () => clearTimeout(timer);
}
