import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import type { Note } from '../lib/model/notes';
import { apiAs, expect, test, userName } from './fixtures';
import {
  activateRow,
  editorRows,
  listDocumentFolders,
  openEditor,
  readDocumentJson,
  readNotesJsonRaw,
  readSeedDocumentJson,
  resetDocument,
  rowAt,
  rowEditor,
  SEED_ROW_COUNT,
  SEED_SLUG,
  uniqueSlug,
  type BilingualDocument,
  type Row,
  type TargetDoc,
  SEED_QUERY,
} from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

const ROOT = path.resolve(import.meta.dirname, '..');

function seedRow(n: number): Row {
  return readSeedDocumentJson<BilingualDocument>(SEED_SLUG).rows[n - 1]!;
}

function paragraph(text: string): TargetDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function rowUrl(rowId: string): string {
  return `/api/documents/${SEED_SLUG}/rows/${rowId}`;
}

/** The document and its notes exactly as on disk, to check that a refused request changed nothing. */
function diskState(): { doc: string; notes: string; folders: string[] } {
  return { doc: JSON.stringify(readDocumentJson(SEED_SLUG)), notes: readNotesJsonRaw(SEED_SLUG), folders: listDocumentFolders() };
}

async function expectError(response: APIResponse, status: number, code: string): Promise<void> {
  const text = await response.text();
  expect(response.status(), `${response.url()}: ${text}`).toBe(status);
  expect(JSON.parse(text)).toMatchObject({ error: { code, message: expect.any(String) } });
}

/** The visible texts of the active row's status options that may be chosen. */
async function enabledStatusOptions(page: Page): Promise<string[]> {
  return page.getByTestId('row-status').locator('option:not([disabled])').allTextContents();
}

