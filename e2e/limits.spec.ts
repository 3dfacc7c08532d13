import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import {
  chunkedRequest,
  contentSnapshot,
  cookieHeader,
  createTestDocument,
  expectError,
  paragraph,
  rawRequest,
  removeTestDocument,
} from './hardening-helpers';
import { contentDir, SEED_SLUG, uniqueSlug, type BilingualDocument, SEED_QUERY } from './helpers';

const MB = 1024 * 1024;

/** What the body routes need: a document of this test's own with a note and a reply. */
interface Fixture {
  slug: string;
  rowId: string;
  rev: number;
  noteId: string;
  replyId: string;
  entryId: string;
  xliff: string;
}

/** Every route that reads a body: its limit, and a body it would accept. */
interface BodyRoute {
  name: string;
  method: 'POST' | 'PATCH';
  path: (f: Fixture) => string;
  limit: number;
  /** The body's content type; JSON unless said. */
  type?: string;
  valid: (f: Fixture) => unknown;
  /** A route that is not signed in to (the sign-in itself). */
  public?: boolean;
}

const BODY_ROUTES: BodyRoute[] = [
  { name: 'row PATCH', method: 'PATCH', path: (f) => `/api/documents/${f.slug}/rows/${f.rowId}`, limit: MB, valid: (f) => ({ target: paragraph('x'), baseRev: f.rev }) },
  { name: 'split', method: 'POST', path: (f) => `/api/documents/${f.slug}/rows/${f.rowId}/split`, limit: MB, valid: (f) => ({ sourceIndex: 1, targetIndex: 0, baseRev: f.rev }) },
  { name: 'merge', method: 'POST', path: (f) => `/api/documents/${f.slug}/rows/${f.rowId}/merge`, limit: MB, valid: (f) => ({ baseRev: f.rev }) },
  { name: 'notes POST', method: 'POST', path: (f) => `/api/documents/${f.slug}/notes`, limit: MB, valid: (f) => ({ rowId: f.rowId, side: 'target', body: 'note' }) },
  { name: 'note PATCH', method: 'PATCH', path: (f) => `/api/documents/${f.slug}/notes/${f.noteId}`, limit: MB, valid: () => ({ status: 'resolved' }) },
  { name: 'reply POST', method: 'POST', path: (f) => `/api/documents/${f.slug}/notes/${f.noteId}/replies`, limit: MB, valid: () => ({ body: 'reply' }) },
  { name: 'reply PATCH', method: 'PATCH', path: (f) => `/api/documents/${f.slug}/notes/${f.noteId}/replies/${f.replyId}`, limit: MB, valid: () => ({ body: 'edited' }) },
  { name: 'publish POST', method: 'POST', path: (f) => `/api/documents/${f.slug}/publish`, limit: 16 * 1024, valid: () => ({ credit: 'الجزيرة' }) },
  { name: 'import XLIFF', method: 'POST', path: (f) => `/api/documents/${f.slug}/import?format=xliff`, limit: 5 * MB, type: 'application/xliff+xml', valid: (f) => f.xliff },
  // JSON escaping makes a confirmation longer than its file: the body may be twice the file's limit.
  { name: 'import JSON confirmation', method: 'POST', path: (f) => `/api/documents/${f.slug}/import?format=xliff`, limit: 10 * MB, valid: (f) => ({ xliff: f.xliff, units: [] }) },
  { name: 'documents POST (text)', method: 'POST', path: () => '/api/documents', limit: 5 * MB, valid: () => ({ text: 'نص.', slug: uniqueSlug('e2e-limits-ok') }) },
  { name: 'documents POST (XLIFF)', method: 'POST', path: () => `/api/documents?slug=${uniqueSlug('e2e-limits-xlf')}`, limit: 5 * MB, type: 'application/xliff+xml', valid: (f) => f.xliff },
  { name: 'glossary POST', method: 'POST', path: () => '/api/glossary', limit: MB, valid: () => ({ term: 'مصطلح للاختبار', rendering: 'test term' }) },
  { name: 'glossary PATCH', method: 'PATCH', path: (f) => `/api/glossary/${f.entryId}`, limit: MB, valid: () => ({ note: 'x' }) },
  {
    name: 'memory TMX import',
    method: 'POST',
    path: () => '/api/memory/import',
    limit: 5 * MB,
    type: 'application/x-tmx+xml',
    valid: () =>
      '<?xml version="1.0"?><tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>نص</seg></tuv><tuv xml:lang="en"><seg>Text</seg></tuv></tu></body></tmx>',
  },
  { name: 'session POST', method: 'POST', path: () => '/api/session', limit: MB, valid: () => ({ name: 'e2e-editor', password: 'x' }), public: true },
];

