import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from '@playwright/test';
import { userScriptEnv } from './database';
import { expect, test, userName, type TestRole } from './fixtures';
import { activateRow, openEditor, resetDocument, revOf, rowAt, rowById, rowIdOf, saveState, SEED_SLUG, typeAndSave, typeInRow } from './helpers';

/**
 * Two people on one document, each in a browser of their own: on the file store both on the one app server; on
 * PostgreSQL (E2E_STORE=postgres) the second person on the second app server, so everything here also crosses
 * servers through the database.
 */

const PORT = Number(process.env.E2E_PORT || 3107);
const FIRST_URL = `http://127.0.0.1:${PORT}`;
const SECOND_URL = process.env.E2E_STORE === 'postgres' ? `http://127.0.0.1:${PORT + 1}` : FIRST_URL;

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeAll(async () => {
  // The second app server starts beside the first; wait until it answers too.
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${SECOND_URL}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, message: 'the second app server answers' },
    )
    .toBe(200);
});

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

/** A second person's browser, signed in as `role`, on the second app server. */
async function otherPerson(browser: Browser, role: Exclude<TestRole, 'none'>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: SECOND_URL, viewport: { width: 1400, height: 900 } });
  const response = await context.request.post('/api/session', { data: { name: userName(role), password: process.env.E2E_PASSWORD } });
  expect(response.status()).toBe(200);
  const page = await context.newPage();
  return { context, page };
}

const LIVE_PASSWORD = 'a-password-for-the-live-test';

/** `npm run user -- …` on the people the servers read (the users file, or the database in the PostgreSQL pass). */
function user(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'scripts', 'user.ts'), ...args], {
    env: userScriptEnv({ PASSWORD: LIVE_PASSWORD }),
    encoding: 'utf8',
  });
}

/** Opens the editor and waits until its live stream is up. */
async function openLive(page: Page): Promise<void> {
  await openEditor(page, SEED_SLUG);
  await expect(page.getByTestId('live')).toHaveAttribute('data-state', 'live');
}

