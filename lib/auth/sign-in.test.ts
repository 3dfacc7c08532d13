import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/model';
import { hashPassword, UNKNOWN_USER_HASH } from './passwords';
import { verifySignIn } from './sign-in';
import { FileUserStore } from './user-store';

let dir: string;
let store: FileUserStore;
const PASSWORD = 'correct horse battery';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sign-in-'));
  store = new FileUserStore(path.join(dir, 'users.json'));
  // A cheap hash keeps these tests quick; the check of an unknown name costs what the app's real hashes cost.
  await store.add({ name: 'layla', role: 'translator', passwordHash: await hashPassword(PASSWORD, CHEAP) });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const params = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('verifySignIn', () => {
  it('checks unknown names against a hash of the same cost as real ones', async () => {
    expect(params(UNKNOWN_USER_HASH)).toBe(params(await hashPassword('anything at all')));
  }, 60_000);

  it('returns the user for the right password, and refuses a wrong one or an unknown name alike', async () => {
    expect(await verifySignIn({ name: 'layla', password: PASSWORD }, 'a1', store)).toMatchObject({ name: 'layla', role: 'translator', sessionVersion: 1 });
    await expect(verifySignIn({ name: 'layla', password: 'wrong' }, 'a1', store)).rejects.toMatchObject({ code: 'unauthenticated', message: 'wrong name or password' });
    await expect(verifySignIn({ name: 'nobody', password: 'wrong' }, 'a1', store)).rejects.toMatchObject({ code: 'unauthenticated', message: 'wrong name or password' });
  }, 60_000);

  it('refuses with rate-limited and a wait after too many failures, even the right password', async () => {
    for (let i = 0; i < LIMITS.signInFailuresPerNameAndAddress; i++) {
      await expect(verifySignIn({ name: 'layla', password: `wrong ${i}` }, 'a2', store)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    const refused = verifySignIn({ name: 'layla', password: PASSWORD }, 'a2', store);
    await expect(refused).rejects.toMatchObject({ code: 'rate-limited', details: { retryAfter: expect.any(Number) } });
    // From another address the person signs in as usual.
    expect(await verifySignIn({ name: 'layla', password: PASSWORD }, 'a3', store)).toMatchObject({ name: 'layla' });
  }, 60_000);

  it('runs a bounded number of password checks at once and refuses the excess instead of queueing without end', async () => {
    // Every attempt reads the users, then waits until all have read them, so all reach the password checks
    // together however slowly a busy machine reads the file: none finishes before the last one has asked.
    const total = LIMITS.signInConcurrentChecks + LIMITS.signInQueue + 4;
    let read = 0;
    let open!: () => void;
    const allRead = new Promise<void>((resolve) => (open = resolve));
    const gated = Object.assign(Object.create(store) as FileUserStore, {
      list: async () => {
        const users = await store.list();
        if (++read === total) open();
        await allRead;
        return users;
      },
    });
    const attempts = Array.from({ length: total }, (_, i) =>
      verifySignIn({ name: 'layla', password: 'wrong' }, `flood-${i}`, gated).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      ),
    );
    const codes = await Promise.all(attempts);
    expect(codes.filter((c) => c === 'unavailable')).toHaveLength(4);
    expect(codes.filter((c) => c === 'unauthenticated')).toHaveLength(LIMITS.signInConcurrentChecks + LIMITS.signInQueue);
  }, 60_000);
});