function isJson(route: BodyRoute): boolean {
  return route.type === undefined;
}

let editor: APIRequestContext;
let fixture: Fixture;

test.beforeAll(async ({ playwright }) => {
  editor = await apiAs(playwright, 'editor');
  const doc = await createTestDocument(editor, 'e2e-limits', 4);
  const row = doc.rows[0]!;
  const note = await editor.post(`/api/documents/${doc.slug}/notes`, { data: { rowId: row.id, side: 'source', body: 'ملاحظة.' } });
  const noteId = ((await note.json()) as { id: string }).id;
  const reply = await editor.post(`/api/documents/${doc.slug}/notes/${noteId}/replies`, { data: { body: 'ردّ.' } });
  const replyId = ((await reply.json()) as { reply: { id: string } }).reply.id;
  const xliff = await (await editor.get(`/api/documents/${doc.slug}/export?format=xliff`)).text();
  const entry = await editor.post('/api/glossary', { data: { term: 'مصطلح حدود الطلبات', rendering: 'request limits' } });
  expect(entry.status(), await entry.text()).toBe(201);
  const entryId = ((await entry.json()) as { id: string }).id;
  fixture = { slug: doc.slug, rowId: row.id, rev: row.rev, noteId, replyId, entryId, xliff };
});

test.afterAll(async () => {
  removeTestDocument(fixture.slug);
  await editor.delete(`/api/glossary/${fixture.entryId}`);
  await editor.dispose();
});

async function headersFor(route: BodyRoute): Promise<Record<string, string>> {
  return { 'content-type': route.type ?? 'application/json', ...(!route.public && { cookie: await cookieHeader(editor) }) };
}

/** A body just over the limit that is otherwise well-formed for its route (a long string in a valid body). */
function overLimit(route: BodyRoute): string {
  const filler = 'ا'.repeat(Math.ceil(route.limit / 2) + 16); // Two bytes each in UTF-8.
  return isJson(route) ? JSON.stringify({ ...(route.valid(fixture) as object), padding: filler }) : `<!-- ${filler} -->${route.valid(fixture) as string}`;
}

test.describe('a body over its route’s limit is 413, and nothing changes', () => {
  for (const route of BODY_ROUTES) {
    test(`${route.name}: with a Content-Length`, async () => {
      const before = contentSnapshot();
      const body = overLimit(route);
      expect(Buffer.byteLength(body)).toBeGreaterThan(route.limit);
      const response = await editor.fetch(route.path(fixture), { method: route.method, headers: await headersFor(route), data: body });
      await expectError(response, 413, 'too-large');
      expect(contentSnapshot()).toEqual(before);
    });

    test(`${route.name}: streamed with no Content-Length is answered before it ends`, async () => {
      const before = contentSnapshot();
      // Far more than the limit plus whatever the sockets buffer: an answer before the end means the server
      // stopped reading at the limit.
      const cap = route.limit + 64 * MB;
      const response = await chunkedRequest(route.method, route.path(fixture), { headers: await headersFor(route), cap });
      expect(response.status, response.body).toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'too-large' } });
      expect(response.sent).toBeLessThan(cap);
      expect(contentSnapshot()).toEqual(before);
    });
  }
});

