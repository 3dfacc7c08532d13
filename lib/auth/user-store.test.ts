/**
 * The users store contract: the same tests against the users file and the database's users. The PostgreSQL half
 * starts a throwaway cluster (lib/storage/pg/test-cluster.ts); without PostgreSQL's binaries it is skipped with the
 * reason, except under CI, where it fails.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '@/lib/storage/pg/database';
import { PgUserStore } from '@/lib/storage/pg/pg-user-store';
import { freshDatabase, postgresMissing, stopTestCluster } from '@/lib/storage/pg/test-cluster';
import { FileUserStore, type UserStore } from './user-store';
import { readUsers } from './users-file';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'users-'));
  file = path.join(dir, 'users.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const AT = '2025-05-12T09:00:00.000Z';

const missing = postgresMissing();
if (missing) console.warn(`users store contract: the PostgreSQL half is skipped: ${missing}`);

const databases: Database[] = [];
afterAll(async () => {
  for (const db of databases) await db.close();
  await stopTestCluster();
}, 30_000);

/** A fresh, empty database of users (each test its own). */
async function openDatabase(): Promise<Database> {
  const db = new Database(await freshDatabase('users'), { max: 2 });
  databases.push(db);
  return db;
}

const kinds: { name: string; skip: boolean; open: () => Promise<UserStore>; warm?: () => Promise<unknown> }[] = [
  { name: 'users file', skip: false, open: async () => new FileUserStore(file) },
  // The cluster starts once, before the first test's clock runs.
  { name: 'PostgreSQL users', skip: missing !== null, open: async () => new PgUserStore(await openDatabase()), warm: () => freshDatabase('warm') },
];

describe('FileUserStore', () => {
  it('reads a version-1 file, giving each user a stable id, and writes it back as version 2', async () => {
    const v1 = { schemaVersion: 1, users: [{ name: 'layla', role: 'translator', passwordHash: 'h', tokens: [{ id: 'abcd1234', hash: 'x', createdAt: AT }], createdAt: AT }] };
    await writeFile(file, JSON.stringify(v1));
    const store = new FileUserStore(file);
    const first = await store.get('layla');
    expect(first).toMatchObject({ name: 'layla', role: 'translator', sessionVersion: 1, endedSessions: [], tokens: [{ id: 'abcd1234' }] });
    expect((await store.get('layla'))!.id).toBe(first!.id);
    await store.endAllSessions('layla');
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.schemaVersion).toBe(2);
    expect(written.users[0]).toMatchObject({ id: first!.id, sessionVersion: 2 });
  });
});

