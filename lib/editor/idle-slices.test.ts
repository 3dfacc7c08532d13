import { describe, expect, it } from 'vitest';
import { runInIdleSlices, type IdleHost } from './idle-slices';

/** A host whose idle moments and clock the test drives. */
function fakeHost() {
  let clock = 0;
  let nextHandle = 1;
  const queued = new Map<number, Parameters<IdleHost['requestIdleCallback']>[0]>();
  const inputs = new Set<() => void>();
  const host: IdleHost = {
    requestIdleCallback: (cb) => {
      queued.set(nextHandle, cb);
      return nextHandle++;
    },
    cancelIdleCallback: (h) => void queued.delete(h),
    now: () => clock,
    onInput: (l) => {
      inputs.add(l);
      return () => inputs.delete(l);
    },
  };
  return {
    host,
    /** One idle moment of `remaining` ms: runs the callbacks queued before it. */
    idle(remaining = 40, didTimeout = false) {
      const due = [...queued.entries()];
      queued.clear();
      for (const [, cb] of due) cb({ timeRemaining: () => remaining, didTimeout });
    },
    advance: (ms: number) => void (clock += ms),
    input: () => inputs.forEach((l) => l()),
    queued: () => queued.size,
    listeners: () => inputs.size,
  };
}

describe('runInIdleSlices', () => {
  it('runs one step per idle moment until there is nothing left, then lets go', () => {
    const h = fakeHost();
    let left = 3;
    runInIdleSlices(h.host, () => --left > 0);
    for (let i = 0; i < 5; i++) h.idle();
    expect(left).toBe(0);
    expect(h.queued()).toBe(0);
    expect(h.listeners()).toBe(0);
  });

  it('with quietStart, waits from the start as after a key press', () => {
    const h = fakeHost();
    let steps = 0;
    runInIdleSlices(h.host, () => ++steps < 2, { quietMs: 800, quietStart: true });
    h.advance(500);
    h.idle();
    expect(steps).toBe(0);
    h.advance(300);
    h.idle();
    expect(steps).toBe(1);
  });

  it('waits while the person is typing, and goes on once they have been quiet', () => {
    const h = fakeHost();
    let steps = 0;
    runInIdleSlices(h.host, () => ++steps < 10, { quietMs: 500 });
    h.idle();
    expect(steps).toBe(1);
    h.input();
    h.advance(100);
    h.idle();
    h.idle(40, true);
    expect(steps).toBe(1);
    h.advance(500);
    h.idle();
    expect(steps).toBe(2);
  });

  it('does nothing in a moment too short, and nothing after stop', () => {
    const h = fakeHost();
    let steps = 0;
    const stop = runInIdleSlices(h.host, () => ++steps < 10);
    h.idle(2);
    expect(steps).toBe(0);
    h.idle(2, true);
    expect(steps).toBe(1);
    stop();
    h.idle();
    expect(steps).toBe(1);
    expect(h.listeners()).toBe(0);
  });
});
