import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { SignInCounter, SignInCounters } from '@/lib/auth/sign-in-limiter';
import { LIMITS } from '@/lib/model';
import { mapError, type Database } from './database';

/** A counter whose calls answer a 503 ModelError, not a driver error, while the database is away. */
function mappingErrors(counter: RateLimiterPostgres): SignInCounter {
  const mapped =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call.apply(counter, args).catch((e: unknown) => {
        throw mapError(e);
      });
  return { get: mapped(counter.get), penalty: mapped(counter.penalty), reward: mapped(counter.reward), block: mapped(counter.block), delete: mapped(counter.delete) };
}

/**
 * The sign-in limiter's counters in PostgreSQL (table sign_in_limits, made by migration 3), shared by every app
 * server on the database: rate-limiter-flexible's PostgreSQL store, whose every count is one atomic upsert. The
 * two counters share the table, kept apart by their key prefixes; expired rows are cleared by the library.
 */
export function getPgSignInCounters(db: Database): SignInCounters {
  const common = { storeClient: db.pool, storeType: 'pool', tableName: 'sign_in_limits', tableCreated: true } as const;
  return {
    failures: mappingErrors(new RateLimiterPostgres({ ...common, keyPrefix: 'failures', points: 2 ** 31 - 1, duration: LIMITS.signInWindowSeconds })),
    waits: mappingErrors(new RateLimiterPostgres({ ...common, keyPrefix: 'waits', points: 1, duration: LIMITS.signInMaxWaitSeconds })),
  };
}
