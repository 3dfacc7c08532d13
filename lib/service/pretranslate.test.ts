import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getTargetText, targetFromText, type Row } from '@/lib/model';
import { startTestServer, type SeenRequest, type TestServer } from '@/lib/mt/test-server';

/**
 * Pre-translation, repetitions, the analysis and the report against a real content folder and a LibreTranslate
 * stand-in on a loopback port (the services read CONTENT_DIR and MT_* when first used).
 */
let root: string;
let mt: TestServer;
let documents: typeof import('./documents');
let pretranslate: typeof import('./pretranslate');
let repetitions: typeof import('./repetitions');
let analysis: typeof import('./analysis');
let mtService: typeof import('./mt');
let storage: typeof import('@/lib/storage');

/** Translates "نص N" as "Text N"; a text holding "عطل" gets a 500, "بطيء" answers slowly. */
function libreTranslate(req: SeenRequest) {
  const { q } = req.json as { q: string[] };
  if (q.some((t) => t.includes('عطل'))) return { status: 500, json: { error: 'Cannot translate text: model crashed' } };
  const delayMs = q.some((t) => t.includes('بطيء')) ? 150 : 0;
  return { delayMs, json: { translatedText: q.map((t) => `Text ${t.replace(/\D/g, '') || t.length}`) } };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pretranslate-service-'));
  mt = await startTestServer(libreTranslate);
  process.env.CONTENT_DIR = root;
  documents = await import('./documents');
  pretranslate = await import('./pretranslate');
  repetitions = await import('./repetitions');
  analysis = await import('./analysis');
  mtService = await import('./mt');
  storage = await import('@/lib/storage');
});
afterAll(async () => {
  delete process.env.CONTENT_DIR;
  delete process.env.MT_PROVIDER;
  delete process.env.MT_URL;
  await mt.close();
  await rm(root, { recursive: true, force: true });
});

function useMt(on: boolean) {
  if (on) {
    process.env.MT_PROVIDER = 'libretranslate';
    process.env.MT_URL = mt.url;
  } else {
    delete process.env.MT_PROVIDER;
    delete process.env.MT_URL;
  }
}

async function collect(events: AsyncGenerator<import('./pretranslate').PretranslateEvent>) {
  const out = [];
  for await (const e of events) out.push(e);
  return out;
}

const rowsOf = async (slug: string) => (await storage.getDocumentStore().get(slug)).rows;