for (const { name, skip, open, warm } of kinds) {
  describe.skipIf(skip)(name, () => {
    beforeAll(async () => void (await warm?.()), 120_000);

    it('is empty (null) with no users set up', async () => {
      expect(await (await open()).list()).toBeNull();
    });

    it('raises the session version on a new password, a new role and signing out everywhere', async () => {
      const store = await open();
      await store.add({ name: 'omar', role: 'reviewer', passwordHash: 'h1' });
      expect((await store.get('omar'))!.sessionVersion).toBe(1);
      await store.setPassword('omar', 'h2');
      expect((await store.get('omar'))!.sessionVersion).toBe(2);
      await store.setRole('omar', 'reviewer');
      expect((await store.get('omar'))!.sessionVersion).toBe(2);
      await store.setRole('omar', 'editor');
      expect(await store.get('omar')).toMatchObject({ role: 'editor', sessionVersion: 3 });
      await store.endAllSessions('omar');
      expect((await store.get('omar'))!.sessionVersion).toBe(4);
    });

    it('keeps a display name given when adding, changes it without ending sessions, and removes it when empty', async () => {
      const store = await open();
      await store.add({ name: 'rana', role: 'reviewer', passwordHash: 'h', displayName: 'Rana Haddad' });
      expect(await store.get('rana')).toMatchObject({ displayName: 'Rana Haddad', sessionVersion: 1 });
      await store.setDisplayName('rana', 'رنا حداد');
      expect(await store.get('rana')).toMatchObject({ displayName: 'رنا حداد', sessionVersion: 1 });
      await store.setDisplayName('rana', '');
      expect((await store.get('rana'))!.displayName).toBeUndefined();
      await expect(store.setDisplayName('nobody', 'X')).rejects.toThrow(/no user "nobody"/);
    });

    it('gives a name added again another id, and none of the old tokens', async () => {
      const store = await open();
      const before = await store.add({ name: 'sara', role: 'editor', passwordHash: 'h' });
      await store.addToken('sara', { id: 'tok00001', hash: 'x', createdAt: AT });
      await store.remove('sara');
      expect(await store.findToken('tok00001')).toBeNull();
      const after = await store.add({ name: 'sara', role: 'translator', passwordHash: 'h' });
      expect(after.id).not.toBe(before.id);
      expect(after.tokens).toEqual([]);
    });

    it('keeps ended sessions until their cookies expire, and ends all once there are too many', async () => {
      const store = await open();
      await store.add({ name: 'nour', role: 'translator', passwordHash: 'h' });
      await store.endSession('nour', 'gone', new Date(Date.now() - 1000));
      await store.endSession('nour', 's1', new Date(Date.now() + 60_000));
      expect((await store.get('nour'))!.endedSessions.map((s) => s.id)).toEqual(['s1']);
      for (let i = 0; i < 120; i++) await store.endSession('nour', `s${i + 2}`, new Date(Date.now() + 60_000));
      const user = (await store.get('nour'))!;
      expect(user.sessionVersion).toBeGreaterThan(1);
      expect(user.endedSessions.length).toBeLessThan(100);
    });

    it('revokes one token or all', async () => {
      const store = await open();
      await store.add({ name: 'hadi', role: 'editor', passwordHash: 'h' });
      for (const id of ['t0000001', 't0000002', 't0000003']) await store.addToken('hadi', { id, hash: id, createdAt: AT });
      expect(await store.revokeTokens('hadi', 't0000002')).toBe(1);
      expect((await store.get('hadi'))!.tokens.map((t) => t.id)).toEqual(['t0000001', 't0000003']);
      await expect(store.revokeTokens('hadi', 'nope0000')).rejects.toMatchObject({ code: 'not-found' });
      expect(await store.revokeTokens('hadi')).toBe(2);
      expect((await store.get('hadi'))!.tokens).toEqual([]);
    });

    it('refuses a name that exists, and changes of someone who does not', async () => {
      const store = await open();
      await store.add({ name: 'amal', role: 'editor', passwordHash: 'h' });
      await expect(store.add({ name: 'amal', role: 'editor', passwordHash: 'h' })).rejects.toMatchObject({ code: 'exists' });
      for (const change of [() => store.remove('ghost'), () => store.setPassword('ghost', 'h'), () => store.setRole('ghost', 'editor'), () => store.endAllSessions('ghost'), () => store.revokeTokens('ghost')]) {
        await expect(change()).rejects.toMatchObject({ code: 'not-found' });
      }
      expect(await store.get('ghost')).toBeNull();
    });

    it('finds a token with its user, keeps its expiry, and lists users in the order they were added', async () => {
      const store = await open();
      await store.add({ name: 'zaid', role: 'translator', passwordHash: 'h' });
      await store.add({ name: 'adam', role: 'reviewer', passwordHash: 'h' });
      await store.addToken('adam', { id: 'tokexp01', hash: 'x', createdAt: AT, expiresAt: '2030-01-01T00:00:00.000Z' });
      const found = await store.findToken('tokexp01');
      expect(found?.user.name).toBe('adam');
      expect(found?.token).toEqual({ id: 'tokexp01', hash: 'x', createdAt: AT, expiresAt: '2030-01-01T00:00:00.000Z' });
      expect(await store.findToken('nothing0')).toBeNull();
      expect((await store.list())!.map((u) => u.name)).toEqual(['zaid', 'adam']);
    });
  });
}

describe.skipIf(missing !== null)('PostgreSQL users: import and export', () => {
  it('copies a users file in as it is, again without change, and back out as the same records', async () => {
    const files = new FileUserStore(file);
    await files.add({ name: 'layla', role: 'translator', passwordHash: 'h1', displayName: 'Layla' });
    await files.addToken('layla', { id: 'tok00009', hash: 'x', createdAt: AT });
    await files.endSession('layla', 'sid1', new Date(Date.now() + 60_000));
    await files.add({ name: 'omar', role: 'editor', passwordHash: 'h2' });
    const source = (await readUsers(file))!;
    const db = new PgUserStore(await openDatabase());
    expect(await db.importUsers(source.users)).toBe(2);
    expect(await db.importUsers(source.users)).toBe(2);
    expect(await db.list()).toEqual(source.users);
    await db.add({ name: 'extra', role: 'reviewer', passwordHash: 'h' });
    await db.importUsers(source.users, { replace: true });
    expect(await db.list()).toEqual(source.users);
  });
});
