/**
 * What the slow inputs of the security review cost now, beside what they cost before the bounds (the review's
 * figures, issue 16). The text readers are timed in this process: the quality checks and glossary matching ran in
 * the reader's browser, which runs the same code. The rest goes to a private `next start` (its own content, users
 * and port, behind TRUST_PROXY so each sign-in round comes from an address of its own), sent as someone with an
 * account would send it, while a second client keeps asking an ordinary GET (the library) to show whether the
 * server answers others meanwhile. Prints a table, writes bench/security-results.json.
 *   npm run bench:security -- [--repeat 3] [--dist .next-bench]
 * BENCH_PORT moves the server off port 3108.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild, startNext, type NextServer } from './harness/next-app';
import { writeTestUser, type TestUser } from './harness/users';
import { checkRow, exportTmx, findGlossaryTerms, findMatches, LIMITS, parseSourceText, type GlossaryEntry, type MemoryEntry } from '@/lib/model';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, dist: { type: 'string', default: '.next-bench' } } });
const REPEAT = Number(values.repeat);
const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 3108);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) throw new Error(`BENCH_PORT must be a port number, got "${process.env.BENCH_PORT}"`);
const AT = '2025-05-12T09:00:00.000Z';
const SLUG = 'putin-receives-haftar';

interface Figure {
  input: string;
  before: string;
  /** The answer now: a status, or what the reader found. */
  answer: string;
  /** Median milliseconds of the request (or of the call, in this process). */
  ms: number;
  /** The ordinary GET's answer times while the request ran: median and slowest (null in this process). */
  getMedianMs: number | null;
  getMaxMs: number | null;
  /** The server's resident memory grew by at most this much while the request ran (MB). */
  rssGrowthMb?: number;
}

const figures: Figure[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs `fn` REPEAT times; the median time and the last result. */
function timeHere<T>(fn: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    value = fn();
    times.push(performance.now() - started);
  }
  return { ms: median(times), value };
}

// ---------------------------------------------------------------------------------------------------------------
// In this process: the text readers.
// ---------------------------------------------------------------------------------------------------------------

