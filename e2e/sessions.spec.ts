import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Sessions and tokens that end stay ended: the old cookie (or token) is sent again, exactly as it was, after
 * signing out, a removal and re-adding of the name, a new role, a new password, and expiry or revocation of a
 * token. Each test makes its own person with `npm run user`, so the shared test people keep their sessions.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'a-long-enough-password';

function user(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/user.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, USERS_FILE: process.env.E2E_USERS_FILE, PASSWORD },
    encoding: 'utf8',
  });
}

let counter = 0;
function newPerson(role = 'translator'): string {
  const name = `e2e-s${process.pid}-${Date.now().toString(36)}-${counter++}`;
  user('add', name, '--role', role);
  return name;
}

type Playwright = PlaywrightWorkerArgs['playwright'];

async function signedIn(playwright: Playwright, name: string): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const response = await api.post('/api/session', { data: { name, password: PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  return api;
}

/** A new context holding exactly the cookies `api` has now: the old cookie, kept as a thief would keep it. */
async function copyOf(playwright: Playwright, api: APIRequestContext): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: await api.storageState() });
}

async function status(api: APIRequestContext, url = '/api/documents'): Promise<number> {
  return (await api.get(url)).status();
}

test.describe('sessions that end', () => {
  test.use({ role: 'none' });

  test('signing out ends the session on the server: the old cookie is refused', async ({ playwright }) => {
    const name = newPerson();
    const api = await signedIn(playwright, name);
    const other = await signedIn(playwright, name);
    const stolen = await copyOf(playwright, api);
    expect(await status(stolen)).toBe(200);
    expect((await api.delete('/api/session')).status()).toBe(200);
    expect(await status(api)).toBe(401);
    expect(await status(stolen)).toBe(401);
    expect((await (await stolen.get('/api/session')).json()).user).toBeNull();
    // Only that session ended: another one of the same person goes on.
    expect(await status(other)).toBe(200);
    for (const c of [api, other, stolen]) await c.dispose();
  });

  test('signing out everywhere ends every session of the person', async ({ playwright }) => {
    const name = newPerson();
    const laptop = await signedIn(playwright, name);
    const phone = await signedIn(playwright, name);
    expect((await laptop.delete('/api/session?everywhere=1')).status()).toBe(200);
    expect(await status(phone)).toBe(401);
    const again = await signedIn(playwright, name);
    expect(await status(again)).toBe(200);
    for (const c of [laptop, phone, again]) await c.dispose();
  });

  test('removing a person and adding the name again never brings old cookies or tokens back', async ({ playwright }) => {
    const name = newPerson('translator');
    const api = await signedIn(playwright, name);
    const token = user('token', name).trim().split('\n').pop()!;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await api.get('/api/documents', { headers: bearer })).status()).toBe(200);
    user('remove', name);
    user('add', name, '--role', 'editor');
    expect(await status(api)).toBe(401);
    expect((await api.get('/api/documents', { headers: bearer })).status()).toBe(401);
    const fresh = await signedIn(playwright, name);
    expect((await (await fresh.get('/api/session')).json()).user).toMatchObject({ name, role: 'editor' });
    for (const c of [api, fresh]) await c.dispose();
  });

  test('a new role or a new password ends the person’s sessions', async ({ playwright }) => {
    const name = newPerson('translator');
    const before = await signedIn(playwright, name);
    user('role', name, '--role', 'reviewer');
    expect(await status(before)).toBe(401);
    const reviewer = await signedIn(playwright, name);
    expect((await (await reviewer.get('/api/session')).json()).user).toMatchObject({ role: 'reviewer' });
    user('passwd', name);
    expect(await status(reviewer)).toBe(401);
    for (const c of [before, reviewer]) await c.dispose();
  });

  test('expired and revoked tokens are refused; a user’s tokens are listed', async ({ playwright }) => {
    const name = newPerson('reviewer');
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const lasting = user('token', name, '--expires', '90d').trim().split('\n').pop()!;
    const shortLived = user('token', name, '--expires', '1h').trim().split('\n').pop()!;
    const revoked = user('token', name).trim().split('\n').pop()!;
    const ids = [lasting, shortLived, revoked].map((t) => t.split('_')[1]!);
    const listed = user('tokens', name);
    for (const id of ids) expect(listed).toContain(id);
    expect(listed).toMatch(/expires 20\d\d-/);
    expect(listed).toContain('never expires');

    const as = (token: string) => api.get('/api/documents', { headers: { authorization: `Bearer ${token}` } });
    for (const token of [lasting, shortLived, revoked]) expect((await as(token)).status()).toBe(200);

    // An hour passes for the short-lived token: its expiry is moved into the past in the users file.
    const file = process.env.E2E_USERS_FILE!;
    const users = JSON.parse(fs.readFileSync(file, 'utf8')) as { users: { name: string; tokens: { id: string; expiresAt?: string }[] }[] };
    users.users.find((u) => u.name === name)!.tokens.find((t) => t.id === ids[1])!.expiresAt = new Date(Date.now() - 1000).toISOString();
    fs.writeFileSync(file, JSON.stringify(users));
    const expired = await as(shortLived);
    expect(expired.status()).toBe(401);
    expect((await expired.json()).error.message).toContain('expired');

    user('revoke-tokens', name, '--id', ids[2]!);
    expect((await as(revoked)).status()).toBe(401);
    expect((await as(lasting)).status()).toBe(200);
    user('revoke-tokens', name);
    expect((await as(lasting)).status()).toBe(401);
    await api.dispose();
  });
});
