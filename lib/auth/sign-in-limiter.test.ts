import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/model';
import { Database } from '@/lib/storage/pg/database';
import { getPgSignInCounters } from '@/lib/storage/pg/pg-sign-in-counters';
import { freshDatabase, postgresMissing, stopTestCluster } from '@/lib/storage/pg/test-cluster';
import { CountingSignInLimiter, getBackoffSeconds, MemorySignInLimiter } from './sign-in-limiter';

describe('sign-in backoff', () => {
  it('waits nothing below the limit, then the base wait doubling, up to the longest', () => {
    expect(getBackoffSeconds(LIMITS.signInFailuresPerNameAndAddress - 1, LIMITS.signInFailuresPerNameAndAddress)).toBe(0);
    expect(getBackoffSeconds(5, 5)).toBe(LIMITS.signInBaseWaitSeconds);
    expect(getBackoffSeconds(6, 5)).toBe(LIMITS.signInBaseWaitSeconds * 2);
    expect(getBackoffSeconds(7, 5)).toBe(LIMITS.signInBaseWaitSeconds * 4);
    expect(getBackoffSeconds(1000, 5)).toBe(LIMITS.signInMaxWaitSeconds);
  });

  it('makes a name wait at one address after too many failures, not at another; a success forgets them', async () => {
    const limiter = new MemorySignInLimiter();
    const here = { name: 'layla', address: '10.0.0.1' };
    for (let i = 0; i < LIMITS.signInFailuresPerNameAndAddress; i++) expect(await limiter.attempt(here)).toBe(0);
    const wait = await limiter.attempt(here);
    expect(wait).toBeGreaterThan(LIMITS.signInBaseWaitSeconds - 2);
    expect(wait).toBeLessThanOrEqual(LIMITS.signInBaseWaitSeconds);
    // Someone guessing elsewhere does not lock the person out of their own desk.
    expect(await limiter.attempt({ name: 'layla', address: '10.0.0.2' })).toBe(0);

    const fresh = new MemorySignInLimiter();
    for (let i = 0; i < LIMITS.signInFailuresPerNameAndAddress; i++) await fresh.attempt(here);
    await fresh.succeed(here);
    expect(await fresh.attempt(here)).toBe(0);
  });

  it('makes an address wait after too many failures across names, and a name across addresses', async () => {
    const limiter = new MemorySignInLimiter();
    for (let i = 0; i < LIMITS.signInFailuresPerAddress; i++) await limiter.attempt({ name: `guess-${i}`, address: '10.0.0.9' });
    expect(await limiter.attempt({ name: 'someone-else', address: '10.0.0.9' })).toBeGreaterThan(0);
    expect(await limiter.attempt({ name: 'someone-else', address: '10.0.0.10' })).toBe(0);

    for (let i = 0; i < LIMITS.signInFailuresPerName; i++) await limiter.attempt({ name: 'omar', address: `10.1.${i >> 8}.${i & 255}` });
    expect(await limiter.attempt({ name: 'omar', address: '10.2.0.1' })).toBeGreaterThan(0);
  });
});

const missing = postgresMissing();
if (missing) console.warn(`sign-in limiter: the PostgreSQL test is skipped: ${missing}`);
afterAll(() => stopTestCluster(), 30_000);

describe.skipIf(missing !== null)('sign-in limiter on PostgreSQL', () => {
  it('counts failures made on two app servers together, and a success on either forgets them', async () => {
    const url = await freshDatabase('limiter');
    const [a, b] = [new Database(url, { max: 2 }), new Database(url, { max: 2 })];
    try {
      const one = new CountingSignInLimiter(getPgSignInCounters(a));
      const two = new CountingSignInLimiter(getPgSignInCounters(b));
      const here = { name: 'layla', address: '10.0.0.1' };
      for (let i = 0; i < LIMITS.signInFailuresPerNameAndAddress; i++) expect(await (i % 2 ? two : one).attempt(here)).toBe(0);
      const wait = await two.attempt(here);
      expect(wait).toBeGreaterThan(LIMITS.signInBaseWaitSeconds - 2);
      expect(wait).toBeLessThanOrEqual(LIMITS.signInBaseWaitSeconds);
      expect(await one.attempt(here)).toBeGreaterThan(0);
      expect(await one.attempt({ name: 'layla', address: '10.0.0.2' })).toBe(0);

      const omar = { name: 'omar', address: '10.0.0.3' };
      for (let i = 0; i < LIMITS.signInFailuresPerNameAndAddress; i++) await one.attempt(omar);
      await two.succeed(omar);
      expect(await one.attempt(omar)).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('answers 503 (unavailable), not a driver error, while the database is away', async () => {
    const db = new Database('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    const limiter = new CountingSignInLimiter(getPgSignInCounters(db));
    await expect(limiter.attempt({ name: 'layla', address: '10.0.0.1' })).rejects.toMatchObject({ code: 'unavailable' });
    await db.close();
  });
});
