import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from '@playwright/test';
import { Document, Packer, Paragraph } from 'docx';
import { apiAs, expect, test, userName } from './fixtures';
import { contentSnapshot, createTestDocument, paragraph, removeTestDocument } from './hardening-helpers';
import { SEED_SLUG, uniqueSlug, type BilingualDocument, type Row } from './helpers';
import { CALLERS, PERMISSIONS, type Caller, type PermissionId } from './permissions-table';

test.use({ role: 'none' });

type Person = Exclude<Caller, 'signed-out'>;

/** What a request gets to work with: the caller's own context, an editor to prepare things, the test document. */
interface Ctx {
  caller: Caller;
  api: APIRequestContext;
  people: Record<Person, APIRequestContext>;
  playwright: PlaywrightWorkerArgs['playwright'];
  slug: string;
  /** Extra headers for the request under test (the cross-site checks add an Origin). */
  headers: Record<string, string>;
  /** Documents created by the request, removed afterwards. */
  created: string[];
}

const base = (ctx: Ctx) => `/api/documents/${ctx.slug}`;

/** Rows of the test document handed out one by one (or two adjacent ones), so no request sees another's change. */
let nextRow = 0;
async function takeRows(ctx: Ctx, count = 1): Promise<Row[]> {
  const doc = (await (await ctx.people.editor.get(base(ctx))).json()) as BilingualDocument;
  const rows = doc.rows.slice(nextRow, nextRow + count);
  nextRow += count;
  if (rows.length < count) throw new Error('the test document ran out of rows');
  return rows;
}

/** A row with a translation, marked translated by the editor. */
async function translatedRow(ctx: Ctx): Promise<Row> {
  const [row] = await takeRows(ctx);
  const saved = await ctx.people.editor.patch(`${base(ctx)}/rows/${row!.id}`, {
    data: { target: paragraph('A translated paragraph.'), status: 'translated', baseRev: row!.rev },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return (await saved.json()) as Row;
}

/** Someone other than the caller (and other than the editor, unless the caller is the editor). */
function otherThan(ctx: Ctx): APIRequestContext {
  return ctx.caller === 'editor' ? ctx.people.translator : ctx.people.editor;
}

/** Who writes "your own" note: the caller, or for someone signed out (who is refused anyway) the editor. */
function own(ctx: Ctx): APIRequestContext {
  return ctx.caller === 'signed-out' ? ctx.people.editor : ctx.api;
}

async function noteBy(ctx: Ctx, author: APIRequestContext): Promise<string> {
  const [row] = await takeRows(ctx);
  const created = await author.post(`${base(ctx)}/notes`, { data: { rowId: row!.id, side: 'source', body: 'ملاحظة للاختبار.' } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function replyBy(ctx: Ctx, author: APIRequestContext): Promise<{ noteId: string; replyId: string }> {
  const noteId = await noteBy(ctx, ctx.people.editor);
  const replied = await author.post(`${base(ctx)}/notes/${noteId}/replies`, { data: { body: 'ردّ للاختبار.' } });
  expect(replied.status(), await replied.text()).toBe(201);
  return { noteId, replyId: ((await replied.json()) as { reply: { id: string } }).reply.id };
}

async function setPublished(ctx: Ctx, published: boolean): Promise<void> {
  const response = published
    ? await ctx.people.editor.post(`${base(ctx)}/publish`, { data: {} })
    : await ctx.people.editor.delete(`${base(ctx)}/publish`);
  expect([200, 201, 404], await response.text()).toContain(response.status());
}

async function xliffOf(ctx: Ctx): Promise<string> {
  const response = await ctx.people.editor.get(`${base(ctx)}/export?format=xliff`);
  expect(response.status()).toBe(200);
  return response.text();
}

/** A one-paragraph Arabic Word document. */
const smallDocx = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('نص قصير.')] }] }));
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const SMALL_XLIFF =
  '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">' +
  '<file id="f1"><unit id="u1"><segment><source>نص قصير.</source><target>A short text.</target></segment></unit></file></xliff>';

/** A fresh context for requests that sign in or out, so the caller's own session stays as it is. */
async function freshContext(ctx: Ctx): Promise<APIRequestContext> {
  return ctx.caller === 'signed-out' ? ctx.playwright.request.newContext({ baseURL: test.info().project.use.baseURL }) : apiAs(ctx.playwright, ctx.caller);
}

/** Contexts made for one request; disposed at the end of the test (disposing one disposes its responses). */
const freshContexts: APIRequestContext[] = [];