describe('pre-translation', () => {
  it('fills from the memory above the threshold, then from machine translation, and undoes the run as one step', async () => {
    useMt(true);
    const text = ['استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين', 'نص 1', 'استقبل الرئيس الروسي فلاديمير بوتين المشير حفتر في الكرملين', 'نص 2', 'نص 1'].join('\n\n');
    const doc = await documents.createDocument({ text, slug: 'pre' }, 'omar');
    await storage.getMemoryStore().upsert(
      [{ sourceLang: 'ar', targetLang: 'en', source: doc.rows[0]!.source[0]!.text, target: 'Russian President Vladimir Putin received Field Marshal Khalifa Haftar in the Kremlin', origin: {} }],
      'omar',
    );
    const { runId, events } = await pretranslate.startPretranslation('pre', {}, 'omar');
    const log = await collect(events);
    expect(log[0]).toMatchObject({ type: 'start', runId, total: 5, memory: { minScore: 0.85 }, mt: { provider: 'libretranslate', model: null } });
    expect(log.at(-1)).toMatchObject({ type: 'done', cancelled: false, filled: 5, failed: 0, skipped: 0, fromMemory: 2, fromMt: 3 });
    expect(log.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ done: 5, total: 5, filled: 5 });

    const rows = await rowsOf('pre');
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft', 'draft', 'draft', 'draft']);
    expect(rows[0]!.origin).toMatchObject({ kind: 'memory', score: 1, runId, by: 'omar' });
    expect(rows[2]!.origin).toMatchObject({ kind: 'memory', runId });
    expect(rows[2]!.origin!.score).toBeGreaterThanOrEqual(0.85);
    expect(rows[2]!.origin!.score).toBeLessThan(1);
    expect(rows[1]!.origin).toMatchObject({ kind: 'mt', provider: 'libretranslate', runId, text: 'Text 1' });
    expect(getTargetText(rows[4]!.target)).toBe('Text 1');
    // The repeated "نص 1" was asked for once.
    expect(mt.requests.filter((r) => (r.json as { q: string[] }).q[0] === 'نص 1')).toHaveLength(1);

    // A row edited after the run is kept by the undo; the others go back to untranslated, in one write.
    const edited = await documents.updateRow('pre', rows[1]!.id, { target: targetFromText(['Text one, edited']), baseRev: rows[1]!.rev }, 'layla');
    expect((await pretranslate.listPretranslations('pre')).runs).toEqual([{ runId, at: expect.any(String), by: 'omar', rows: 5, untouched: 4 }]);
    const undone = await pretranslate.undoPretranslation('pre', runId, 'omar');
    expect(undone.kept).toEqual([edited.id]);
    expect(undone.reverted.map((r) => r.status)).toEqual(['untranslated', 'untranslated', 'untranslated', 'untranslated']);
    const after = await rowsOf('pre');
    expect(after.map((r) => r.status)).toEqual(['untranslated', 'draft', 'untranslated', 'untranslated', 'untranslated']);
    expect(after[0]!.origin).toBeUndefined();
    await expect(pretranslate.undoPretranslation('pre', 'zzzzzzzzzz', 'omar')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reports a row the provider fails on and fills the others; fills only untranslated rows', async () => {
    useMt(true);
    const doc = await documents.createDocument({ text: 'نص 7\n\nنص فيه عطل\n\nنص 8\n\nنص 9', slug: 'fail' }, 'omar');
    await documents.updateRow('fail', doc.rows[3]!.id, { target: targetFromText(['Mine']), baseRev: 1 }, 'layla');
    const { events } = await pretranslate.startPretranslation('fail', { useMemory: false }, 'omar');
    const log = await collect(events);
    const failed = log.find((e) => e.type === 'row' && e.outcome === 'failed');
    expect(failed).toMatchObject({ rowId: doc.rows[1]!.id, problem: { code: 'mt-unavailable', message: 'LibreTranslate failed (500: Cannot translate text: model crashed); try again later' } });
    expect(log.at(-1)).toMatchObject({ type: 'done', filled: 2, failed: 1 });
    expect((await rowsOf('fail')).map((r) => getTargetText(r.target))).toEqual(['Text 7', '', 'Text 8', 'Mine']);
  });

  it('stops when cancelled, keeps what it wrote, and refuses a second run while one is going', async () => {
    useMt(true);
    await documents.createDocument({ text: Array.from({ length: 30 }, (_, i) => `نص بطيء ${i + 10}`).join('\n\n'), slug: 'slow' }, 'omar');
    const controller = new AbortController();
    const { runId, events } = await pretranslate.startPretranslation('slow', { useMemory: false }, 'omar', controller.signal);
    await expect(pretranslate.startPretranslation('slow', {}, 'omar')).rejects.toMatchObject({ code: 'conflict' });
    expect(pretranslate.getActiveRun('slow')).toMatchObject({ runId, total: 30 });
    const log = [];
    for await (const e of events) {
      log.push(e);
      if (e.type === 'progress' && e.done > 0) controller.abort();
    }
    const done = log.at(-1)!;
    expect(done).toMatchObject({ type: 'done', cancelled: true });
    const filled = (await rowsOf('slow')).filter((r) => r.status === 'draft').length;
    expect(filled).toBe((done as { filled: number }).filled);
    expect(filled).toBeGreaterThan(0);
    expect(filled).toBeLessThan(30);
    expect(pretranslate.getActiveRun('slow')).toBeNull();
    expect(pretranslate.cancelPretranslation('slow', runId)).toBe(false);
  });

  it('checks its options before anything changes', async () => {
    useMt(false);
    await expect(pretranslate.startPretranslation('pre', { useMt: true }, 'omar')).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/not configured/) });
    await expect(pretranslate.startPretranslation('pre', { useMemory: false }, 'omar')).rejects.toMatchObject({ code: 'invalid' });
    await expect(pretranslate.startPretranslation('pre', { rowIds: ['zzzzzzzzzz'] }, 'omar')).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/rowIds/) });
    await expect(pretranslate.startPretranslation('nope', {}, 'omar')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the row suggestion', () => {
  it('translates a row, and says plainly when no provider is configured or the setting cannot be used', async () => {
    useMt(true);
    const doc = await documents.createDocument({ text: 'نص 41\n\nنص 42\n\nنص 43', slug: 'suggest' }, 'omar');
    mt.requests.length = 0;
    expect(await mtService.suggestForRow('suggest', doc.rows[1]!.id)).toEqual({ rowId: doc.rows[1]!.id, provider: 'libretranslate', model: null, target: targetFromText(['Text 42']) });
    expect(mtService.getMtStatus()).toEqual({ provider: 'libretranslate', model: null, problem: null });
    useMt(false);
    expect(mtService.getMtStatus()).toEqual({ provider: null, model: null, problem: null });
    await expect(mtService.suggestForRow('suggest', doc.rows[1]!.id)).rejects.toMatchObject({ code: 'not-configured', message: expect.stringMatching(/MT_PROVIDER/) });
    process.env.MT_PROVIDER = 'deepl';
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(mtService.getMtStatus()).toEqual({ provider: null, model: null, problem: 'MT_PROVIDER=deepl needs MT_API_KEY' });
    error.mockRestore();
    delete process.env.MT_PROVIDER;
  });
});