test.describe('a reviewer', () => {
  test.use({ role: 'reviewer' });

  test('cannot change the English in the editor: no editor, no formatting or undo, no "Draft" status', async ({ page }) => {
    await openEditor(page, SEED_SLUG);
    await expect(page.getByTestId('current-user')).toHaveAttribute('data-role', 'reviewer');
    const row = rowAt(page, 2);
    const cell = row.getByTestId('target-cell');
    const before = await cell.textContent();

    await cell.click();
    await expect(row).toHaveAttribute('data-active', 'true');
    const toolbar = row.getByTestId('row-toolbar');
    await expect(toolbar).toBeVisible();
    await expect(page.locator('.pm-editor')).toHaveCount(0);
    await expect(cell.locator('[contenteditable="true"]')).toHaveCount(0);
    await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveCount(0);
    await expect(toolbar.getByRole('button', { name: 'Italic' })).toHaveCount(0);
    await expect(toolbar.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(toolbar.getByRole('button', { name: 'Redo' })).toHaveCount(0);
    await expect(toolbar.getByTestId('merge-next')).toHaveCount(0);
    await expect(toolbar.getByTestId('confirm-row')).toHaveCount(0);
    await expect(toolbar.getByTestId('approve-row')).toBeVisible();
    await expect(toolbar.getByTestId('send-back-row')).toBeVisible();

    const options = await page.getByTestId('row-status').locator('option').allTextContents();
    expect(options).not.toContain('Draft');
    expect(options).not.toContain('Untranslated');
    expect(await enabledStatusOptions(page)).toEqual(['Translated', 'Needs changes', 'Approved']);

    // Typing changes nothing, on screen or on disk.
    const revBefore = await row.getAttribute('data-rev');
    await page.keyboard.type('xyz');
    await page.keyboard.press('Backspace');
    await expect(cell).toHaveText(before!);
    await expect(row).toHaveAttribute('data-rev', revBefore!);
    expect(readDocumentJson<BilingualDocument>(SEED_SLUG).rows[1]).toEqual(seedRow(2));
  });

  test('is refused by the API: changing the English, setting draft, splitting and merging are 403', async ({ request }) => {
    const row = seedRow(2);
    const before = diskState();
    await expectError(await request.patch(rowUrl(row.id), { data: { target: paragraph('Rewritten by a reviewer.'), baseRev: row.rev } }), 403, 'forbidden');
    await expectError(await request.patch(rowUrl(row.id), { data: { status: 'draft', baseRev: row.rev } }), 403, 'forbidden');
    await expectError(await request.post(`${rowUrl(row.id)}/merge`, { data: { baseRev: row.rev } }), 403, 'forbidden');
    await expectError(await request.post(`${rowUrl(row.id)}/split`, { data: { sourceIndex: 1, targetIndex: 0, baseRev: row.rev } }), 403, 'forbidden');
    expect(diskState()).toEqual(before);

    // What a reviewer may do goes through.
    const approved = await request.patch(rowUrl(row.id), { data: { status: 'approved', baseRev: row.rev } });
    expect(approved.status(), await approved.text()).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved', rev: row.rev + 1 });
  });
});

test.describe('a translator', () => {
  test.use({ role: 'translator' });

  test('cannot approve: no Approve or Needs-changes button, no Approved status to choose', async ({ page }) => {
    await openEditor(page, SEED_SLUG);
    await expect(page.getByTestId('current-user')).toHaveAttribute('data-role', 'translator');
    const row = rowAt(page, 2);
    await activateRow(row);
    const toolbar = row.getByTestId('row-toolbar');
    await expect(toolbar).toBeVisible();
    await expect(rowEditor(row)).toBeFocused();
    await expect(toolbar.getByTestId('confirm-row')).toBeVisible();
    await expect(toolbar.getByTestId('merge-next')).toBeVisible();
    await expect(toolbar.getByTestId('approve-row')).toHaveCount(0);
    await expect(toolbar.getByTestId('send-back-row')).toHaveCount(0);
    expect(await enabledStatusOptions(page)).toEqual(['Untranslated', 'Draft', 'Translated']);
    await expect(page.getByTestId('row-status').locator('option:not([disabled])', { hasText: 'Approved' })).toHaveCount(0);
  });

  test('is refused by the API: approving, sending back and creating documents are 403', async ({ request }) => {
    const row = seedRow(2);
    const before = diskState();
    await expectError(await request.patch(rowUrl(row.id), { data: { status: 'approved', baseRev: row.rev } }), 403, 'forbidden');
    await expectError(await request.patch(rowUrl(row.id), { data: { status: 'needs-changes', baseRev: row.rev } }), 403, 'forbidden');
    const slug = uniqueSlug('e2e-translator-doc');
    await expectError(await request.post('/api/documents', { data: { text: 'نص قصير.', slug } }), 403, 'forbidden');
    expect(diskState()).toEqual(before);
    expect(listDocumentFolders()).not.toContain(slug);
  });

  test('sees no New document form in the library', async ({ page }) => {
    await page.goto(`/en${SEED_QUERY}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    await expect(page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`)).toBeVisible();
    await expect(page.getByTestId('new-document')).toHaveCount(0);
  });
});

