import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileUserStore } from './user-store';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'users-'));
  file = path.join(dir, 'users.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const AT = '2025-05-12T09:00:00.000Z';

describe('FileUserStore', () => {
  it('is empty (null) without a file', async () => {
    expect(await new FileUserStore(file).list()).toBeNull();
  });

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

  it('raises the session version on a new password, a new role and signing out everywhere', async () => {
    const store = new FileUserStore(file);
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
    const store = new FileUserStore(file);
    await store.add({ name: 'rana', role: 'reviewer', passwordHash: 'h', displayName: 'Rana Haddad' });
    expect(await store.get('rana')).toMatchObject({ displayName: 'Rana Haddad', sessionVersion: 1 });
    await store.setDisplayName('rana', 'رنا حداد');
    expect(await store.get('rana')).toMatchObject({ displayName: 'رنا حداد', sessionVersion: 1 });
    await store.setDisplayName('rana', '');
    expect((await store.get('rana'))!.displayName).toBeUndefined();
    await expect(store.setDisplayName('nobody', 'X')).rejects.toThrow(/no user "nobody"/);
  });

  it('gives a name added again another id, and none of the old tokens', async () => {
    const store = new FileUserStore(file);
    const before = await store.add({ name: 'sara', role: 'editor', passwordHash: 'h' });
    await store.addToken('sara', { id: 'tok00001', hash: 'x', createdAt: AT });
    await store.remove('sara');
    expect(await store.findToken('tok00001')).toBeNull();
    const after = await store.add({ name: 'sara', role: 'translator', passwordHash: 'h' });
    expect(after.id).not.toBe(before.id);
    expect(after.tokens).toEqual([]);
  });

  it('keeps ended sessions until their cookies expire, and ends all once there are too many', async () => {
    const store = new FileUserStore(file);
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
    const store = new FileUserStore(file);
    await store.add({ name: 'hadi', role: 'editor', passwordHash: 'h' });
    for (const id of ['t0000001', 't0000002', 't0000003']) await store.addToken('hadi', { id, hash: id, createdAt: AT });
    expect(await store.revokeTokens('hadi', 't0000002')).toBe(1);
    expect((await store.get('hadi'))!.tokens.map((t) => t.id)).toEqual(['t0000001', 't0000003']);
    await expect(store.revokeTokens('hadi', 'nope0000')).rejects.toMatchObject({ code: 'not-found' });
    expect(await store.revokeTokens('hadi')).toBe(2);
    expect((await store.get('hadi'))!.tokens).toEqual([]);
  });
});