describe('repetitions, analysis and report', () => {
  it('fills the untranslated repetitions of a confirmed row, and the analysis counts them', async () => {
    useMt(false);
    const doc = await documents.createDocument({ text: 'جملة مكررة هنا\n\nجملة أخرى\n\nجملةٌ مكرّرة هنا\n\nجملة مكررة هنا', slug: 'reps' }, 'omar');
    const [first, , second, third] = doc.rows as [Row, Row, Row, Row];
    await expect(repetitions.fillRepetitions('reps', first.id, 'layla')).rejects.toMatchObject({ code: 'invalid' });
    await documents.updateRow('reps', third.id, { target: targetFromText(['Already mine']), baseRev: 1 }, 'layla');
    await documents.updateRow('reps', first.id, { target: targetFromText(['A repeated sentence here']), status: 'translated', baseRev: 1 }, 'layla');
    const { filled } = await repetitions.fillRepetitions('reps', first.id, 'layla');
    expect(filled.map((r) => r.id)).toEqual([second.id]);
    expect(filled[0]).toMatchObject({ status: 'draft', origin: { kind: 'repetition', fromRowId: first.id, text: 'A repeated sentence here' } });

    const result = await analysis.analyzeDocument('reps');
    expect(result.repetitions.map((g) => g.rowIds)).toEqual([[first.id, second.id, third.id]]);
    // The first row's own memory entry is not a match for it.
    expect(result.rows.map((r) => r.band)).toEqual(['new', 'new', 'repetition', 'repetition']);
    expect(result.bands.find((b) => b.band === 'repetition')).toEqual({ band: 'repetition', rows: 2, words: 6 });
    expect(await analysis.analyzeDocument('reps')).toBe(result);

    const report = await analysis.getDocumentReport('reps');
    const by = Object.fromEntries(report.origins.map((o) => [o.origin, o]));
    expect(by.typed).toMatchObject({ rows: 2, confirmedRows: 1 });
    expect(by.repetition).toMatchObject({ rows: 1, words: 3 });
    expect(by.empty).toMatchObject({ rows: 1 });
  });
});