test.describe('the library’s New document form', () => {
  test.describe('for a reviewer', () => {
    test.use({ role: 'reviewer' });
    test('is not there', async ({ page }) => {
      await page.goto(`/en${SEED_QUERY}`);
      await expect(page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`)).toBeVisible();
      await expect(page.getByTestId('current-user')).toHaveAttribute('data-role', 'reviewer');
      await expect(page.getByTestId('new-document')).toHaveCount(0);
    });
  });
  test('is there for an editor', async ({ page }) => {
    await page.goto('/en');
    await expect(page.getByTestId('current-user')).toHaveAttribute('data-role', 'editor');
    await expect(page.getByTestId('new-document')).toBeVisible();
  });
});

test.describe('signed out', () => {
  test.use({ role: 'none' });

  test('every API write, and every read, is 401 and changes nothing', async ({ request, playwright }) => {
    const row = seedRow(2);
    const editorApi = await apiAs(playwright, 'editor');
    const created = await editorApi.post(`/api/documents/${SEED_SLUG}/notes`, { data: { rowId: row.id, side: 'target', body: 'A note.' } });
    expect(created.status()).toBe(201);
    const note = (await created.json()) as Note;
    const replied = await editorApi.post(`/api/documents/${SEED_SLUG}/notes/${note.id}/replies`, { data: { body: 'A reply.' } });
    expect(replied.status()).toBe(201);
    const { reply } = (await replied.json()) as { reply: { id: string } };
    await editorApi.dispose();

    const before = diskState();
    const notes = `/api/documents/${SEED_SLUG}/notes`;
    const slug = uniqueSlug('e2e-anonymous');
    const calls: [string, () => Promise<APIResponse>][] = [
      ['POST /api/documents', () => request.post('/api/documents', { data: { text: 'نص قصير.', slug } })],
      ['PATCH row', () => request.patch(rowUrl(row.id), { data: { target: paragraph('Anonymous edit.'), baseRev: row.rev } })],
      ['PATCH row status', () => request.patch(rowUrl(row.id), { data: { status: 'approved', baseRev: row.rev } })],
      ['POST split', () => request.post(`${rowUrl(row.id)}/split`, { data: { sourceIndex: 1, targetIndex: 0, baseRev: row.rev } })],
      ['POST merge', () => request.post(`${rowUrl(row.id)}/merge`, { data: { baseRev: row.rev } })],
      ['POST notes', () => request.post(notes, { data: { rowId: row.id, side: 'target', body: 'Anonymous note.' } })],
      ['PATCH note', () => request.patch(`${notes}/${note.id}`, { data: { status: 'resolved' } })],
      ['POST reply', () => request.post(`${notes}/${note.id}/replies`, { data: { body: 'Anonymous reply.' } })],
      ['PATCH reply', () => request.patch(`${notes}/${note.id}/replies/${reply.id}`, { data: { body: 'Changed.' } })],
      ['DELETE reply', () => request.delete(`${notes}/${note.id}/replies/${reply.id}`)],
      ['DELETE note', () => request.delete(`${notes}/${note.id}`)],
      ['GET /api/documents', () => request.get('/api/documents')],
      ['GET document', () => request.get(`/api/documents/${SEED_SLUG}`)],
      ['GET notes', () => request.get(notes)],
      ['GET export', () => request.get(`/api/documents/${SEED_SLUG}/export?format=w3c`)],
    ];
    const statuses: Record<string, number> = {};
    for (const [name, call] of calls) {
      const response = await call();
      statuses[name] = response.status();
      if (response.status() === 401) await expectError(response, 401, 'unauthenticated');
    }
    expect(statuses).toEqual(Object.fromEntries(calls.map(([name]) => [name, 401])));
    expect(diskState()).toEqual(before);
    expect(listDocumentFolders()).not.toContain(slug);

    // Nobody is signed in, as far as the session route knows.
    expect(await (await request.get('/api/session')).json()).toEqual({ user: null });
  });

  test('every page redirects to sign-in with ?next=', async ({ page, request }) => {
    const cases: [string, string][] = [
      ['/en', '/en/sign-in'],
      ['/ar', '/ar/sign-in'],
      [`/en/documents/${SEED_SLUG}`, '/en/sign-in'],
      [`/ar/documents/${SEED_SLUG}`, '/ar/sign-in'],
    ];
    for (const [from, to] of cases) {
      const response = await request.get(from, { maxRedirects: 0 });
      expect([302, 303, 307, 308], `${from} redirects`).toContain(response.status());
      const location = new URL(response.headers()['location']!, 'http://x');
      expect({ from, path: location.pathname, next: location.searchParams.get('next') }).toEqual({ from, path: to, next: from });

      await page.goto(from);
      await expect(page).toHaveURL((url) => url.pathname === to && url.searchParams.get('next') === from);
      await expect(page.locator('input[name="name"]')).toBeVisible();
      await expect(page.locator('input[name="password"]')).toBeVisible();
      await expect(page.getByTestId('current-user')).toHaveCount(0);
      await expect(page.getByTestId('editor')).toHaveCount(0);
    }
    // The Arabic sign-in page is right-to-left.
    await page.goto('/ar/sign-in');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  });

  test('a wrong password shows the error; signing in through the form lands on the page in ?next=', async ({ page }) => {
    const target = `/en/documents/${SEED_SLUG}`;
    await page.goto(target);
    await expect(page).toHaveURL((url) => url.pathname === '/en/sign-in' && url.searchParams.get('next') === target);

    await page.locator('input[name="name"]').fill(userName('editor'));
    await page.locator('input[name="password"]').fill(`${process.env.E2E_PASSWORD}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sign-in-error')).toContainText('wrong name or password');
    await expect(page).toHaveURL((url) => url.pathname === '/en/sign-in');
    await expect(page.getByTestId('current-user')).toHaveCount(0);

    await page.locator('input[name="password"]').fill(process.env.E2E_PASSWORD!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL((url) => url.pathname === target && url.search === '');
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    await expect(editorRows(page)).toHaveCount(SEED_ROW_COUNT);
    await expect(page.getByTestId('current-user')).toHaveAttribute('data-role', 'editor');
    await expect(page.getByTestId('current-user')).toContainText(userName('editor'));

    // Signing out ends the session: the editor is behind sign-in again.
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL((url) => url.pathname === '/en/sign-in');
    await page.goto(target);
    await expect(page).toHaveURL((url) => url.pathname === '/en/sign-in' && url.searchParams.get('next') === target);
  });
});

test.describe('API tokens', () => {
  test.use({ role: 'none' });

  test('a token from `npm run user -- token` works as Bearer with the user’s role', async ({ playwright }) => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/user.ts'), 'token', userName('reviewer')], {
      cwd: ROOT,
      env: { ...process.env, USERS_FILE: process.env.E2E_USERS_FILE },
      encoding: 'utf8',
    });
    const token = output.trim().split('\n').at(-1)!.trim();
    expect(token.length).toBeGreaterThan(20);

    const baseURL = test.info().project.use.baseURL;
    const withToken: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const withBadToken = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token.slice(0, -4)}abcd` } });
    try {
      const list = await withToken.get('/api/documents');
      expect(list.status()).toBe(200);
      expect(((await list.json()) as { documents: { slug: string }[] }).documents.map((d) => d.slug)).toContain(SEED_SLUG);
      expect(await (await withToken.get('/api/session')).json()).toMatchObject({ user: { name: userName('reviewer'), role: 'reviewer' } });

      const row = seedRow(2);
      const before = diskState();
      await expectError(await withToken.patch(rowUrl(row.id), { data: { target: paragraph('Rewritten with a token.'), baseRev: row.rev } }), 403, 'forbidden');
      expect(diskState()).toEqual(before);

      // A reviewer's token may comment; a token carries no cookie, so the origin check does not apply to it.
      const note = await withToken.post(`/api/documents/${SEED_SLUG}/notes`, {
        headers: { origin: 'https://evil.example' },
        data: { rowId: row.id, side: 'target', body: 'Through the API.' },
      });
      expect(note.status(), await note.text()).toBe(201);
      expect(await note.json()).toMatchObject({ author: userName('reviewer') });

      await expectError(await withBadToken.get('/api/documents'), 401, 'unauthenticated');
    } finally {
      await withToken.dispose();
      await withBadToken.dispose();
    }
  });
});

test.describe('a cookie-authenticated write from another origin', () => {
  test('is 403 and changes nothing; the same write from the app’s own origin goes through', async ({ request }) => {
    const row = seedRow(2);
    const notes = `/api/documents/${SEED_SLUG}/notes`;
    const before = diskState();
    const evil = { origin: 'https://evil.example' };
    await expectError(await request.post(notes, { headers: evil, data: { rowId: row.id, side: 'target', body: 'CSRF note.' } }), 403, 'forbidden');
    await expectError(
      await request.patch(rowUrl(row.id), { headers: evil, data: { target: paragraph('CSRF edit.'), baseRev: row.rev } }),
      403,
      'forbidden',
    );
    await expectError(await request.post('/api/documents', { headers: evil, data: { text: 'نص.', slug: uniqueSlug('e2e-csrf') } }), 403, 'forbidden');
    await expectError(
      await request.post(notes, { headers: { 'sec-fetch-site': 'cross-site' }, data: { rowId: row.id, side: 'target', body: 'CSRF note.' } }),
      403,
      'forbidden',
    );
    expect(diskState()).toEqual(before);

    const own = new URL(test.info().project.use.baseURL!).origin;
    const ok = await request.post(notes, { headers: { origin: own }, data: { rowId: row.id, side: 'target', body: 'Same-origin note.' } });
    expect(ok.status(), await ok.text()).toBe(201);
  });
});