async function withFresh(ctx: Ctx, run: (api: APIRequestContext) => Promise<APIResponse>): Promise<APIResponse> {
  const api = await freshContext(ctx);
  freshContexts.push(api);
  return run(api);
}

async function disposeAll(team: Record<Person, APIRequestContext>): Promise<void> {
  for (const api of [...Object.values(team), ...freshContexts.splice(0)]) await api.dispose();
}

type Send = () => Promise<APIResponse | APIResponse[]>;

/**
 * One well-formed request for each line of the table: each prepares what it needs (as the editor, or as the
 * author a line speaks of) and gives back the request under test, to be sent with `ctx.headers`.
 */
const REQUESTS: Record<PermissionId, (ctx: Ctx) => Promise<Send>> = {
  health: async (ctx) => () => ctx.api.get('/api/health', { headers: ctx.headers }),
  'session-get': async (ctx) => () => ctx.api.get('/api/session', { headers: ctx.headers }),
  'session-post': async (ctx) => {
    const name = userName(ctx.caller === 'signed-out' ? 'reviewer' : ctx.caller);
    return () => withFresh(ctx, (api) => api.post('/api/session', { headers: ctx.headers, data: { name, password: process.env.E2E_PASSWORD } }));
  },
  'session-post-wrong': async (ctx) => () =>
    withFresh(ctx, (api) => api.post('/api/session', { headers: ctx.headers, data: { name: userName('editor'), password: 'not-the-password' } })),
  'session-delete': async (ctx) => () => withFresh(ctx, (api) => api.delete('/api/session', { headers: ctx.headers })),
  'documents-get': async (ctx) => () => ctx.api.get('/api/documents', { headers: ctx.headers }),
  'documents-post': async (ctx) => {
    const slug = uniqueSlug('e2e-perm-new');
    ctx.created.push(slug);
    return () => ctx.api.post('/api/documents', { headers: ctx.headers, data: { text: 'نص قصير للاختبار.', slug } });
  },
  'documents-post-xliff': async (ctx) => {
    const slug = uniqueSlug('e2e-perm-xlf');
    ctx.created.push(slug);
    return () => ctx.api.post(`/api/documents?slug=${slug}`, { headers: { ...ctx.headers, 'content-type': 'application/xliff+xml' }, data: SMALL_XLIFF });
  },
  'documents-post-word': async (ctx) => {
    const slug = uniqueSlug('e2e-perm-docx');
    ctx.created.push(slug);
    const docx = await smallDocx();
    return () => ctx.api.post(`/api/documents?slug=${slug}`, { headers: { ...ctx.headers, 'content-type': DOCX_TYPE }, data: docx });
  },
  'document-get': async (ctx) => () => ctx.api.get(base(ctx), { headers: ctx.headers }),
  'row-target': async (ctx) => {
    const [row] = await takeRows(ctx);
    return () => ctx.api.patch(`${base(ctx)}/rows/${row!.id}`, { headers: ctx.headers, data: { target: paragraph('New English.'), baseRev: row!.rev } });
  },
  'row-draft': (ctx) => setStatus(ctx, 'draft'),
  'row-translated': (ctx) => setStatus(ctx, 'translated'),
  'row-approved': (ctx) => setStatus(ctx, 'approved'),
  'row-needs-changes': (ctx) => setStatus(ctx, 'needs-changes'),
  'rows-status-translated': (ctx) => setStatuses(ctx, 'translated'),
  'rows-status-approved': (ctx) => setStatuses(ctx, 'approved'),
  'rows-status-draft': (ctx) => setStatuses(ctx, 'draft'),
  split: async (ctx) => {
    const [first] = await takeRows(ctx, 2);
    const merged = await ctx.people.editor.post(`${base(ctx)}/rows/${first!.id}/merge`, { data: { baseRev: first!.rev } });
    expect(merged.status(), await merged.text()).toBe(200);
    const { row } = (await merged.json()) as { row: Row };
    return () => ctx.api.post(`${base(ctx)}/rows/${row.id}/split`, { headers: ctx.headers, data: { sourceIndex: 1, targetIndex: 0, baseRev: row.rev } });
  },
  merge: async (ctx) => {
    const [first] = await takeRows(ctx, 2);
    return () => ctx.api.post(`${base(ctx)}/rows/${first!.id}/merge`, { headers: ctx.headers, data: { baseRev: first!.rev } });
  },
  'presence-post': async (ctx) => () =>
    ctx.api.post(`${base(ctx)}/presence`, { headers: ctx.headers, data: { client: `permissions-${Math.random().toString(36).slice(2, 10)}`, rowId: null } }),
  'row-history': async (ctx) => {
    const row = await translatedRow(ctx);
    return () => ctx.api.get(`${base(ctx)}/rows/${row.id}/history`, { headers: ctx.headers });
  },
  'row-restore': async (ctx) => {
    const row = await translatedRow(ctx);
    return () => ctx.api.post(`${base(ctx)}/rows/${row.id}/restore`, { headers: ctx.headers, data: { rev: 1, baseRev: row.rev } });
  },
  'review-changes': async (ctx) => () => ctx.api.get(`${base(ctx)}/review-changes`, { headers: ctx.headers }),
  'row-mt': async (ctx) => {
    const [row] = await takeRows(ctx);
    return () => ctx.api.get(`${base(ctx)}/rows/${row!.id}/mt`, { headers: ctx.headers });
  },
  propagate: async (ctx) => {
    const row = await translatedRow(ctx);
    return () => ctx.api.post(`${base(ctx)}/rows/${row.id}/propagate`, { headers: ctx.headers, data: {} });
  },
  'notes-get': async (ctx) => () => ctx.api.get(`${base(ctx)}/notes`, { headers: ctx.headers }),
  'notes-post': async (ctx) => {
    const [row] = await takeRows(ctx);
    return () => ctx.api.post(`${base(ctx)}/notes`, { headers: ctx.headers, data: { rowId: row!.id, side: 'target', body: 'A note.' } });
  },
  'note-resolve': async (ctx) => {
    const id = await noteBy(ctx, otherThan(ctx));
    return () => ctx.api.patch(`${base(ctx)}/notes/${id}`, { headers: ctx.headers, data: { status: 'resolved' } });
  },
  'note-edit-own': async (ctx) => {
    const id = await noteBy(ctx, own(ctx));
    return () => ctx.api.patch(`${base(ctx)}/notes/${id}`, { headers: ctx.headers, data: { body: 'Edited.' } });
  },
  'note-edit-other': async (ctx) => {
    const id = await noteBy(ctx, otherThan(ctx));
    return () => ctx.api.patch(`${base(ctx)}/notes/${id}`, { headers: ctx.headers, data: { body: 'Edited.' } });
  },
  'note-delete-own': async (ctx) => {
    const id = await noteBy(ctx, own(ctx));
    return () => ctx.api.delete(`${base(ctx)}/notes/${id}`, { headers: ctx.headers });
  },
  'note-delete-other': async (ctx) => {
    const id = await noteBy(ctx, otherThan(ctx));
    return () => ctx.api.delete(`${base(ctx)}/notes/${id}`, { headers: ctx.headers });
  },
  'replies-post': async (ctx) => {
    const id = await noteBy(ctx, otherThan(ctx));
    return () => ctx.api.post(`${base(ctx)}/notes/${id}/replies`, { headers: ctx.headers, data: { body: 'A reply.' } });
  },
  'reply-edit-own': async (ctx) => {
    const { noteId, replyId } = await replyBy(ctx, own(ctx));
    return () => ctx.api.patch(`${base(ctx)}/notes/${noteId}/replies/${replyId}`, { headers: ctx.headers, data: { body: 'Edited.' } });
  },
  'reply-edit-other': async (ctx) => {
    const { noteId, replyId } = await replyBy(ctx, otherThan(ctx));
    return () => ctx.api.patch(`${base(ctx)}/notes/${noteId}/replies/${replyId}`, { headers: ctx.headers, data: { body: 'Edited.' } });
  },
  'reply-delete-own': async (ctx) => {
    const { noteId, replyId } = await replyBy(ctx, own(ctx));
    return () => ctx.api.delete(`${base(ctx)}/notes/${noteId}/replies/${replyId}`, { headers: ctx.headers });
  },
  'reply-delete-other': async (ctx) => {
    const { noteId, replyId } = await replyBy(ctx, otherThan(ctx));
    return () => ctx.api.delete(`${base(ctx)}/notes/${noteId}/replies/${replyId}`, { headers: ctx.headers });
  },
  'publish-get': async (ctx) => () => ctx.api.get(`${base(ctx)}/publish`, { headers: ctx.headers }),
  'publish-post': async (ctx) => {
    await setPublished(ctx, false);
    return () => ctx.api.post(`${base(ctx)}/publish`, { headers: ctx.headers, data: { credit: 'الجزيرة نت' } });
  },
  'publish-delete': async (ctx) => {
    await setPublished(ctx, true);
    return () => ctx.api.delete(`${base(ctx)}/publish`, { headers: ctx.headers });
  },
  'export-json': async (ctx) => () =>
    Promise.all(['json', 'w3c', 'xliff', 'md'].map((f) => ctx.api.get(`${base(ctx)}/export?format=${f}`, { headers: ctx.headers }))),
  'export-docx': async (ctx) => () =>
    Promise.all(['target', 'bilingual'].map((layout) => ctx.api.get(`${base(ctx)}/export?format=docx&layout=${layout}`, { headers: ctx.headers }))),
  'export-html': async (ctx) => {
    await setPublished(ctx, true);
    return () => ctx.api.get(`${base(ctx)}/export?format=html`, { headers: ctx.headers });
  },
  'import-preview': async (ctx) => {
    const xliff = await xliffOf(ctx);
    return () => ctx.api.post(`${base(ctx)}/import?format=xliff`, { headers: { ...ctx.headers, 'content-type': 'application/xliff+xml' }, data: xliff });
  },
  'import-confirm': async (ctx) => {
    const xliff = await xliffOf(ctx);
    return () =>
      ctx.api.post(`${base(ctx)}/import?format=xliff&confirm=1`, { headers: { ...ctx.headers, 'content-type': 'application/xliff+xml' }, data: xliff });
  },
  'pretranslate-get': async (ctx) => () => ctx.api.get(`${base(ctx)}/pretranslate`, { headers: ctx.headers }),
  'pretranslate-post': async (ctx) => {
    const [row] = await takeRows(ctx);
    return () => ctx.api.post(`${base(ctx)}/pretranslate`, { headers: ctx.headers, data: { rowIds: [row!.id] } });
  },
  'pretranslate-cancel': async (ctx) => () => ctx.api.delete(`${base(ctx)}/pretranslate/zzzzzzzzzz`, { headers: ctx.headers }),
  'pretranslate-undo': async (ctx) => {
    const runId = await pretranslatedRun(ctx);
    return () => ctx.api.post(`${base(ctx)}/pretranslate/${runId}/undo`, { headers: ctx.headers, data: {} });
  },
  analysis: async (ctx) => () => ctx.api.get(`${base(ctx)}/analysis`, { headers: ctx.headers }),
  report: async (ctx) => () => ctx.api.get(`${base(ctx)}/report`, { headers: ctx.headers }),
  'glossary-get': async (ctx) => () => ctx.api.get('/api/glossary', { headers: ctx.headers }),
  'glossary-post': async (ctx) => () => ctx.api.post('/api/glossary', { headers: ctx.headers, data: { term: uniqueTerm(), rendering: 'A test term' } }),
  'glossary-export': async (ctx) => () =>
    Promise.all(['tbx', 'csv'].map((format) => ctx.api.get(`/api/glossary/export?format=${format}`, { headers: ctx.headers }))),
  'glossary-import': async (ctx) => () =>
    Promise.all([
      ctx.api.post('/api/glossary/import?format=csv', { headers: { ...ctx.headers, 'content-type': 'text/csv' }, data: `term,rendering\n${uniqueTerm()},A test term\n` }),
      ctx.api.post('/api/glossary/import?format=tbx', {
        headers: { ...ctx.headers, 'content-type': 'application/x-tbx+xml' },
        data: `<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1"><langSec xml:lang="ar"><termSec><term>${uniqueTerm()}</term></termSec></langSec><langSec xml:lang="en"><termSec><term>A test term</term></termSec></langSec></conceptEntry></body></text></tbx>`,
      }),
    ]),
  'glossary-patch': async (ctx) => {
    const id = await glossaryEntry(ctx);
    return () => ctx.api.patch(`/api/glossary/${id}`, { headers: ctx.headers, data: { note: 'Checked.' } });
  },
  'glossary-delete': async (ctx) => {
    const id = await glossaryEntry(ctx);
    return () => ctx.api.delete(`/api/glossary/${id}`, { headers: ctx.headers });
  },
  ...memoryRequests('memory', '/api/memory'),
  // The old addresses answer as the new ones do.
  ...memoryRequests('tm', '/api/tm'),
  'mt-status': async (ctx) => () => ctx.api.get('/api/mt', { headers: ctx.headers }),
};

