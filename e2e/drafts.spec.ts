import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { paragraph, removeTestDocument } from './hardening-helpers';
import { readDocumentJson, readSeedDocumentJson, SEED_SLUG, targetText, uniqueSlug, type BilingualDocument, type Row } from './helpers';

/**
 * Starting from a draft, through the API against the running app: pre-translation from the memory and from machine
 * translation (the e2e server runs a LibreTranslate stand-in, scripts/fake-mt-server.mjs), its progress stream,
 * cancelling it, undoing it, the row suggestion, repetitions, and the report page in both interface languages.
 */

type Event = { type: string; [key: string]: unknown };

const created: string[] = [];
test.afterAll(() => {
  for (const slug of created.splice(0)) removeTestDocument(slug);
});

async function createDocument(request: APIRequestContext, paragraphs: string[], prefix = 'e2e-drafts'): Promise<BilingualDocument> {
  const slug = uniqueSlug(prefix);
  created.push(slug);
  const response = await request.post('/api/documents', { data: { text: paragraphs.join('\n\n'), slug, title: 'مسودات' } });
  expect(response.status(), await response.text()).toBe(201);
  return (await (await request.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
}

function parseLines(body: string): Event[] {
  return body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Event);
}

/** Translated paragraphs of the seed: the shipped memory holds them, so they are 100 % matches. */
function seedTranslated(count: number): string[] {
  const seed = readSeedDocumentJson<BilingualDocument>(SEED_SLUG);
  return seed.rows.filter((r) => r.status === 'translated' && r.source.length === 1 && r.source[0]!.kind === 'paragraph').slice(0, count).map((r) => r.source[0]!.text);
}

/**
 * Starts a run from the page (so the stream is read as it comes) and resolves with the events read until `stop`
 * says to stop, aborting the request then (the client going away).
 */
async function runInPage(page: Page, slug: string, body: object, stopAfterFilled: number | null): Promise<Event[]> {
  return page.evaluate(
    async ({ slug, body, stopAfterFilled }) => {
      const controller = new AbortController();
      const response = await fetch(`/api/documents/${slug}/pretranslate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const events: { type: string; [key: string]: unknown }[] = [];
      let buffered = '';
      let filled = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += decoder.decode(value, { stream: true });
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines.filter(Boolean)) {
            const event = JSON.parse(line);
            events.push(event);
            if (event.type === 'row' && event.outcome === 'filled') filled++;
          }
          if (stopAfterFilled !== null && filled >= stopAfterFilled) {
            controller.abort();
            break;
          }
        }
      } catch {
        // Aborted by us.
      }
      return events;
    },
    { slug, body, stopAfterFilled },
  );
}

test.describe('pre-translation', () => {
  test('fills untranslated rows from the memory and from machine translation, reports progress, and is undone as one step', async ({ request }) => {
    const exact = seedTranslated(2);
    const doc = await createDocument(request, [...exact, 'فقرة جديدة لا تعرفها الذاكرة', 'فقرة أخرى جديدة تماما عن موضوع آخر', 'فقرة جديدة لا تعرفها الذاكرة']);
    const response = await request.post(`/api/documents/${doc.slug}/pretranslate`, { data: {} });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/x-ndjson');
    const runId = response.headers()['x-run-id']!;
    const events = parseLines(await response.text());
    expect(events[0]).toEqual({ type: 'start', runId, total: 5, memory: { minScore: 0.85 }, mt: { provider: 'libretranslate', model: null } });
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ type: 'done', runId, cancelled: false, filled: 5, failed: 0, skipped: 0, fromMemory: 2, fromMt: 3 });
    const filledEvents = events.filter((e) => e.type === 'row' && e.outcome === 'filled') as unknown as { row: Row }[];
    expect(filledEvents).toHaveLength(5);

    // On disk: drafts, each with its origin and the run.
    const rows = readDocumentJson<BilingualDocument>(doc.slug).rows;
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft', 'draft', 'draft', 'draft']);
    expect(rows[0]!.origin).toMatchObject({ kind: 'memory', score: 1, runId, by: 'e2e-editor' });
    expect(rows[2]!.origin).toMatchObject({ kind: 'mt', provider: 'libretranslate', runId });
    expect(targetText(rows[2]!.target)).toBe('Machine translation of 5 words');
    expect(targetText(rows[4]!.target)).toBe(targetText(rows[2]!.target));

    // A translator confirms one draft after editing it; the report measures the effort.
    const edited = await request.patch(`/api/documents/${doc.slug}/rows/${rows[2]!.id}`, {
      data: { target: paragraph('A machine translation of five words'), status: 'translated', baseRev: rows[2]!.rev },
    });
    expect(edited.status()).toBe(200);
    const report = await (await request.get(`/api/documents/${doc.slug}/report`)).json();
    const mt = report.origins.find((o: { origin: string }) => o.origin === 'mt');
    expect(mt).toMatchObject({ rows: 3, confirmedRows: 1, measuredRows: 1, editedWords: 3 });
    expect(report.mt).toEqual([{ provider: 'libretranslate', model: null, rows: 3, words: expect.any(Number), measuredRows: 1, effort: 0.5 }]);

    // The run as GET lists it, then undone: the four untouched rows go back, the edited one stays.
    const runs = await (await request.get(`/api/documents/${doc.slug}/pretranslate`)).json();
    expect(runs).toEqual({ active: null, runs: [{ runId, at: expect.any(String), by: 'e2e-editor', rows: 5, untouched: 4 }] });
    const undo = await request.post(`/api/documents/${doc.slug}/pretranslate/${runId}/undo`, { data: {} });
    expect(undo.status()).toBe(200);
    expect((await undo.json()).kept).toEqual([rows[2]!.id]);
    expect(readDocumentJson<BilingualDocument>(doc.slug).rows.map((r) => r.status)).toEqual(['untranslated', 'untranslated', 'translated', 'untranslated', 'untranslated']);
  });

  test('streams progress to the page and stops when the page goes away, keeping what it wrote', async ({ page, request }) => {
    const doc = await createDocument(request, Array.from({ length: 24 }, (_, i) => `فقرة بطيء رقم ${i + 1} في هذا الاختبار`));
    await page.goto('/en');
    const events = await runInPage(page, doc.slug, { useMemory: false }, 4);
    expect(events[0]).toMatchObject({ type: 'start', total: 24 });
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(events.some((e) => e.type === 'done')).toBe(false);
    // The server notices the closed connection, writes what it had and ends the run.
    await expect.poll(async () => (await (await request.get(`/api/documents/${doc.slug}/pretranslate`)).json()).active, { timeout: 15_000 }).toBeNull();
    const drafts = () => readDocumentJson<BilingualDocument>(doc.slug).rows.filter((r) => r.status === 'draft').length;
    const filled = drafts();
    expect(filled).toBeGreaterThanOrEqual(4);
    expect(filled).toBeLessThan(24);
    await page.waitForTimeout(1000);
    expect(drafts()).toBe(filled);
  });

  test('is cancelled by DELETE, refuses a second run meanwhile, and is for editors only', async ({ page, request, playwright }) => {
    const doc = await createDocument(request, Array.from({ length: 60 }, (_, i) => `نص بطيء آخر رقم ${i + 1} للاختبار`));
    const translator = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    await translator.post('/api/session', { data: { name: 'e2e-translator', password: process.env.E2E_PASSWORD } });
    expect((await translator.post(`/api/documents/${doc.slug}/pretranslate`, { data: {} })).status()).toBe(403);
    await page.goto('/en');
    const running = runInPage(page, doc.slug, { useMemory: false }, null);
    await expect.poll(async () => (await (await request.get(`/api/documents/${doc.slug}/pretranslate`)).json()).active).not.toBeNull();
    const { active } = await (await request.get(`/api/documents/${doc.slug}/pretranslate`)).json();
    expect(active).toMatchObject({ slug: doc.slug, by: 'e2e-editor', total: 60 });
    const second = await request.post(`/api/documents/${doc.slug}/pretranslate`, { data: {} });
    expect(second.status()).toBe(409);
    expect((await translator.delete(`/api/documents/${doc.slug}/pretranslate/${active.runId}`)).status()).toBe(403);
    await translator.dispose();
    const cancel = await request.delete(`/api/documents/${doc.slug}/pretranslate/${active.runId}`);
    expect(await cancel.json()).toEqual({ cancelled: true });
    const events = await running;
    const done = events.at(-1) as unknown as { type: string; cancelled: boolean; filled: number };
    expect(done).toMatchObject({ type: 'done', cancelled: true });
    expect(done.filled).toBeLessThan(60);
    expect(readDocumentJson<BilingualDocument>(doc.slug).rows.filter((r) => r.status === 'draft')).toHaveLength(done.filled);
    expect(await (await request.delete(`/api/documents/${doc.slug}/pretranslate/${active.runId}`)).json()).toEqual({ cancelled: false });
  });

  test('refuses bad options before anything changes', async ({ request }) => {
    const doc = await createDocument(request, ['نص قصير']);
    for (const [data, message] of [
      [{ minScore: 0.2 }, /minScore/],
      [{ speed: 'fast' }, /speed/],
      [{ rowIds: ['zzzzzzzzzz'] }, /rowIds: row "zzzzzzzzzz" does not exist/],
    ] as const) {
      const response = await request.post(`/api/documents/${doc.slug}/pretranslate`, { data });
      expect(response.status()).toBe(400);
      expect((await response.json()).error.message).toMatch(message);
    }
    expect(readDocumentJson<BilingualDocument>(doc.slug).rows[0]!.status).toBe('untranslated');
  });
});

test.describe('bodies of the new routes', () => {
  test('over the limit are 413, malformed or with unknown fields 400, empty the defaults; a bad run id is 400', async ({ request }) => {
    const doc = await createDocument(request, ['نص قصير للحدود']);
    const routes = [
      `/api/documents/${doc.slug}/pretranslate`,
      `/api/documents/${doc.slug}/rows/${doc.rows[0]!.id}/propagate`,
      `/api/documents/${doc.slug}/pretranslate/zzzzzzzzzz/undo`,
    ];
    for (const url of routes) {
      const big = await request.post(url, { headers: { 'content-type': 'application/json' }, data: JSON.stringify({ padding: 'ا'.repeat(600_000) }) });
      expect(big.status(), url).toBe(413);
      for (const bad of ['{"useMemory": tru', '[]', 'null', '{"sneaky": 1}']) {
        const response = await request.post(url, { headers: { 'content-type': 'application/json' }, data: bad });
        expect(response.status(), `${url} ${bad}`).toBe(400);
      }
    }
    const big = await request.post('/api/glossary/import?format=csv', { headers: { 'content-type': 'text/csv' }, data: `term,rendering\n${'ا'.repeat(3_000_000)},x\n` });
    expect(big.status()).toBe(413);
    expect((await request.post(`/api/documents/${doc.slug}/pretranslate/NOT-AN-ID/undo`)).status()).toBe(400);
    // An empty body reaches the service, which says why an untranslated row fills nothing.
    const empty = await request.post(`/api/documents/${doc.slug}/rows/${doc.rows[0]!.id}/propagate`);
    expect(empty.status()).toBe(400);
    expect((await empty.json()).error.message).toMatch(/only a translated or approved row fills its repetitions/);
    expect(readDocumentJson<BilingualDocument>(doc.slug).rows[0]!.status).toBe('untranslated');
  });
});

test.describe('a row’s machine translation and its repetitions', () => {
  test('suggests a translation for a row, and a problem of the provider is a clear error for that row', async ({ request }) => {
    const doc = await createDocument(request, ['بوتين يستقبل حفتر', 'نص فيه عطل']);
    const ok = await request.get(`/api/documents/${doc.slug}/rows/${doc.rows[0]!.id}/mt`);
    expect(await ok.json()).toEqual({
      rowId: doc.rows[0]!.id,
      provider: 'libretranslate',
      model: null,
      target: paragraph('Machine translation of 3 words'),
    });
    const failed = await request.get(`/api/documents/${doc.slug}/rows/${doc.rows[1]!.id}/mt`);
    expect(failed.status()).toBe(503);
    expect((await failed.json()).error).toEqual({ code: 'mt-unavailable', message: 'LibreTranslate failed (500: Cannot translate text: the model failed); try again later' });
    expect(await (await request.get('/api/mt')).json()).toEqual({ provider: 'libretranslate', model: null, problem: null });
  });

  test('a translated row fills its untranslated repetitions as drafts', async ({ request }) => {
    const doc = await createDocument(request, ['جملة تتكرر في النص', 'جملة أخرى', 'جملةٌ تتكرّر في النص']);
    const saved = await request.patch(`/api/documents/${doc.slug}/rows/${doc.rows[0]!.id}`, { data: { target: paragraph('A sentence that repeats'), status: 'translated', baseRev: 1 } });
    expect(saved.status()).toBe(200);
    const response = await request.post(`/api/documents/${doc.slug}/rows/${doc.rows[0]!.id}/propagate`);
    const { filled } = (await response.json()) as { filled: Row[] };
    expect(filled.map((r) => [r.id, r.status, targetText(r.target), r.origin?.kind])).toEqual([[doc.rows[2]!.id, 'draft', 'A sentence that repeats', 'repetition']]);
    const analysis = await (await request.get(`/api/documents/${doc.slug}/analysis`)).json();
    expect(analysis.repetitions).toEqual([{ key: expect.any(String), rowIds: [doc.rows[0]!.id, doc.rows[2]!.id] }]);
    expect(analysis.rows.map((r: { band: string }) => r.band)).toEqual(['new', 'new', 'repetition']);
  });
});

test.describe('the report page', () => {
  test('shows the analysis and the draft origins, in English and in Arabic', async ({ page, request }) => {
    const doc = await createDocument(request, [...seedTranslated(1), 'فقرة جديدة تماما للتقرير', 'فقرة جديدة تماما للتقرير']);
    const analysis = (await (await request.get(`/api/documents/${doc.slug}/analysis`)).json()) as { bands: { band: string; words: number }[] };
    const exactWords = analysis.bands.find((b) => b.band === 'exact')!.words;
    expect(exactWords).toBeGreaterThan(0);
    for (const locale of ['en', 'ar'] as const) {
      await page.goto(`/${locale}/documents/${doc.slug}/report`);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByTestId('report-title')).toContainText(locale === 'ar' ? 'التحليل والتقرير' : 'Analysis and report');
      await expect(page.getByTestId('analysis-band')).toHaveCount(7);
      await expect(page.locator('[data-band="exact"]')).toHaveAttribute('data-words', String(exactWords));
      await expect(page.locator('[data-band="repetition"]')).toHaveAttribute('data-words', '4');
      await expect(page.locator('[data-band="new"]')).toHaveAttribute('data-words', '4');
      await expect(page.locator('[data-origin="empty"]')).toHaveAttribute('data-words', /\d+/);
      await expect(page.getByTestId('mt-status')).toContainText('libretranslate');
    }
    // After a pre-translation the machine's words are counted under their origin.
    await request.post(`/api/documents/${doc.slug}/pretranslate`, { data: {} });
    await page.goto(`/en/documents/${doc.slug}/report`);
    await expect(page.locator('[data-origin="mt"]')).toHaveAttribute('data-words', '8');
    await expect(page.locator('[data-origin="memory-exact"] th')).toHaveText('Memory, 100%');
    // The library links to it.
    await page.goto('/en');
    await expect(page.locator(`a[href="/en/documents/${doc.slug}/report"]`)).toBeVisible();
  });
});
