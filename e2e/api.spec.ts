import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  contentDir,
  diskRow,
  listDocumentFolders,
  readDocumentJson,
  resetDocument,
  SEED_SLUG,
  targetText,
  uniqueSlug,
  type BilingualDocument,
  type Row,
  type TargetDoc,
} from './helpers';

function paragraph(text: string): TargetDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

async function documentSlugs(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/api/documents');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { documents: { slug: string }[] };
  return body.documents.map((d) => d.slug).sort();
}

/** The response is a 4xx in the one error shape: `{error: {code, message}}`. */
async function expectClientError<T = object>(response: APIResponse, status?: number): Promise<T & { error: { code: string; message: string } }> {
  const body = await response.json();
  if (status !== undefined) expect(response.status(), JSON.stringify(body)).toBe(status);
  expect(response.status(), JSON.stringify(body)).toBeGreaterThanOrEqual(400);
  expect(response.status(), JSON.stringify(body)).toBeLessThan(500);
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/** Creates a small document of its own through the API; returns its slug and rows. */
async function createDocument(request: APIRequestContext, prefix: string): Promise<{ slug: string; rows: Row[] }> {
  const slug = uniqueSlug(prefix);
  const created = await request.post('/api/documents', {
    data: { text: '# عنوان\n\nفقرة أولى.\n\n1. بند أول', slug },
  });
  expect(created.status()).toBe(201);
  const doc = (await (await request.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
  return { slug, rows: doc.rows };
}

test.describe('POST /api/documents refuses bad input and creates nothing', () => {
  const TWO_MB = 2 * 1024 * 1024;
  const cases: { name: string; body: string; status: number; code: string }[] = [
    { name: 'empty text', body: JSON.stringify({ text: '' }), status: 400, code: 'invalid' },
    { name: 'whitespace-only text', body: JSON.stringify({ text: ' \n\t\n  ' }), status: 400, code: 'invalid' },
    { name: 'a number as text', body: JSON.stringify({ text: 42 }), status: 400, code: 'invalid' },
    { name: 'text with a NUL byte', body: JSON.stringify({ text: 'نص\u0000ثنائي' }), status: 400, code: 'invalid' },
    { name: 'text over 2 MB', body: JSON.stringify({ text: 'ن'.repeat(TWO_MB / 2 + 10) }), status: 413, code: 'too-large' },
    { name: 'the slug "../etc"', body: JSON.stringify({ text: 'نص قصير.', slug: '../etc' }), status: 400, code: 'invalid' },
    { name: 'malformed JSON', body: '{"text": "نص', status: 400, code: 'invalid' },
    { name: 'an unknown field', body: JSON.stringify({ text: 'نص قصير.', owner: 'someone' }), status: 400, code: 'invalid' },
    { name: 'no text at all', body: JSON.stringify({ slug: 'no-text-here' }), status: 400, code: 'invalid' },
  ];

  for (const c of cases) {
    test(c.name, async ({ request }) => {
      const slugsBefore = await documentSlugs(request);
      const foldersBefore = listDocumentFolders();
      const response = await request.post('/api/documents', { headers: { 'content-type': 'application/json' }, data: c.body });
      const body = await expectClientError(response, c.status);
      expect(body.error.code).toBe(c.code);
      expect(await documentSlugs(request)).toEqual(slugsBefore);
      expect(listDocumentFolders()).toEqual(foldersBefore);
      expect(fs.existsSync(path.join(contentDir(), 'etc'))).toBe(false);
      expect(fs.existsSync(path.join(contentDir(), 'documents', 'no-text-here'))).toBe(false);
    });
  }
});

test('a good POST /api/documents answers 201 with the slug, and GET returns its rows', async ({ request }) => {
  const slug = uniqueSlug('e2e-api');
  const response = await request.post('/api/documents', {
    data: { text: '# بوتين يستقبل حفتر\n\nفي تطور دبلوماسي بارز.\n\n1. البند الأول\n2. البند الثاني', slug },
  });
  expect(response.status()).toBe(201);
  expect(await response.json()).toEqual({ slug, rows: 4 });
  expect(await documentSlugs(request)).toContain(slug);

  const got = await request.get(`/api/documents/${slug}`);
  expect(got.status()).toBe(200);
  const doc = (await got.json()) as BilingualDocument;
  expect(doc).toMatchObject({ slug, title: 'بوتين يستقبل حفتر', sourceLang: 'ar', targetLang: 'en' });
  expect(doc.rows).toHaveLength(4);
  for (const row of doc.rows) {
    expect(row.id).toMatch(/^[a-z0-9]{10}$/);
    expect(row.rev).toBe(1);
    expect(row.status).toBe('untranslated');
    expect(row.source).toHaveLength(1);
    expect(row.target).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  }
  expect(doc.rows.map((r) => r.source[0])).toEqual([
    { kind: 'title', text: 'بوتين يستقبل حفتر' },
    { kind: 'paragraph', text: 'في تطور دبلوماسي بارز.' },
    { kind: 'numbered', number: '1', text: 'البند الأول' },
    { kind: 'numbered', number: '2', text: 'البند الثاني' },
  ]);
  expect(new Set(doc.rows.map((r) => r.id)).size).toBe(4);
  // The file on disk is what the API returned.
  expect(readDocumentJson<BilingualDocument>(slug)).toEqual(doc);
});

test('GET /api/documents/:slug returns the seed rows with id, rev, status, source and target', async ({ request }) => {
  resetDocument(SEED_SLUG);
  const response = await request.get(`/api/documents/${SEED_SLUG}`);
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as BilingualDocument;
  expect(doc.rows).toHaveLength(21);
  for (const row of doc.rows) {
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'rev', 'status', 'source', 'target']));
  }
  expect(doc.rows[0]).toMatchObject({ id: 'ts4wa0cwop', rev: 3, status: 'translated' });
  expect(targetText(doc.rows[0]!.target)).toBe('Putin Receives General Haftar at the Kremlin');
  expect(doc.rows[11]).toMatchObject({ id: 'v207tfjd7s', rev: 1, status: 'untranslated', source: [{ kind: 'numbered', number: '1' }] });
});