test.describe('live document', () => {
  test.use({ role: 'translator' });

  test('a save in one browser appears in the other without a reload, marked with who made it', async ({ page, browser }) => {
    const other = await otherPerson(browser, 'editor');
    await openLive(page);
    await openLive(other.page);
    await other.page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    const row = rowAt(page, 13);
    const rowId = await rowIdOf(row);
    await typeAndSave(page, row, 'Saved live for the other browser.');

    const theirRow = rowById(other.page, rowId);
    await expect(theirRow.getByTestId('target-cell')).toContainText('Saved live for the other browser.', { timeout: 10_000 });
    await expect(theirRow.getByTestId('row-mark')).toContainText(userName('translator'));
    await expect.poll(() => revOf(theirRow)).toBe(await revOf(row));
    expect(await other.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await other.context.close();
  });

  test('presence: the other browser shows who is on the document and in which row', async ({ page, browser }) => {
    const other = await otherPerson(browser, 'reviewer');
    await openLive(page);
    await openLive(other.page);
    const row = rowAt(page, 5);
    const rowId = await rowIdOf(row);
    await activateRow(row);

    const person = other.page.getByTestId('live-person').filter({ hasText: userName('translator') });
    await expect(person).toHaveAttribute('data-row-id', rowId);
    await expect(person).toContainText('row 5');
    await expect(rowById(other.page, rowId).getByTestId('row-people')).toHaveText(`${userName('translator')} is editing`);
    // And the other way round: the translator sees the reviewer, who is in no row.
    await expect(page.getByTestId('live-person').filter({ hasText: userName('reviewer') })).toBeVisible();

    // Moving on moves the mark; leaving the page takes the person off the list.
    await activateRow(rowAt(page, 6));
    await expect(person).toHaveAttribute('data-row-id', await rowIdOf(rowAt(page, 6)));
    await expect(rowById(other.page, rowId).getByTestId('row-people')).toHaveCount(0);
    await page.close();
    await expect(other.page.getByTestId('live-person').filter({ hasText: userName('translator') })).toHaveCount(0);
    await other.context.close();
  });

  test('a note, its reply and its resolution appear live', async ({ page, browser }) => {
    const other = await otherPerson(browser, 'reviewer');
    await openLive(page);
    await openLive(other.page);
    const rowId = await rowIdOf(rowAt(page, 3));
    const created = await other.context.request.post(`/api/documents/${SEED_SLUG}/notes`, {
      data: { rowId, side: 'source', body: 'A note written on the other server.' },
      headers: { origin: SECOND_URL },
    });
    expect(created.status(), await created.text()).toBe(201);
    const note = (await created.json()) as { id: string };
    const card = page.locator(`[data-testid="note"][data-note-id="${note.id}"]`);
    await expect(card).toContainText('A note written on the other server.', { timeout: 10_000 });

    const replied = await other.context.request.post(`/api/documents/${SEED_SLUG}/notes/${note.id}/replies`, {
      data: { body: 'And a reply to it.' },
      headers: { origin: SECOND_URL },
    });
    expect(replied.status()).toBeLessThan(300);
    await expect(card).toContainText('And a reply to it.');
    const resolved = await other.context.request.patch(`/api/documents/${SEED_SLUG}/notes/${note.id}`, {
      data: { status: 'resolved' },
      headers: { origin: SECOND_URL },
    });
    expect(resolved.status()).toBe(200);
    await expect(card).toHaveAttribute('data-status', 'resolved');
    await other.context.close();
  });

  test('a status change alone, while I type in the row, raises no conflict', async ({ page, browser }) => {
    const other = await otherPerson(browser, 'reviewer');
    await openLive(page);
    await openLive(other.page);
    const row = rowAt(page, 4);
    const rowId = await rowIdOf(row);
    // The translator's saves are held, so the reviewer's change lands while the words are not saved yet
    // however slowly the machine types.
    const held: Route[] = [];
    const rowUrl = `**/api/documents/${SEED_SLUG}/rows/${rowId}`;
    await page.route(rowUrl, (route) => (route.request().method() === 'PATCH' ? void held.push(route) : route.continue()));
    await typeInRow(page, row, ' Still typing');
    // The reviewer sends the row back while the translator's words are not saved yet.
    const theirRow = rowById(other.page, rowId);
    await theirRow.getByTestId('target-cell').click();
    const patched = await other.context.request.patch(`/api/documents/${SEED_SLUG}/rows/${rowId}`, {
      data: { status: 'needs-changes', baseRev: await revOf(theirRow) },
      headers: { origin: SECOND_URL },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    await page.unroute(rowUrl);
    // A held save the page has given up on (its request timed out and it tries again) is already answered.
    for (const route of held) await route.continue().catch(() => undefined);
    await expect(row).toHaveAttribute('data-status', 'needs-changes', { timeout: 10_000 });
    await expect(row.getByTestId('conflict')).toHaveCount(0);
    await page.keyboard.type(' and done.');
    await expect(saveState(page)).toHaveAttribute('data-state', 'saved');
    await expect(row.getByTestId('conflict')).toHaveCount(0);
    await expect(theirRow.getByTestId('target-cell')).toContainText('Still typing and done.');
    await other.context.close();
  });

  test('a row I am editing that someone else saves shows the conflict at once, with a word diff', async ({ page, browser }) => {
    const other = await otherPerson(browser, 'editor');
    await openLive(page);
    await openLive(other.page);
    const row = rowAt(page, 2);
    const rowId = await rowIdOf(row);
    const rev = await revOf(row);
    // My save does not get through: theirs lands while mine is still unsaved.
    await page.route('**/api/documents/*/rows/*', (route) => (route.request().method() === 'PATCH' ? route.abort('timedout') : route.continue()));
    await typeInRow(page, row, ' mine');
    const text = (await other.page.evaluate(async ([slug, id]) => {
      const doc = (await (await fetch(`/api/documents/${slug}`)).json()) as { rows: { id: string; target: unknown }[] };
      return doc.rows.find((r) => r.id === id)!.target;
    }, [SEED_SLUG, rowId] as const)) as { content: { content: { text: string }[] }[] };
    text.content[0]!.content[0]!.text += ' theirs';
    const saved = await other.context.request.patch(`/api/documents/${SEED_SLUG}/rows/${rowId}`, {
      data: { target: text, baseRev: rev },
      headers: { origin: SECOND_URL },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    // At once, not at my next save (which cannot get through).
    const conflict = row.getByTestId('conflict');
    await expect(conflict).toBeVisible({ timeout: 10_000 });
    const diff = conflict.getByTestId('conflict-diff');
    // Track changes from their saved text to mine: what keeping mine would change.
    await expect(diff.locator('ins')).toContainText('mine');
    await expect(diff.locator('del')).toContainText('theirs');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await other.context.close();
  });

  test('after the network drops, the editor catches up without a reload', async ({ page, context, browser }) => {
    const other = await otherPerson(browser, 'editor');
    await openLive(page);
    await openLive(other.page);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await context.setOffline(true);
    await expect(page.getByTestId('live')).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 });

    const first = rowAt(other.page, 14);
    const second = rowAt(other.page, 15);
    await typeAndSave(other.page, first, 'Saved while the other was offline.');
    await typeAndSave(other.page, second, 'And another one.');
    const firstId = await rowIdOf(first);
    const secondId = await rowIdOf(second);

    await context.setOffline(false);
    await expect(page.getByTestId('live')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    await expect(rowById(page, firstId).getByTestId('target-cell')).toContainText('Saved while the other was offline.');
    await expect(rowById(page, secondId).getByTestId('target-cell')).toContainText('And another one.');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await other.context.close();
  });
});

/** Reads an SSE stream with fetch for `ms` milliseconds and answers its text. */
async function readStream(url: string, headers: Record<string, string>, ms: number): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  let text = '';
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted at the deadline.
    }
    clearTimeout(timer);
  } else {
    text = await response.text();
  }
  return { status: response.status, text };
}

test.describe('publishing, live', () => {
  test.use({ role: 'translator' });

  test('the publishing line follows someone else publishing and unpublishing, without a save or a reload', async ({ page, browser }) => {
    await openLive(page);
    const state = page.getByTestId('publish-state');
    await expect(state).toHaveAttribute('data-published', 'false');
    const { context } = await otherPerson(browser, 'editor');
    try {
      expect((await context.request.post(`/api/documents/${SEED_SLUG}/publish`, { data: {} })).status()).toBe(201);
      await expect(state).toHaveAttribute('data-published', 'true', { timeout: 5000 });
      await expect(state).toContainText('v1');
      await expect(page.getByTestId('reading-page-link')).toBeVisible();
      expect((await context.request.post(`/api/documents/${SEED_SLUG}/publish`, { data: {} })).status()).toBe(200);
      await expect(state).toContainText('v2', { timeout: 5000 });
      expect((await context.request.delete(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(200);
      await expect(state).toHaveAttribute('data-published', 'false', { timeout: 5000 });
      await expect(page.getByTestId('reading-page-link')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});

test.describe('people across app servers', () => {
  test.use({ role: 'none' });

  test('a person signed in on both servers who signs out everywhere on one is signed out on the other', async ({ playwright }) => {
    const name = `e2e-both-${Date.now().toString(36)}`;
    user('add', name, '--role', 'translator');
    const signedIn = async (baseURL: string) => {
      const api = await playwright.request.newContext({ baseURL });
      const response = await api.post('/api/session', { data: { name, password: LIVE_PASSWORD } });
      expect(response.status(), await response.text()).toBe(200);
      return api;
    };
    const first = await signedIn(FIRST_URL);
    const second = await signedIn(SECOND_URL);
    // The first server's cookie holds on the second too: one session key, one people.
    const firstOnSecond = await playwright.request.newContext({ baseURL: SECOND_URL, storageState: await first.storageState() });
    try {
      for (const api of [first, second, firstOnSecond]) expect((await api.get('/api/documents')).status()).toBe(200);
      expect((await second.delete('/api/session?everywhere=1')).status()).toBe(200);
      expect((await first.get('/api/documents')).status()).toBe(401);
      expect((await firstOnSecond.get('/api/documents')).status()).toBe(401);
    } finally {
      for (const api of [first, second, firstOnSecond]) await api.dispose();
      user('remove', name);
    }
  });
});

test.describe('who hears a document', () => {
  test('nobody signed out, no made-up token, no unknown document, and no other document’s events', async ({ request, context }) => {
    const url = `${FIRST_URL}/api/documents/${SEED_SLUG}/events`;
    expect((await readStream(url, {}, 500)).status).toBe(401);
    expect((await readStream(url, { authorization: 'Bearer not-a-token' }, 500)).status).toBe(401);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await readStream(`${FIRST_URL}/api/documents/no-such-document/events`, { cookie }, 500)).status).toBe(404);
    expect((await readStream(url, { cookie, 'last-event-id': 'abc' }, 500)).status).toBe(400);

    // Another document changes while this one is heard: nothing of it arrives.
    const created = await request.post('/api/documents', { data: { text: 'نص آخر للتجربة.', title: 'آخر' } });
    expect(created.status()).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    const listening = readStream(url, { cookie }, 3000);
    await new Promise((r) => setTimeout(r, 500));
    const doc = (await (await request.get(`/api/documents/${slug}`)).json()) as { rows: { id: string; rev: number }[] };
    const saved = await request.patch(`/api/documents/${slug}/rows/${doc.rows[0]!.id}`, {
      data: { target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Secret.' }] }] }, baseRev: doc.rows[0]!.rev },
    });
    expect(saved.status()).toBe(200);
    const { status, text } = await listening;
    expect(status).toBe(200);
    expect(text).toContain('event: ready');
    expect(text).not.toContain('Secret.');
    expect(text).not.toContain(slug);
  });

  test('a stream replays what was missed after Last-Event-ID, and tells a reader too far behind to reset', async ({ request, context }) => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const url = `${FIRST_URL}/api/documents/${SEED_SLUG}/events`;
    const first = await readStream(url, { cookie }, 500);
    const latest = Number(/event: ready\nid: (\d+)/.exec(first.text)?.[1]);
    expect(Number.isSafeInteger(latest)).toBe(true);
    const doc = (await (await request.get(`/api/documents/${SEED_SLUG}`)).json()) as { rows: { id: string; rev: number }[] };
    const row = doc.rows[16]!;
    const saved = await request.patch(`/api/documents/${SEED_SLUG}/rows/${row.id}`, {
      data: { target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Missed while away.' }] }] }, baseRev: row.rev },
    });
    expect(saved.status()).toBe(200);
    const replay = await readStream(url, { cookie, 'last-event-id': String(latest) }, 800);
    expect(replay.text).toMatch(/id: \d+\ndata: \{[^\n]*"type":"row-saved"/);
    expect(replay.text).toMatch(/id: \d+\ndata: \{[^\n]*Missed while away\./);
    const tooOld = await readStream(url, { cookie, 'last-event-id': '9007199254740990' }, 500);
    expect(tooOld.text).toContain('event: reset');
  });

  test('a person has at most eight streams: the oldest is told to go', async ({ context }) => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const url = `${FIRST_URL}/api/documents/${SEED_SLUG}/events`;
    const oldest = readStream(url, { cookie }, 4000);
    await new Promise((r) => setTimeout(r, 300));
    const others = Array.from({ length: 8 }, () => readStream(url, { cookie }, 1500));
    const { text } = await oldest;
    expect(text).toContain('event: bye');
    expect(text).toContain('too-many-connections');
    for (const other of await Promise.all(others)) expect(other.text).not.toContain('event: bye');
  });

  test('someone removed while listening stops hearing at the next heartbeat', async () => {
    test.setTimeout(90_000);
    const name = `e2e-live-${Date.now().toString(36)}`;
    user('add', name, '--role', 'reviewer');
    const token = user('token', name).trim().split('\n').pop()!.trim();
    const started = Date.now();
    const listening = readStream(`${SECOND_URL}/api/documents/${SEED_SLUG}/events`, { authorization: `Bearer ${token}` }, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    user('remove', name);
    const { status, text } = await listening;
    expect(status).toBe(200);
    expect(text).toContain('event: ready');
    // The stream ended by itself, well before the 60 s the reader would have waited.
    expect(Date.now() - started).toBeLessThan(45_000);
  });
});