test.describe('malformed JSON and unknown fields are 400, and nothing changes', () => {
  for (const route of BODY_ROUTES.filter(isJson)) {
    test(route.name, async () => {
      const before = contentSnapshot();
      const headers = await headersFor(route);
      const valid = JSON.stringify(route.valid(fixture));
      for (const malformed of [valid.slice(0, -1), `${valid},`, "{'baseRev': 1}", '', 'null', '[]', '"text"']) {
        const response = await editor.fetch(route.path(fixture), { method: route.method, headers, data: malformed });
        await expectError(response, 400, 'invalid');
      }
      const unknown = await editor.fetch(route.path(fixture), {
        method: route.method,
        headers,
        data: JSON.stringify({ ...(route.valid(fixture) as object), sneaky: '<b>x</b>' }),
      });
      await expectError(unknown, 400, 'invalid');
      if (!route.public) expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('sneaky');
      expect(contentSnapshot()).toEqual(before);
    });
  }
});

/** Path values that are not slugs or ids, as they travel on the wire. */
const BAD_VALUES: [string, string][] = [
  ['encoded slash', 'a%2fb'],
  ['encoded climb', '..%2f..%2fescape'],
  ['encoded backslash climb', '..%5c..%5cescape'],
  ['NUL', '%00'],
  ['NUL inside', 'abcde%00fgh'],
  ['upper case', 'ABCDEFGHIJ'],
  ['accented', 'caf%C3%A9'],
  ['Arabic', '%D9%86%D8%B5%D9%86%D8%B5%D9%86%D8%B5%D9%86%D8%B5%D9%86'],
  ['over-long', 'a'.repeat(200)],
  ['space', 'a%20b'],
  ['dots', 'a..b'],
  ['hyphen first', '-abcdefghi'],
];

/** Every route with a path parameter, as `method path` with `:slug`, `:rowId`, `:noteId`, `:replyId`. */
const PARAM_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/documents/:slug'],
  ['PATCH', '/api/documents/:slug/rows/:rowId', { status: 'draft', baseRev: 1 }],
  ['POST', '/api/documents/:slug/rows/:rowId/split', { sourceIndex: 1, targetIndex: 0, baseRev: 1 }],
  ['POST', '/api/documents/:slug/rows/:rowId/merge', { baseRev: 1 }],
  ['GET', '/api/documents/:slug/notes'],
  ['POST', '/api/documents/:slug/notes', { rowId: 'aaaaaaaaaa', side: 'target', body: 'x' }],
  ['PATCH', '/api/documents/:slug/notes/:noteId', { status: 'resolved' }],
  ['DELETE', '/api/documents/:slug/notes/:noteId'],
  ['POST', '/api/documents/:slug/notes/:noteId/replies', { body: 'x' }],
  ['PATCH', '/api/documents/:slug/notes/:noteId/replies/:replyId', { body: 'x' }],
  ['DELETE', '/api/documents/:slug/notes/:noteId/replies/:replyId'],
  ['GET', '/api/documents/:slug/publish'],
  ['POST', '/api/documents/:slug/publish', {}],
  ['DELETE', '/api/documents/:slug/publish'],
  ['GET', '/api/documents/:slug/export?format=json'],
  ['POST', '/api/documents/:slug/import?format=xliff', { xliff: '<xliff/>', units: [] }],
  ['GET', '/api/documents/:slug/rows/:rowId/mt'],
  ['POST', '/api/documents/:slug/rows/:rowId/propagate', {}],
  ['GET', '/api/documents/:slug/pretranslate'],
  ['POST', '/api/documents/:slug/pretranslate', {}],
  ['DELETE', '/api/documents/:slug/pretranslate/zzzzzzzzzz'],
  ['POST', '/api/documents/:slug/pretranslate/zzzzzzzzzz/undo', {}],
  ['GET', '/api/documents/:slug/analysis'],
  ['GET', '/api/documents/:slug/report'],
  ['PATCH', '/api/glossary/:entryId', { note: 'x' }],
  ['DELETE', '/api/glossary/:entryId'],
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/:(slug|rowId|noteId|replyId|entryId)/g, (_, name: string) => values[name]!);
}