/** The memory's four requests, at its address or at the old `/api/tm` one. */
function memoryRequests<P extends 'memory' | 'tm'>(prefix: P, address: string) {
  const requests = {
    matches: async (ctx: Ctx) => {
      const [row] = await takeRows(ctx);
      return () =>
        Promise.all([
          ctx.api.get(`${address}/matches?slug=${ctx.slug}&rowId=${row!.id}`, { headers: ctx.headers }),
          ctx.api.get(`${address}/matches?q=${encodeURIComponent('استقبل الرئيس الروسي فلاديمير بوتين')}`, { headers: ctx.headers }),
        ]);
    },
    'matches-post': async (ctx: Ctx) => () =>
      ctx.api.post(`${address}/matches`, { headers: ctx.headers, data: { q: 'استقبل الرئيس الروسي فلاديمير بوتين' } }),
    concordance: async (ctx: Ctx) => () => ctx.api.get(`${address}/concordance?q=${encodeURIComponent('بوتين')}`, { headers: ctx.headers }),
    export: async (ctx: Ctx) => () => ctx.api.get(`${address}/export`, { headers: ctx.headers }),
    import: async (ctx: Ctx) => () =>
      ctx.api.post(`${address}/import`, { headers: { ...ctx.headers, 'content-type': 'application/x-tmx+xml' }, data: smallTmx() }),
  };
  return Object.fromEntries(Object.entries(requests).map(([k, v]) => [`${prefix}-${k}`, v])) as Record<`${P}-${keyof typeof requests}`, (ctx: Ctx) => Promise<Send>>;
}