function measureReaders(): void {
  const heading = timeHere(() => parseSourceText(`# ا${' '.repeat(160_000)}`));
  figures.push({
    input: 'Markdown heading: `# ا` + 160,000 spaces (text import)',
    before: '15 s, server blocked',
    answer: `${heading.value.length} block`,
    ms: heading.ms,
    getMedianMs: null,
    getMaxMs: null,
  });

  const qa = timeHere(() => checkRow({ source: [{ kind: 'paragraph', text: 'نص.' }], paragraphs: [`Text${' '.repeat(150_000)}x`], status: 'translated' }));
  figures.push({
    input: 'QA end punctuation: a translation with a 150,000-space run',
    before: "13 s, the reader's browser blocked",
    answer: qa.value.map((f) => f.check).join(', '),
    ms: qa.ms,
    getMedianMs: null,
    getMaxMs: null,
  });

  const term: GlossaryEntry = { id: 'g000000001', term: 'الجيش الوطني الليبي', rendering: 'Libyan National Army', updatedAt: AT, updatedBy: 'bench' };
  const gap = timeHere(() => findGlossaryTerms(`الجيش${' '.repeat(150_000)}.الوطني الليبي`, [term]));
  figures.push({
    input: 'Glossary: a 150,000-space gap inside a three-word term',
    before: '6 s in the browser',
    answer: `${gap.value.length} found`,
    ms: gap.ms,
    getMedianMs: null,
    getMaxMs: null,
  });

  // A 20,000-word text against a memory holding it, a copy differing in its last 1,000 words, and 2,000 others.
  const vocab = Array.from({ length: 2000 }, (_, i) => `ك${i.toString(36)}`);
  const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => vocab[(i * 7919 + seed * 104729) % vocab.length]!);
  const text = words(20_000, 1);
  const entry = (i: number, source: string): MemoryEntry => ({
    id: `m${i.toString(36).padStart(9, '0')}`,
    sourceLang: 'ar',
    targetLang: 'en',
    source,
    target: 'x',
    origin: {},
    updatedAt: AT,
    updatedBy: null,
  });
  const entries = [
    entry(0, text.join(' ')),
    entry(1, [...text.slice(0, 19_000), ...words(1000, 2)].join(' ')),
    ...Array.from({ length: 2000 }, (_, i) => entry(i + 2, words(30, i + 3).join(' '))),
  ];
  const match = timeHere(() => findMatches(text.join(' '), entries));
  figures.push({
    input: 'Memory match of a 20,000-word text (against itself, a near copy and 2,000 entries)',
    before: '16–17 s a request, 1.5 GB',
    answer: match.value.map((m) => `${Math.round(m.score * 100)}%`).join(', '),
    ms: match.ms,
    getMedianMs: null,
    getMaxMs: null,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Against the server.
// ---------------------------------------------------------------------------------------------------------------

let server: NextServer;
let user: TestUser;
let lastAddress = 0;

/** An address of its own for each sign-in round, so one round's failures do not lock out the next. */
function newAddress(): string {
  lastAddress += 1;
  return `198.51.100.${lastAddress}`;
}

const auth = () => ({ authorization: `Bearer ${user.token}` });

async function ordinaryGetMs(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/documents`, { headers: auth() });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET /api/documents answered ${response.status}`);
  return performance.now() - started;
}

async function residentMb(): Promise<number> {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s*(\d+)/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

/**
 * Sends `send` REPEAT times. While each runs, a second client asks the ordinary GET one request after another,
 * and the server's resident memory is read every 50 ms.
 */
async function measureRequest(send: () => Promise<string>): Promise<Omit<Figure, 'input' | 'before'>> {
  const times: number[] = [];
  const gets: number[] = [];
  let answer = '';
  let growth = 0;
  for (let i = 0; i < REPEAT; i++) {
    const rssBefore = await residentMb();
    let done = false;
    let rssMax = rssBefore;
    const sampling = (async () => {
      while (!done) {
        rssMax = Math.max(rssMax, await residentMb());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = performance.now();
    const work = send().finally(() => {
      done = true;
    });
    const asking = (async () => {
      while (!done) gets.push(await ordinaryGetMs());
    })();
    answer = await work;
    times.push(performance.now() - started);
    await Promise.all([asking, sampling]);
    growth = Math.max(growth, rssMax - rssBefore);
  }
  return {
    answer,
    ms: median(times),
    getMedianMs: gets.length ? median(gets) : null,
    getMaxMs: gets.length ? Math.max(...gets) : null,
    rssGrowthMb: Math.round(growth),
  };
}

async function post(p: string, body: string, contentType: string): Promise<string> {
  const response = await fetch(`${server.url}${p}`, { method: 'POST', headers: { ...auth(), 'content-type': contentType }, body });
  const text = await response.text();
  let code = '';
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    // not JSON: the status says enough
  }
  return code ? `${response.status} ${code}` : String(response.status);
}

function signIn(name: string, password: string, address: string): Promise<Response> {
  return fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': address },
    body: JSON.stringify({ name, password }),
  });
}

const XLIFF_OPEN =
  '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u"><segment><source>';
const XLIFF_CLOSE = '</source></segment></unit></file></xliff>';
const XLIFF_TYPE = 'application/xliff+xml';

async function measureServer(): Promise<void> {
  const xliffPreview = `/api/documents/${SLUG}/import?format=xliff`;
  const xmlInputs: { input: string; before: string; path: string; body: string; type: string }[] = [
    {
      input: 'XLIFF preview: 60,000 nested elements (420 KB)',
      before: 'event loop held 52 s',
      path: xliffPreview,
      body: '<a>'.repeat(60_000) + '</a>'.repeat(60_000),
      type: XLIFF_TYPE,
    },
    {
      input: 'XLIFF preview: 100,000 nested `<pc>` (1.6 MB)',
      before: '200–290 s, then 500 (stack overflow)',
      path: xliffPreview,
      body: XLIFF_OPEN + '<pc id="1">'.repeat(100_000) + 'x' + '</pc>'.repeat(100_000) + XLIFF_CLOSE,
      type: XLIFF_TYPE,
    },
    {
      input: 'TMX import: 100,000 nested `<hi>`',
      before: 'the same as `<pc>`: minutes, then 500',
      path: '/api/memory/import',
      body: '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ar"><seg>' + '<hi>'.repeat(100_000) + 'x' + '</hi>'.repeat(100_000) + '</seg></tuv></tu></body></tmx>',
      type: 'application/x-tmx+xml',
    },
    {
      input: 'XLIFF preview: 150,000 `<ph/>` in one `<source>`',
      before: '500 (stack overflow in a spread)',
      path: xliffPreview,
      body: XLIFF_OPEN + '<ph id="1"/>'.repeat(150_000) + XLIFF_CLOSE,
      type: XLIFF_TYPE,
    },
  ];
  for (const x of xmlInputs) {
    figures.push({ input: x.input, before: x.before, ...(await measureRequest(() => post(x.path, x.body, x.type))) });
  }

  // The longest text a lookup takes, against a memory that holds it and a near copy.
  const q = Array.from({ length: 4000 }, (_, i) => `كلمة${(i * 31) % 997}`).join(' ').slice(0, LIMITS.memoryQueryChars).trim();
  const near = `${q.slice(0, q.length - 200)} ${'تغيير '.repeat(30)}`.trim();
  const tmx = exportTmx(
    [q, near].map((source, i) => ({ id: `q${i}00000000`, sourceLang: 'ar', targetLang: 'en', source, target: `English ${i}`, origin: {}, updatedAt: AT, updatedBy: null })),
    { now: AT },
  );
  const imported = await post('/api/memory/import', tmx, 'application/x-tmx+xml');
  if (imported !== '200') throw new Error(`could not fill the memory: ${imported}`);
  figures.push({
    input: `Memory lookup of the longest text, ${LIMITS.memoryQueryChars.toLocaleString('en')} characters (${q.split(' ').length.toLocaleString('en')} words), by POST`,
    before: '431 (does not fit in a URL); 20,000 words: 16–17 s',
    ...(await measureRequest(() => post('/api/memory/matches', JSON.stringify({ q }), 'application/json'))),
  });

  figures.push({
    input: 'Text import: 500,000 one-letter lines',
    before: '199 MB document.json, 1.7 GB of server memory',
    ...(await measureRequest(() => post('/api/documents', JSON.stringify({ text: 'ا\n'.repeat(500_000) }), 'application/json'))),
  });

  // The largest import allowed: 10,000 rows, about 1.7 MB, in slugs of its own.
  let imports = 0;
  const big = Array.from({ length: LIMITS.importRows }, (_, i) => `سطر رقم ${i + 1} من نص طويل للاختبار ${'كلمة '.repeat(15)}`).join('\n\n');
  figures.push({
    input: `Text import: ${LIMITS.importRows.toLocaleString('en')} rows, 1.7 MB (the most allowed)`,
    before: 'held every request for the whole import',
    ...(await measureRequest(() => post('/api/documents', JSON.stringify({ text: big, slug: `bench-big-${++imports}` }), 'application/json'))),
  });

  // Sign-in floods: 16 wrong sign-ins at once, half for the real name, half for unknown ones, from one address.
  figures.push({
    input: '16 concurrent wrong sign-ins; an ordinary GET meanwhile',
    before: 'the GET went from 15 ms to 4–10 s',
    ...(await measureRequest(async () => {
      const address = newAddress();
      const statuses = await Promise.all(
        Array.from({ length: 16 }, (_, i) => signIn(i % 2 ? `nobody-${i}` : user.name, `wrong-${i}`, address).then(async (r) => (await r.arrayBuffer(), r.status))),
      );
      const counts = new Map<number, number>();
      for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
      return [...counts].map(([s, n]) => `${n}×${s}`).join(' ');
    })),
  });

  // A known name and an unknown one, one wrong password each in turn, every attempt from a fresh address.
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < Math.max(10, REPEAT); i++) {
    for (const [name, list] of [
      [user.name, known],
      [`nobody-else-${i}`, unknown],
    ] as const) {
      const started = performance.now();
      const response = await signIn(name, `wrong-${i}`, newAddress());
      await response.arrayBuffer();
      list.push(performance.now() - started);
      if (response.status !== 401) throw new Error(`a wrong sign-in answered ${response.status}`);
    }
  }
  figures.push({
    input: `Wrong password, known name vs unknown name (median of ${known.length} each)`,
    before: 'known 862 ms, unknown 56 ms',
    answer: `known ${median(known).toFixed(0)} ms, unknown ${median(unknown).toFixed(0)} ms`,
    ms: Math.abs(median(known) - median(unknown)),
    getMedianMs: null,
    getMaxMs: null,
  });
}

function printTable(quietGetMs: number): void {
  const fmt = (ms: number | null) => (ms === null ? '—' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
  const rows = figures.map((f) => [
    f.input,
    f.before,
    f.answer,
    fmt(f.ms),
    f.getMedianMs === null ? '—' : `${fmt(f.getMedianMs)} / ${fmt(f.getMaxMs)}`,
    f.rssGrowthMb === undefined ? '—' : String(f.rssGrowthMb),
  ]);
  const head = ['input', 'before (issue 16)', 'answer now', 'ms now', 'GET meanwhile ms (median / max)', 'memory growth MB'];
  const load = os.loadavg().map((l) => l.toFixed(1)).join(', ');
  console.log(`\nAn ordinary GET (GET /api/documents) when the server is quiet: median ${fmt(quietGetMs)} ms. Load average ${load} on ${os.cpus().length} cores.`);
  console.log('ms now: the median of the request (or the call, in this process); for the flood, until all 16 were answered.');
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

async function main(): Promise<void> {
  measureReaders();

  await ensureBuild(ROOT, values.dist!, 'bench:security');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bilingual-bench-security-'));
  try {
    const contentDir = path.join(tmp, 'content');
    await cp(path.join(ROOT, 'content'), contentDir, { recursive: true });
    user = await writeTestUser(path.join(tmp, 'users', 'users.json'), 'bench-editor', 'editor');
    server = await startNext({
      root: ROOT,
      port: PORT,
      distDir: values.dist!,
      contentDir,
      usersFile: user.usersFile,
      sessionSecret: randomBytes(32).toString('base64url'),
      timeoutMs: 90_000,
      env: { TRUST_PROXY: '1' },
    });
    try {
      for (let i = 0; i < 5; i++) await ordinaryGetMs();
      const quiet: number[] = [];
      for (let i = 0; i < 30; i++) quiet.push(await ordinaryGetMs());
      await measureServer();
      printTable(median(quiet));
      const output = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), repeat: REPEAT, quietGetMs: median(quiet), figures };
      await writeFile(path.join(ROOT, 'bench', 'security-results.json'), `${JSON.stringify(output, null, 2)}\n`);
      console.log('\nwrote bench/security-results.json');
    } finally {
      await server.stop();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  if (server) console.error(server.log());
  process.exit(1);
});