test('GET /api/documents/:slug/rows sends the rows in blocks, a linked row’s block first, then after it, then before it', async ({ request }) => {
  const slug = uniqueSlug('rows-order');
  const text = Array.from({ length: 1100 }, (_, i) => `الفقرة رقم ${i + 1}.`).join('\n\n');
  expect((await request.post('/api/documents', { data: { text, slug } })).status()).toBe(201);
  const ids = ((await (await request.get(`/api/documents/${slug}`)).json()) as BilingualDocument).rows.map((r) => r.id);
  const read = async (query: string) => {
    const response = await request.get(`/api/documents/${slug}/rows${query}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/x-ndjson');
    const blocks = (await response.text()).trim().split('\n').map((line) => (JSON.parse(line) as { id: string }[]).map((r) => r.id));
    return { blocks, before: response.headers()['x-rows-before'], count: response.headers()['x-row-count'] };
  };
  const inOrder = await read('');
  expect(inOrder.blocks.map((b) => b.length)).toEqual([250, 250, 250, 250, 100]);
  expect(inOrder.blocks.flat()).toEqual(ids);
  expect([inOrder.before, inOrder.count]).toEqual(['0', '1100']);

  const linked = await read(`?first=${ids[620]}`);
  expect(linked.blocks).toEqual([ids.slice(500, 750), ids.slice(750, 1000), ids.slice(1000), ids.slice(250, 500), ids.slice(0, 250)]);
  expect([linked.before, linked.count]).toEqual(['500', '1100']);
  // A row that is not there is no reason to refuse: the rows come in order.
  expect((await read('?first=zzzzzzzzzz')).blocks.flat()).toEqual(ids);
  expect((await request.get(`/api/documents/${slug}/rows?first=not%20an%20id`)).status()).toBe(400);
});

test('PATCH saves a row, and a stale baseRev is a 409 carrying the current row, changing nothing', async ({ request }) => {
  const { slug, rows } = await createDocument(request, 'e2e-patch');
  const row = rows[1]!;

  const first = await request.patch(`/api/documents/${slug}/rows/${row.id}`, {
    data: { target: paragraph('A notable diplomatic development.'), baseRev: 1 },
  });
  expect(first.status()).toBe(200);
  const saved = (await first.json()) as Row;
  expect(saved).toMatchObject({ id: row.id, rev: 2, status: 'draft', target: paragraph('A notable diplomatic development.') });
  expect(diskRow(slug, row.id)).toMatchObject({ rev: 2, status: 'draft' });

  const stale = await request.patch(`/api/documents/${slug}/rows/${row.id}`, {
    data: { target: paragraph('Someone else’s older edit.'), baseRev: 1 },
  });
  const body = await expectClientError<{ current: Row }>(stale, 409);
  expect(body.error.code).toBe('conflict');
  expect(body.current).toMatchObject({ id: row.id, rev: 2, target: paragraph('A notable diplomatic development.') });
  expect(diskRow(slug, row.id)).toMatchObject({ rev: 2, target: paragraph('A notable diplomatic development.') });

  // A status change on the current revision goes through.
  const status = await request.patch(`/api/documents/${slug}/rows/${row.id}`, { data: { status: 'translated', baseRev: 2 } });
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({ rev: 3, status: 'translated' });
});

test('PATCH refuses what does not fit: unknown row 404, bad row id 400, status on an empty row 400', async ({ request }) => {
  const { slug, rows } = await createDocument(request, 'e2e-patch-bad');
  const before = readDocumentJson<BilingualDocument>(slug);

  const unknown = await request.patch(`/api/documents/${slug}/rows/zzzzzzzzzz`, { data: { target: paragraph('x'), baseRev: 1 } });
  expect((await expectClientError(unknown, 404)).error.code).toBe('not-found');

  const badId = await request.patch(`/api/documents/${slug}/rows/not-a-row`, { data: { target: paragraph('x'), baseRev: 1 } });
  await expectClientError(badId, 400);

  const emptyTranslated = await request.patch(`/api/documents/${slug}/rows/${rows[0]!.id}`, { data: { status: 'translated', baseRev: 1 } });
  await expectClientError(emptyTranslated, 400);

  const extraField = await request.patch(`/api/documents/${slug}/rows/${rows[0]!.id}`, {
    data: { target: paragraph('x'), baseRev: 1, rev: 7 },
  });
  await expectClientError(extraField, 400);

  expect(readDocumentJson<BilingualDocument>(slug)).toEqual(before);
});

test('GET of an unknown slug is 404, of an invalid slug 400', async ({ request }) => {
  const unknown = await request.get('/api/documents/no-such-document');
  expect((await expectClientError(unknown, 404)).error.code).toBe('not-found');

  for (const slug of ['Bad_Slug', 'UPPER', '-leading-hyphen', 'a%20b']) {
    const invalid = await request.get(`/api/documents/${slug}`);
    expect((await expectClientError(invalid, 400)).error.code).toBe('invalid');
  }
});

test('a slug that is taken is a 409 and the existing document is untouched', async ({ request }) => {
  const { slug } = await createDocument(request, 'e2e-taken');
  const before = readDocumentJson<BilingualDocument>(slug);
  const again = await request.post('/api/documents', { data: { text: 'نص آخر تماما.', slug } });
  expect((await expectClientError(again, 409)).error.code).toBe('exists');
  expect(readDocumentJson<BilingualDocument>(slug)).toEqual(before);
});

/**
 * Regression test for the store's errors losing their HTTP status. The document store lives on globalThis and
 * is created by whichever bundle (a page or an API route) touches it first; each bundle has its own copy of
 * lib/model, so `e instanceof ModelError` fails for errors the store throws into the other bundle, and a
 * missing document becomes a 500. Both an editor page and an API route are asked for a missing document here,
 * so whichever created the store, the other one is hit.
 */
test('a missing document is "not found" both in the editor page and in the API, whichever was asked first', async ({ page, request }) => {
  const pageFirst = await page.goto('/en/documents/no-such-document');
  const api = await request.get('/api/documents/no-such-document');
  const pageAfter = await page.goto('/en/documents/no-such-document');
  const taken = await request.post('/api/documents', { data: { text: 'نص.', slug: SEED_SLUG } });
  expect({
    'editor page of a missing document': pageFirst!.status(),
    'GET /api/documents/<missing>': api.status(),
    'editor page of a missing document, after the API was asked': pageAfter!.status(),
    'POST /api/documents with a taken slug': taken.status(),
  }).toEqual({
    'editor page of a missing document': 404,
    'GET /api/documents/<missing>': 404,
    'editor page of a missing document, after the API was asked': 404,
    'POST /api/documents with a taken slug': 409,
  });
});