/** A pre-translation run by the editor that filled one row from machine translation; its id. */
async function pretranslatedRun(ctx: Ctx): Promise<string> {
  const [row] = await takeRows(ctx);
  const run = await ctx.people.editor.post(`${base(ctx)}/pretranslate`, { data: { rowIds: [row!.id], useMemory: false } });
  expect(run.status(), await run.text()).toBe(200);
  expect(await run.text()).toContain('"outcome":"filled"');
  return run.headers()['x-run-id']!;
}

/** An Arabic term no document holds, different each time (the glossary refuses a term twice). */
function uniqueTerm(): string {
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  return `مصطلح ${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
}

async function glossaryEntry(ctx: Ctx): Promise<string> {
  const created = await ctx.people.editor.post('/api/glossary', { data: { term: uniqueTerm(), rendering: 'A test term' } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

function smallTmx(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="test" creationtoolversion="1" srclang="ar" adminlang="en" datatype="plaintext" segtype="paragraph" o-tmf="test"/>' +
    `<body><tu><tuv xml:lang="ar"><seg>${uniqueTerm()}</seg></tuv><tuv xml:lang="en"><seg>A test term.</seg></tuv></tu></body></tmx>`
  );
}

async function setStatus(ctx: Ctx, status: 'draft' | 'translated' | 'approved' | 'needs-changes'): Promise<Send> {
  const row = await translatedRow(ctx);
  return () => ctx.api.patch(`${base(ctx)}/rows/${row.id}`, { headers: ctx.headers, data: { status, baseRev: row.rev } });
}

/** Two translated rows, set to `status` in one request. */
async function setStatuses(ctx: Ctx, status: 'draft' | 'translated' | 'approved'): Promise<Send> {
  const rows = [await translatedRow(ctx), await translatedRow(ctx)];
  return () => ctx.api.post(`${base(ctx)}/rows/status`, { headers: ctx.headers, data: { status, rowIds: rows.map((r) => r.id) } });
}

async function people(playwright: PlaywrightWorkerArgs['playwright']): Promise<Record<Person, APIRequestContext>> {
  return { translator: await apiAs(playwright, 'translator'), reviewer: await apiAs(playwright, 'reviewer'), editor: await apiAs(playwright, 'editor') };
}

async function statusesOf(result: APIResponse | APIResponse[]): Promise<number[]> {
  return (Array.isArray(result) ? result : [result]).map((r) => r.status());
}

for (const [i, caller] of CALLERS.entries()) {
  test(`every API route answers ${caller === 'signed-out' ? 'someone signed out' : `${caller === 'editor' ? 'an' : 'a'} ${caller}`} as the permissions table says`, async ({ playwright, request }) => {
    test.slow(); // Some 35 requests, most with requests of their own to prepare.
    const team = await people(playwright);
    const doc = await createTestDocument(team.editor, 'e2e-permissions', 80);
    nextRow = 0;
    const created: string[] = [];
    try {
      const actual: Record<string, number[]> = {};
      const expected: Record<string, number[]> = {};
      for (const permission of PERMISSIONS) {
        const key = `${permission.method} ${permission.path}${'what' in permission ? ` (${permission.what})` : ''}`;
        const api = caller === 'signed-out' ? request : team[caller];
        const send = await REQUESTS[permission.id]({ caller, api, people: team, playwright, slug: doc.slug, headers: {}, created });
        const statuses = await statusesOf(await send());
        actual[key] = statuses;
        expected[key] = statuses.map(() => permission.expect[i]!);
      }
      // One comparison of the whole column, so a failure shows every cell that differs at once.
      expect(actual).toEqual(expected);
    } finally {
      await disposeAll(team);
      for (const slug of [doc.slug, ...created]) removeTestDocument(slug);
    }
  });
}

test.describe('a cookie-authenticated write from another site', () => {
  const writes = PERMISSIONS.filter((p) => p.method !== 'GET');

  test('is 403 on every write route and changes nothing; a read from another origin is answered', async ({ playwright }) => {
    test.slow();
    const team = await people(playwright);
    const doc = await createTestDocument(team.editor, 'e2e-cross-site', 120);
    nextRow = 0;
    const created: string[] = [];
    try {
      const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
      for (const headers of foreign) {
        for (const permission of writes) {
          // The editor may do everything, so only the origin check stands between this request and a change.
          const ctx: Ctx = { caller: 'editor', api: team.editor, people: team, playwright, slug: doc.slug, headers: {}, created };
          // Prepared with the app's own origin; only the request under test comes from the other site.
          const send = await REQUESTS[permission.id]({ ...ctx, headers });
          const snapshot = contentSnapshot();
          const response = await send();
          for (const r of Array.isArray(response) ? response : [response]) {
            expect(r.status(), `${permission.method} ${permission.path} ${'what' in permission ? permission.what : ''} with ${JSON.stringify(headers)}: ${await r.text()}`).toBe(403);
            expect(((await r.json()) as { error: { code: string } }).error.code).toBe('forbidden');
          }
          expect(contentSnapshot(), `${permission.id} changed nothing`).toEqual(snapshot);
        }
      }
      // Reads are not writes: another origin may read what the cookie's person may read.
      const read = await team.editor.get(`/api/documents/${doc.slug}`, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      expect(read.status()).toBe(200);
      // A token carries its credential itself: no origin check applies (roles.spec.ts covers tokens).
    } finally {
      await disposeAll(team);
      for (const slug of [doc.slug, ...created]) removeTestDocument(slug);
    }
  });

  test('is refused when its origin differs only in scheme or port, or forged forwarded headers claim it is ours', async ({ playwright, request }) => {
    const own = new URL(test.info().project.use.baseURL!);
    const other: Record<string, string>[] = [
      { origin: `https://${own.host}` },
      { origin: `http://${own.hostname}:${Number(own.port) + 1}` },
      // No proxy is trusted (TRUST_PROXY is unset): X-Forwarded-* from a client count for nothing.
      { origin: `https://${own.host}`, 'x-forwarded-proto': 'https' },
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    ];
    const editor = await apiAs(playwright, 'editor');
    try {
      for (const headers of other) {
        const signIn = await request.post('/api/session', { headers, data: { name: userName('editor'), password: process.env.E2E_PASSWORD } });
        expect(signIn.status(), JSON.stringify(headers)).toBe(403);
        const note = await editor.post(`/api/documents/${SEED_SLUG}/notes`, { headers, data: { rowId: 'ts4wa0cwop', side: 'source', body: 'x' } });
        expect(note.status(), JSON.stringify(headers)).toBe(403);
      }
      // The app's own origin, exactly, is let through.
      const own201 = await request.post('/api/session', { headers: { origin: own.origin }, data: { name: userName('editor'), password: process.env.E2E_PASSWORD } });
      expect(own201.status()).toBe(200);
    } finally {
      await editor.dispose();
    }
  });

  test('cannot sign a visitor in or out', async ({ playwright, request }) => {
    const evil = { origin: 'https://evil.example' };
    const signIn = await request.post('/api/session', { headers: evil, data: { name: userName('editor'), password: process.env.E2E_PASSWORD } });
    expect(signIn.status()).toBe(403);
    expect(await (await request.get('/api/session')).json()).toEqual({ user: null });

    const editor = await apiAs(playwright, 'editor');
    try {
      expect((await editor.delete('/api/session', { headers: { 'sec-fetch-site': 'cross-site' } })).status()).toBe(403);
      expect(await (await editor.get('/api/session')).json()).toMatchObject({ user: { name: userName('editor') } });
    } finally {
      await editor.dispose();
    }
  });
});
