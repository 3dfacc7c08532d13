import { createHash } from 'node:crypto';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { LIMITS } from '@/lib/model';

/** Whom a sign-in attempt is counted against. */
export interface SignInAttempt {
  name: string;
  address: string;
}

/**
 * Counts failed sign-ins and says how long to wait before the next attempt. An attempt counts as failed from the
 * moment it is let through, and a success takes that back: a burst of attempts sent at once cannot all pass
 * before the first of them is counted. With DATABASE_URL the counts live in PostgreSQL, shared by every app server
 * (lib/auth/sign-in.ts picks the counters).
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

/**
 * A counter's key from what the attempt sent: readable when short and plain, else a digest, so the key fits a
 * database column (255 characters) and holds no character a database refuses (NUL).
 */
function keyOf(kind: string, ...parts: string[]): string {
  const raw = parts.join(' ');
  const plain = raw.length <= 200 && [...raw].every((c) => c >= ' ' && c !== '\u007f');
  return `${kind}:${plain ? raw : `#${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`}`;
}

const COUNTERS: readonly Counter[] = [
  { key: (a) => keyOf('name-address', a.name, a.address), limit: LIMITS.signInFailuresPerNameAndAddress, resetOnSuccess: true },
  { key: (a) => keyOf('address', a.address), limit: LIMITS.signInFailuresPerAddress, resetOnSuccess: false },
  { key: (a) => keyOf('name', a.name), limit: LIMITS.signInFailuresPerName, resetOnSuccess: true },
];

/** The wait after `failures` failures against a counter of `limit`: none below it, then doubling from the base. */
export function getBackoffSeconds(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(LIMITS.signInMaxWaitSeconds, LIMITS.signInBaseWaitSeconds * 2 ** Math.min(failures - limit, 20));
}

/** The two counters a limiter keeps: failures per key within the window, and keys made to wait until a moment. */
export interface SignInCounters {
  failures: SignInCounter;
  waits: SignInCounter;
}

/** What the limiter asks of a rate-limiter-flexible counter. */
export type SignInCounter = Pick<RateLimiterAbstract, 'get' | 'penalty' | 'reward' | 'block' | 'delete'>;

/** Counters of one server process: rate-limiter-flexible's in-memory ones, which expire by themselves. */
export function getMemoryCounters(): SignInCounters {
  return {
    failures: new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: LIMITS.signInWindowSeconds }),
    waits: new RateLimiterMemory({ points: 1, duration: LIMITS.signInMaxWaitSeconds }),
  };
}

/**
 * The limiter over a pair of rate-limiter-flexible counters: in memory (one server process), or in a store every
 * app server shares (the PostgreSQL one, lib/storage/pg/pg-sign-in-counters.ts), where each count is one atomic
 * upsert, so attempts spread over several servers are counted together.
 */
export class CountingSignInLimiter implements SignInLimiter {
  constructor(private readonly counters: SignInCounters = getMemoryCounters()) {}

  async attempt(attempt: SignInAttempt): Promise<number> {
    const { failures, waits } = this.counters;
    let ms = 0;
    for (const counter of COUNTERS) {
      const blocked = await waits.get(counter.key(attempt));
      if (blocked && blocked.consumedPoints > 1) ms = Math.max(ms, blocked.msBeforeNext);
    }
    if (ms > 0) return Math.ceil(ms / 1000);
    for (const counter of COUNTERS) {
      const key = counter.key(attempt);
      const { consumedPoints } = await failures.penalty(key);
      const wait = getBackoffSeconds(consumedPoints, counter.limit);
      if (wait) await waits.block(key, wait);
    }
    return 0;
  }

  async succeed(attempt: SignInAttempt): Promise<void> {
    const { failures, waits } = this.counters;
    for (const counter of COUNTERS) {
      const key = counter.key(attempt);
      if (counter.resetOnSuccess) {
        await failures.delete(key);
        await waits.delete(key);
      } else {
        await failures.reward(key);
      }
    }
  }
}

/** The limiter of one server process. */
export class MemorySignInLimiter extends CountingSignInLimiter {
  constructor() {
    super(getMemoryCounters());
  }
}
