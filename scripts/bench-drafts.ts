/**
 * How long the analysis and a pre-translation take on a large document, and how long either holds the event loop
 * (the longest gap a 5 ms timer sees while they run: what any other request would wait at worst). Builds a
 * synthetic memory and document in a temporary content folder; the machine translation run goes to a LibreTranslate
 * stand-in on a loopback port.
 *   npm run bench:drafts -- [--rows 5000] [--entries 20000] [--mt-rows 1000]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '5000' }, entries: { type: 'string', default: '20000' }, 'mt-rows': { type: 'string', default: '1000' } } });
const ROWS = Number(values.rows);
const ENTRIES = Number(values.entries);
const MT_ROWS = Number(values['mt-rows']);

const COMMON = ['الرئيس', 'الروسي', 'بوتين', 'حفتر', 'ليبيا', 'موسكو', 'الدفاع', 'وزير', 'في', 'من', 'على', 'إلى', 'المنطقة', 'الاتفاقيات'];
let seed = 11;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const paragraph = () =>
  Array.from({ length: 10 + Math.floor(random() * 40) }, () => (random() < 0.6 ? COMMON[Math.floor(random() * COMMON.length)]! : `كلمة${Math.floor(random() * 30000)}`)).join(' ');

/** The longest the event loop was held while `fn` ran, by a 5 ms timer's lateness. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; maxBlockMs: number }> {
  let maxBlock = 0;
  let expected = performance.now() + 5;
  const timer = setInterval(() => {
    const now = performance.now();
    maxBlock = Math.max(maxBlock, now - expected);
    expected = now + 5;
  }, 5);
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  clearInterval(timer);
  return { result, ms, maxBlockMs: maxBlock };
}

async function main() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bench-drafts-'));
  process.env.CONTENT_DIR = root;
  const at = '2026-05-10T09:00:00.000Z';
  const sources = Array.from({ length: ENTRIES }, paragraph);
  await writeFile(
    path.join(root, 'memory.json'),
    JSON.stringify({
      schemaVersion: 1,
      entries: sources.map((source, i) => ({ id: `m${i.toString(36).padStart(9, '0')}`, sourceLang: 'ar', targetLang: 'en', source, target: `translation ${i}`, origin: {}, updatedAt: at, updatedBy: null })),
    }),
  );
  // A document as a newsroom sends one: a fifth near copies of remembered paragraphs, a tenth repeated, the rest new.
  const text = Array.from({ length: ROWS }, (_, i) => {
    const r = random();
    if (r < 0.2) return `${sources[Math.floor(random() * ENTRIES)]!} إضافة`;
    if (r < 0.3 && i > 0) return `نص مكرر رقم ${Math.floor(random() * 50)}`;
    return paragraph();
  }).join('\n\n');

  const { createDocument } = await import('@/lib/service/documents');
  const { analyzeDocument } = await import('@/lib/service/analysis');
  const { startPretranslation } = await import('@/lib/service/pretranslate');
  const { startTestServer } = await import('@/lib/mt/test-server');
  await createDocument({ text, slug: 'bench' }, 'bench');
  const mtText = Array.from({ length: MT_ROWS }, () => paragraph()).join('\n\n');
  await createDocument({ text: mtText, slug: 'bench-mt' }, 'bench');

  const results: Record<string, unknown> = { rows: ROWS, memoryEntries: ENTRIES, mtRows: MT_ROWS, date: new Date().toISOString(), load: os.loadavg()[0] };
  const drain = async (events: AsyncGenerator<{ type: string }>) => {
    let last: unknown;
    for await (const e of events) last = e;
    return last;
  };

  const first = await measure(() => analyzeDocument('bench'));
  results.analysis = { ms: Math.round(first.ms), maxBlockMs: Math.round(first.maxBlockMs), bands: first.result.bands };
  const memoryRun = await measure(async () => drain((await startPretranslation('bench', { useMt: false, minScore: 0.75 }, 'bench')).events));
  results.pretranslateMemory = { ms: Math.round(memoryRun.ms), maxBlockMs: Math.round(memoryRun.maxBlockMs), done: memoryRun.result };

  const server = await startTestServer((req) => ({ json: { translatedText: (req.json as { q: string[] }).q.map((q) => `EN ${q.length}`) } }));
  process.env.MT_PROVIDER = 'libretranslate';
  process.env.MT_URL = server.url;
  const mtRun = await measure(async () => drain((await startPretranslation('bench-mt', { useMemory: false }, 'bench')).events));
  results.pretranslateMt = { ms: Math.round(mtRun.ms), maxBlockMs: Math.round(mtRun.maxBlockMs), requests: server.requests.length, done: mtRun.result };
  await server.close();

  console.table({
    [`analysis, ${ROWS} rows against ${ENTRIES} entries`]: { ms: first.ms.toFixed(0), 'longest block ms': first.maxBlockMs.toFixed(0) },
    [`pre-translation from memory (≥75%), ${ROWS} rows`]: { ms: memoryRun.ms.toFixed(0), 'longest block ms': memoryRun.maxBlockMs.toFixed(0) },
    [`pre-translation by MT (loopback stand-in), ${MT_ROWS} rows`]: { ms: mtRun.ms.toFixed(0), 'longest block ms': mtRun.maxBlockMs.toFixed(0) },
  });
  console.log(JSON.stringify({ analysisBands: first.result.bands, memoryRun: memoryRun.result, mtRun: mtRun.result }));
  await writeFile(path.resolve(import.meta.dirname, '..', 'bench', 'drafts-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await rm(root, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
