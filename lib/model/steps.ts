/**
 * Long pure work written as a generator that pauses (`yield`) between steps of bounded size: a server drives it
 * with a turn of the event loop between the steps (lib/service/next-turn.ts `inTurns`), so one import never holds
 * the server for all of its work; anything else runs it at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
