/**
 * Long pure work written as a generator that pauses (`yield`) between steps of bounded size: a server drives it
 * with `inTurns`, a turn of the event loop between the steps, so one import never holds the server for all of
 * its work (other requests are answered in between); anything else runs it at once with `runSteps`.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Resolves on a later turn of the event loop, after what is waiting (a timer: the same in Node and a browser). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs the steps one a turn and returns the result. */
export async function inTurns<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
