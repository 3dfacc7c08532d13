import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Fails the test instead of hanging when `promise` does not settle in time. */
function within<T>(promise: Promise<T>, ms = 1000): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`did not settle within ${ms} ms`)))]);
}

describe('KeyedLock', () => {
  it('runs tasks of one key in arrival order, never two at once', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let active = 0;
    let maxActive = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        lock.run('doc', async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          events.push(`start ${i}`);
          // Earlier tasks take longer: without the lock, later ones would finish first.
          await sleep(12 - i);
          events.push(`end ${i}`);
          active--;
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
    expect(maxActive).toBe(1);
    expect(events).toEqual(Array.from({ length: 12 }, (_, i) => [`start ${i}`, `end ${i}`]).flat());
  });

  it('does not start a task before the one queued before it has settled, even when that one fails', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const first = lock.run('doc', async () => {
      events.push('first start');
      await sleep(10);
      events.push('first fail');
      throw new Error('boom');
    });
    const second = lock.run('doc', async () => {
      events.push('second start');
      return 'ok';
    });
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('ok');
    expect(events).toEqual(['first start', 'first fail', 'second start']);
  });

  it('keeps going after a task that throws synchronously', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('doc', (() => {
      throw new Error('sync boom');
    }) as () => Promise<never>);
    await expect(failing).rejects.toThrow('sync boom');
    await expect(within(lock.run('doc', async () => 'next'))).resolves.toBe('next');
  });

  it('keeps going after many failures in a row, in order', async () => {
    const lock = new KeyedLock();
    const order: number[] = [];
    const runs = Array.from({ length: 10 }, (_, i) =>
      lock.run('doc', async () => {
        order.push(i);
        if (i % 2 === 0) throw new Error(`fail ${i}`);
        return i;
      }),
    );
    const settled = await Promise.allSettled(runs);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(settled.map((s) => s.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 'fulfilled' : 'rejected')));
  });

  it('runs tasks of different keys at the same time', async () => {
    const lock = new KeyedLock();
    const aStarted = deferred();
    const bStarted = deferred();
    // Each task waits for the other to start: this finishes only if both run at once.
    const a = lock.run('a', async () => {
      aStarted.resolve();
      await bStarted.promise;
      return 'a';
    });
    const b = lock.run('b', async () => {
      bStarted.resolve();
      await aStarted.promise;
      return 'b';
    });
    await expect(within(Promise.all([a, b]))).resolves.toEqual(['a', 'b']);
  });

  it('does not hold up a key behind a slow task of another key', async () => {
    const lock = new KeyedLock();
    const release = deferred();
    const slow = lock.run('slow', () => release.promise.then(() => 'slow'));
    await expect(within(lock.run('fast', async () => 'fast'))).resolves.toBe('fast');
    release.resolve();
    await expect(slow).resolves.toBe('slow');
  });

  it('accepts new tasks for a key after its queue has drained', async () => {
    const lock = new KeyedLock();
    await lock.run('doc', async () => 1);
    await sleep(0);
    let running = 0;
    const seen: number[] = [];
    await Promise.all(
      [1, 2, 3].map(() =>
        lock.run('doc', async () => {
          running++;
          seen.push(running);
          await sleep(1);
          running--;
        }),
      ),
    );
    expect(seen).toEqual([1, 1, 1]);
  });
});
