import { RateLimiterMemory } from 'rate-limiter-flexible';
import { LIMITS } from '@/lib/model';

/** Whom a sign-in attempt is counted against. */
export interface SignInAttempt {
  name: string;
  address: string;
}

/**
 * Counts failed sign-ins and says how long to wait before the next attempt. An attempt counts as failed from the
 * moment it is let through, and a success takes that back: a burst of attempts sent at once cannot all pass
 * before the first of them is counted. An interface so that a limiter shared by several app servers
 * (rate-limiter-flexible's PostgreSQL store, say) can replace the in-memory one.
 */
export interface SignInLimiter {
  /** Seconds to wait before this attempt may be made, or 0: then it may, and counts as failed until `succeed`. */
  attempt(attempt: SignInAttempt): Promise<number>;
  /** The attempt succeeded: the failures of this name (from this address and overall) are forgotten; the address's keep all but this one. */
  succeed(attempt: SignInAttempt): Promise<void>;
}

interface Counter {
  key: (a: SignInAttempt) => string;
  limit: number;
  resetOnSuccess: boolean;
}

const COUNTERS: readonly Counter[] = [
  { key: (a) => `name-address:${a.name}\u0000${a.address}`, limit: LIMITS.signInFailuresPerNameAndAddress, resetOnSuccess: true },
  { key: (a) => `address:${a.address}`, limit: LIMITS.signInFailuresPerAddress, resetOnSuccess: false },
  { key: (a) => `name:${a.name}`, limit: LIMITS.signInFailuresPerName, resetOnSuccess: true },
];

/** The wait after `failures` failures against a counter of `limit`: none below it, then doubling from the base. */
export function getBackoffSeconds(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(LIMITS.signInMaxWaitSeconds, LIMITS.signInBaseWaitSeconds * 2 ** Math.min(failures - limit, 20));
}

/** The limiter of one server process: rate-limiter-flexible's in-memory counters, which expire by themselves. */
export class MemorySignInLimiter implements SignInLimiter {
  /** Failures per key within the window. */
  private readonly failures = new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: LIMITS.signInWindowSeconds });
  /** Keys made to wait: blocked until the wait is over. */
  private readonly waits = new RateLimiterMemory({ points: 1, duration: LIMITS.signInMaxWaitSeconds });

  async attempt(attempt: SignInAttempt): Promise<number> {
    let ms = 0;
    for (const counter of COUNTERS) {
      const blocked = await this.waits.get(counter.key(attempt));
      if (blocked && blocked.consumedPoints > 1) ms = Math.max(ms, blocked.msBeforeNext);
    }
    if (ms > 0) return Math.ceil(ms / 1000);
    for (const counter of COUNTERS) {
      const key = counter.key(attempt);
      const { consumedPoints } = await this.failures.penalty(key);
      const wait = getBackoffSeconds(consumedPoints, counter.limit);
      if (wait) await this.waits.block(key, wait);
    }
    return 0;
  }

  async succeed(attempt: SignInAttempt): Promise<void> {
    for (const counter of COUNTERS) {
      const key = counter.key(attempt);
      if (counter.resetOnSuccess) {
        await this.failures.delete(key);
        await this.waits.delete(key);
      } else {
        await this.failures.reward(key);
      }
    }
  }
}
