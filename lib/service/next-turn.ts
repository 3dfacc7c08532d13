import type { Steps } from '@/lib/model/steps';

/**
 * Resolves on a later turn of the event loop, after the I/O that is waiting. Long use cases (an import of a large
 * text: parse, validate, write) await it between their steps, so no single turn holds the server for all of them
 * and a request such as `/api/health` is answered in between.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs stepped model work (lib/model/steps.ts) one step a turn. */
export async function inTurns<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
