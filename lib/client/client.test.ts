import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, DOCX_CONTENT_TYPE, getExportUrl, getGlossaryExportUrl, getMemoryExportUrl, toApiError } from '@/lib/client';
import { BODY_LIMITS } from '@/lib/model';

/** A fetch that records each request and answers with `answer`. */
function recorder(answer: (url: string, init: RequestInit) => Promise<Response> | Response) {
  const seen: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const client = createApiClient(async (url, init = {}) => {
    seen.push({ url, method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string>, body: init.body });
    return answer(url, init);
  });
  return { client, seen };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client', () => {
  it('sends JSON bodies as JSON and answers the parsed result', async () => {
    const { client, seen } = recorder(() => json(201, { slug: 'new-doc', rows: 3 }));
    await expect(client.createDocument({ text: 'نص', slug: 'new-doc' })).resolves.toEqual({ slug: 'new-doc', rows: 3 });
    expect(seen[0]).toEqual({ url: '/api/documents', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"نص","slug":"new-doc"}' });
  });

  it('sends files as they are, with their type, and names in the query', async () => {
    const { client, seen } = recorder(() => json(200, {}));
    await client.createDocumentFromXliff('<xliff/>', { title: 'عنوان', targetLang: 'fr' });
    await client.previewXliffImport('doc', '<xliff/>');
    await client.applyXliffImport('doc', '<xliff/>');
    await client.applyXliffImport('doc', '<xliff/>', [{ id: 'u1', rev: 2 }]);
    await client.importMemoryTmx('<tmx/>');
    expect(seen.map((s) => [s.method, s.url, s.headers['content-type'], s.body])).toEqual([
      ['POST', `/api/documents?title=${encodeURIComponent('عنوان')}&targetLang=fr`, 'application/xliff+xml', '<xliff/>'],
      ['POST', '/api/documents/doc/import?format=xliff', 'application/xliff+xml', '<xliff/>'],
      ['POST', '/api/documents/doc/import?format=xliff&confirm=1', 'application/xliff+xml', '<xliff/>'],
      ['POST', '/api/documents/doc/import?format=xliff', 'application/json', '{"xliff":"<xliff/>","units":[{"id":"u1","rev":2}]}'],
      ['POST', '/api/memory/import', 'application/x-tmx+xml', '<tmx/>'],
    ]);
  });

  it('builds every route’s path, the memory’s in one place', async () => {
    const { client, seen } = recorder((url) => json(200, url.endsWith('/notes') ? { notes: [] } : url === '/api/glossary' ? { entries: [] } : {}));
    await client.listDocuments();
    await client.getDocument('doc');
    await client.saveRow('doc', 'r000000001', { baseRev: 1 });
    await client.splitRow('doc', 'r000000001', { sourceIndex: 1, targetIndex: 0, baseRev: 1 });
    await client.mergeRows('doc', 'r000000001', { baseRev: 1 });
    await client.listNotes('doc');
    await client.createNote('doc', { rowId: 'r000000001', side: 'source', body: 'x' });
    await client.updateNote('doc', 'n000000001', { status: 'resolved' });
    await client.deleteNote('doc', 'n000000001');
    await client.replyToNote('doc', 'n000000001', 'x');
    await client.editReply('doc', 'n000000001', 'p000000001', 'y');
    await client.deleteReply('doc', 'n000000001', 'p000000001');
    await client.getPublishState('doc');
    await client.publishDocument('doc', { credit: 'c' });
    await client.unpublishDocument('doc');
    await client.listGlossary();
    await client.addGlossaryTerm({ term: 'بوتين', rendering: 'Putin' });
    await client.updateGlossaryTerm('g000000001', { note: '' });
    await client.deleteGlossaryTerm('g000000001');
    await client.getMemoryMatches({ slug: 'doc', rowId: 'r000000001' });
    await client.getMemoryMatches({ q: 'بوتين' });
    await client.searchMemory('بوتين', 20);
    await client.getSession();
    await client.signIn({ name: 'layla', password: 'x' });
    await client.signOut();
    await client.getHealth();
    expect(seen.map((s) => `${s.method} ${decodeURIComponent(s.url)}`)).toEqual([
      'GET /api/documents',
      'GET /api/documents/doc',
      'PATCH /api/documents/doc/rows/r000000001',
      'POST /api/documents/doc/rows/r000000001/split',
      'POST /api/documents/doc/rows/r000000001/merge',
      'GET /api/documents/doc/notes',
      'POST /api/documents/doc/notes',
      'PATCH /api/documents/doc/notes/n000000001',
      'DELETE /api/documents/doc/notes/n000000001',
      'POST /api/documents/doc/notes/n000000001/replies',
      'PATCH /api/documents/doc/notes/n000000001/replies/p000000001',
      'DELETE /api/documents/doc/notes/n000000001/replies/p000000001',
      'GET /api/documents/doc/publish',
      'POST /api/documents/doc/publish',
      'DELETE /api/documents/doc/publish',
      'GET /api/glossary',
      'POST /api/glossary',
      'PATCH /api/glossary/g000000001',
      'DELETE /api/glossary/g000000001',
      'GET /api/memory/matches?slug=doc&rowId=r000000001',
      'POST /api/memory/matches',
      'GET /api/memory/concordance?q=بوتين&limit=20',
      'GET /api/session',
      'POST /api/session',
      'DELETE /api/session',
      'GET /api/health',
    ]);
    // A text looked up in the memory travels in the body: a long one does not fit in an address.
    expect(seen.find((s) => s.method === 'POST' && s.url === '/api/memory/matches')?.body).toBe('{"q":"بوتين"}');
    expect(getExportUrl('doc', 'xliff', { version: '1.2' })).toBe('/api/documents/doc/export?format=xliff&version=1.2');
    expect(getMemoryExportUrl()).toBe('/api/memory/export');
  });

  it('sends Word files as bytes, and glossary files with their type', async () => {
    const { client, seen } = recorder(() => json(201, {}));
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]).buffer;
    await client.createDocumentFromWord(bytes, { slug: 'from-word', targetLang: 'en' });
    await client.importGlossary('term,rendering', 'csv');
    await client.importGlossary('<tbx/>', 'tbx');
    expect(seen.map((s) => [s.method, s.url, s.headers['content-type'], s.body])).toEqual([
      ['POST', '/api/documents?slug=from-word&targetLang=en', DOCX_CONTENT_TYPE, bytes],
      ['POST', '/api/glossary/import?format=csv', 'text/csv', 'term,rendering'],
      ['POST', '/api/glossary/import?format=tbx', 'application/x-tbx+xml', '<tbx/>'],
    ]);
    expect(getGlossaryExportUrl('tbx')).toBe('/api/glossary/export?format=tbx');
    expect(getExportUrl('doc', 'docx', { layout: 'bilingual' })).toBe('/api/documents/doc/export?format=docx&layout=bilingual');
  });

  it('reaches the analysis, report, history, machine translation, repetitions and pre-translation routes', async () => {
    const { client, seen } = recorder((url) => json(200, url.endsWith('/history') ? { revisions: [] } : {}));
    await client.getDocumentAnalysis('doc');
    await client.getDocumentReport('doc');
    await client.getRowHistory('doc', 'r000000001');
    await client.getRowMtSuggestion('doc', 'r000000001');
    await client.getMtStatus();
    await client.fillRepetitions('doc', 'r000000001');
    await client.listPretranslations('doc');
    await client.cancelPretranslation('doc', 'u000000001');
    await client.undoPretranslation('doc', 'u000000001');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /api/documents/doc/analysis',
      'GET /api/documents/doc/report',
      'GET /api/documents/doc/rows/r000000001/history',
      'GET /api/documents/doc/rows/r000000001/mt',
      'GET /api/mt',
      'POST /api/documents/doc/rows/r000000001/propagate',
      'GET /api/documents/doc/pretranslate',
      'DELETE /api/documents/doc/pretranslate/u000000001',
      'POST /api/documents/doc/pretranslate/u000000001/undo',
    ]);
  });

  it('yields a pre-translation’s events as their lines arrive, however the stream cuts them', async () => {
    const lines = ['{"type":"start","runId":"u000000001","total":2,"memory":null,"mt":null}', '{"type":"progress","done":1,"total":2,"filled":1,"failed":0,"skipped":0}', '{"type":"done","runId":"u000000001","cancelled":false,"filled":1,"failed":0,"skipped":1,"fromMemory":1,"fromMt":0}'];
    const text = `${lines.join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const { client, seen } = recorder(() => new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } }));
    const events = [];
    for await (const event of await client.startPretranslation('doc', { minScore: 0.9 })) events.push(event.type);
    expect(events).toEqual(['start', 'progress', 'done']);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/documents/doc/pretranslate', body: '{"minScore":0.9}' });

    const { client: busy } = recorder(() => json(409, { error: { code: 'conflict', message: 'a run is going' } }));
    await expect(busy.startPretranslation('doc')).rejects.toMatchObject({ status: 409, code: 'conflict' });
  });

  it('throws an ApiError with the server’s status, code and message, and the current row of a 409', async () => {
    const current = { id: 'r000000001', rev: 3 };
    const { client } = recorder(() => json(409, { error: { code: 'conflict', message: 'changed by someone else' }, current }));
    const error = await client.saveRow('doc', 'r000000001', { baseRev: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'changed by someone else', current, isTransient: false });
  });

  it('keeps the wait an error answer asks for: the body’s retryAfter, else a Retry-After of seconds', async () => {
    const { client: provider } = recorder(() => json(503, { error: { code: 'mt-rate-limited', message: 'slow down', retryAfter: 29.5 } }));
    await expect(provider.getRowMtSuggestion('doc', 'r000000001')).rejects.toMatchObject({ status: 503, code: 'mt-rate-limited', retryAfter: 30 });
    const header = (value: string) => () =>
      new Response(JSON.stringify({ error: { code: 'rate-limited', message: 'too many' } }), { status: 429, headers: { 'retry-after': value } });
    await expect(recorder(header('12')).client.listDocuments()).rejects.toMatchObject({ status: 429, retryAfter: 12 });
    // A date, or nonsense, is no number of seconds: no wait is claimed.
    const dated = await recorder(header('Wed, 21 Oct 2026 07:28:00 GMT')).client.listDocuments().catch((e: unknown) => e);
    expect((dated as ApiError).retryAfter).toBeUndefined();
    const negative = await recorder(() => json(503, { error: { code: 'mt-unavailable', message: 'x', retryAfter: -1 } })).client.listDocuments().catch((e: unknown) => e);
    expect((negative as ApiError).retryAfter).toBeUndefined();
  });

  it('names an error answer without the JSON error shape by its status, and a missing answer as network', async () => {
    const { client: proxy } = recorder(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(proxy.listDocuments()).rejects.toMatchObject({ status: 502, code: 'http-502', isTransient: true });
    const { client: offline } = recorder(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.listDocuments()).rejects.toMatchObject({ status: 0, code: 'network', isTransient: true });
    const { client: garbled } = recorder(() => new Response('not json', { status: 200 }));
    await expect(garbled.listDocuments()).rejects.toMatchObject({ status: 200, code: 'bad-response' });
  });

  it('lets a cancelled request reject as the abort it is, not as a failure', async () => {
    const controller = new AbortController();
    const { client } = recorder((_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))));
    const asking = client.getMemoryMatches({ q: 'x' }, { signal: controller.signal });
    controller.abort();
    const error = await asking.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('turns anything thrown into an ApiError, and shares its body limits with the server', () => {
    expect(toApiError(new Error('boom'))).toMatchObject({ status: 0, code: 'unknown', message: 'boom' });
    const error = new ApiError(400, 'invalid', 'x');
    expect(toApiError(error)).toBe(error);
    expect(BODY_LIMITS.import).toBe(5 * 1024 * 1024);
    expect(BODY_LIMITS.importConfirmation).toBeGreaterThan(BODY_LIMITS.import);
  });
});