test('a slug or id that is not one is 400 on every route, whichever parameter it is in, and no file is touched', async () => {
  test.slow(); // Some 700 requests.
  const parent = path.dirname(contentDir());
  const parentBefore = fs.readdirSync(parent).filter((n) => n.includes('escape'));
  const before = contentSnapshot();
  const cookie = await cookieHeader(editor);
  const good = { slug: fixture.slug, rowId: fixture.rowId, noteId: fixture.noteId, replyId: fixture.replyId, entryId: fixture.entryId };
  const failures: string[] = [];
  for (const [method, template, body] of PARAM_ROUTES) {
    for (const param of ['slug', 'rowId', 'noteId', 'replyId', 'entryId'].filter((p) => template.includes(`:${p}`))) {
      for (const [label, value] of BAD_VALUES) {
        const url = fill(template, { ...good, [param]: value });
        const response = await rawRequest(method, url, { headers: { cookie }, ...(body !== undefined && { body: JSON.stringify(body) }) });
        if (response.status !== 400) failures.push(`${method} ${url} (${param} ${label}): ${response.status} ${response.body.slice(0, 120)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  // A `..` segment, plain or encoded (`%2e%2e`, `.%2e`), is resolved by the HTTP layer as a browser would before
  // any route sees it: the answer is a redirect to the resolved address (307, 308) or a 404, never a route and never a file.
  for (const dots of ['..', '%2e%2e', '.%2e', '%2E%2E']) {
    for (const [method, template, body] of PARAM_ROUTES) {
      for (const param of ['slug', 'rowId', 'noteId', 'replyId', 'entryId'].filter((p) => template.includes(`:${p}`))) {
        const url = fill(template, { ...good, [param]: dots });
        const response = await rawRequest(method, url, { headers: { cookie }, ...(body !== undefined && { body: JSON.stringify(body) }) });
        if (![307, 308, 400, 404, 405].includes(response.status)) failures.push(`${method} ${url}: ${response.status} ${response.body.slice(0, 120)}`);
      }
    }
    const climb = await rawRequest('POST', `/api/documents/${dots}/${dots}/escape/publish`, { headers: { cookie }, body: '{}' });
    if (![307, 308, 400, 404, 405].includes(climb.status)) failures.push(`climb with ${dots}: ${climb.status}`);
  }
  expect(failures).toEqual([]);
  // A slug in a body or a query is checked as strictly.
  for (const slug of ['../../escape', '..', 'a/b', 'ESCAPE', 'نص', 'a\u0000b', 'a'.repeat(65)]) {
    await expectError(await editor.post('/api/documents', { data: { text: 'نص.', slug } }), 400, 'invalid');
    await expectError(
      await editor.post(`/api/documents?slug=${encodeURIComponent(slug)}`, { headers: { 'content-type': 'application/xliff+xml' }, data: fixture.xliff }),
      400,
      'invalid',
    );
  }
  expect(contentSnapshot()).toEqual(before);
  expect(fs.readdirSync(parent).filter((n) => n.includes('escape'))).toEqual(parentBefore);
  expect(fs.existsSync(path.join(contentDir(), 'escape'))).toBe(false);
});

test('query parameters are checked: an unknown export format, XLIFF version, locale or import format is 400', async () => {
  const base = `/api/documents/${fixture.slug}`;
  for (const query of ['format=exe', 'format=', 'format=JSON', 'format=xliff&version=3.0', 'format=html&locale=fr', 'format=json%00']) {
    await expectError(await editor.get(`${base}/export?${query}`), 400, 'invalid');
  }
  const before = contentSnapshot();
  await expectError(await editor.post(`${base}/import?format=csv`, { headers: { 'content-type': 'application/xliff+xml' }, data: fixture.xliff }), 400, 'invalid');
  await expectError(
    await editor.post(`/api/documents?title=${'t'.repeat(301)}`, { headers: { 'content-type': 'application/xliff+xml' }, data: fixture.xliff }),
    400,
    'invalid',
  );
  expect(contentSnapshot()).toEqual(before);
});

test.describe('a document file broken by hand', () => {
  /** A document of its own, published, whose files the test breaks; removed at the end. */
  let slug: string;
  let folder: string;

  test.beforeEach(async () => {
    const doc = await createTestDocument(editor, 'e2e-broken', 3);
    slug = doc.slug;
    folder = path.join(contentDir(), 'documents', slug);
    const saved = await editor.patch(`/api/documents/${slug}/rows/${doc.rows[0]!.id}`, { data: { target: paragraph('First paragraph.'), baseRev: doc.rows[0]!.rev } });
    expect(saved.status()).toBe(200);
    expect((await editor.post(`/api/documents/${slug}/publish`, { data: {} })).status()).toBe(201);
  });

  test.afterEach(() => {
    removeTestDocument(slug);
  });

  /** Writes a file by hand, with an mtime the server's cache cannot mistake for the old one. */
  function writeByHand(name: string, text: string): void {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    const when = new Date(Date.now() + 5000);
    fs.utimesSync(file, when, when);
  }

  async function expectLibraryWorks(page: import('@playwright/test').Page, brokenText: string): Promise<void> {
    await page.goto(`/en${SEED_QUERY}`);
    await expect(page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`)).toBeVisible();
    const broken = page.locator('.broken-docs');
    await expect(broken).toContainText(slug);
    await expect(broken).toContainText(brokenText);
    await expect(page.locator(`li.doc-card[data-slug="${slug}"]`)).toHaveCount(0);
  }

  test('not JSON: the editor names the file, the library marks it and lists the rest, the API says 422', async ({ page }) => {
    writeByHand('document.json', '{ "schemaVersion": 1, "slug": ');
    const response = await page.goto(`/en/documents/${slug}`);
    expect(response?.status()).toBeLessThan(500);
    const alert = page.getByTestId('broken-file');
    await expect(alert).toContainText(`content/documents/${slug}/document.json`);
    await expect(alert).toContainText('not valid JSON');
    await expect(page.getByTestId('editor')).toHaveCount(0);
    await expectLibraryWorks(page, 'not valid JSON');
    await expectError(await editor.get(`/api/documents/${slug}`), 422, 'corrupt');
    // The library's API lists it as broken beside the others.
    const list = (await (await editor.get('/api/documents')).json()) as { documents: { slug: string }[]; broken: { slug: string; error: string }[] };
    expect(list.documents.map((d) => d.slug)).toContain(SEED_SLUG);
    expect(list.broken).toContainEqual({ slug, error: expect.stringContaining('document.json') });
    // The published page does not depend on the working file.
    await page.goto(`/en/read/${slug}`);
    await expect(page.getByText('First paragraph.')).toBeVisible();
  });

  test('a field the schema refuses: the error names the field', async ({ page }) => {
    const doc = JSON.parse(fs.readFileSync(path.join(folder, 'document.json'), 'utf8')) as BilingualDocument;
    (doc.rows[1] as { status: string }).status = 'finished';
    writeByHand('document.json', JSON.stringify(doc, null, 2));
    await page.goto(`/en/documents/${slug}`);
    await expect(page.getByTestId('broken-file')).toContainText('rows[1].status');
    await expectLibraryWorks(page, 'rows[1].status');
  });

  test('a broken notes.json: the editor names it instead of crashing', async ({ page }) => {
    writeByHand('notes.json', JSON.stringify({ schemaVersion: 1, notes: [{ id: 'nope' }] }));
    const response = await page.goto(`/en/documents/${slug}`);
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByTestId('broken-file')).toContainText(`content/documents/${slug}/notes.json`);
    await expect(page.getByTestId('broken-file')).toContainText('notes[0]');
  });

  test('a broken published.json: the reading page says it cannot be shown, the details only to the signed-in', async ({ page, browser }) => {
    writeByHand('published.json', '[]');
    const response = await page.goto(`/en/read/${slug}`);
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByTestId('broken-file')).toContainText('cannot be shown');
    await expect(page.getByTestId('broken-file')).toContainText(`content/documents/${slug}/published.json`);

    const anonymous = await browser.newPage({ storageState: { cookies: [], origins: [] } });
    try {
      await anonymous.goto(`/ar/read/${slug}`);
      await expect(anonymous.getByTestId('broken-file')).toContainText('تعذّر عرض هذه الصفحة المنشورة');
      await expect(anonymous.getByTestId('broken-file')).not.toContainText('published.json');
    } finally {
      await anonymous.close();
    }
    // The public index leaves it out; the other published documents are unaffected.
    await page.goto('/en/read');
    await expect(page.locator(`a[href$="/read/${slug}"]`)).toHaveCount(0);
  });
});
