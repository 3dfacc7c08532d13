/**
 * Library benchmark: the library page (`/<locale>`) over a content folder of 1,000 documents — server time warm
 * and the HTML it sends — for its first page, a title search and a later page sorted by title.
 *
 * As a part of `npm run bench` (scripts/bench.ts calls it against the server it started):
 *
 *   const library = await runLibraryBench({ baseUrl: server.url, contentDir, cookie: server.cookie, log });
 *   console.log(formatLibraryBench(library));      // and put `library` into bench/results.json
 *
 *   runLibraryBench(options: LibraryBenchOptions): Promise<LibraryBenchResult>
 *     baseUrl     the running `next start` (a production build)
 *     contentDir  the CONTENT_DIR that server reads: `count` documents (`library-bench-0001`…) are written there
 *                 through the store when missing
 *     cookie      the `Cookie` header of a signed-in person (the library needs one)
 *     root        the project folder (default: found from this file)
 *     count       documents in the library (default 1,000)
 *     repeat      timed requests per page (default 20, after 3 warm-up requests)
 *     log         progress lines (default: none)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DOCUMENT_SCHEMA_VERSION, emptyTarget, parseDocument, type BilingualDocument, type Row, type RowStatus } from '@/lib/model';
import { FileDocumentStore } from '@/lib/storage';
import { loadSeedWords, type WordLists } from './documents';
import { formatTable, median, percentile, round } from './stats';

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROWS = 20;
const STATUSES: RowStatus[] = ['untranslated', 'draft', 'translated', 'needs-changes', 'approved'];

export interface LibraryBenchOptions {
  baseUrl: string;
  contentDir: string;
  cookie: string;
  root?: string;
  count?: number;
  repeat?: number;
  log?: (message: string) => void;
}

export interface LibraryPageResult {
  name: string;
  url: string;
  /** Documents listed on the page, and matching in all. */
  listed: number;
  /** The page's HTML as sent, and gzipped (level 6). */
  htmlBytes: number;
  htmlGzipBytes: number;
  /** Wall time of the GET until the whole body arrived, from Node on the same machine (keep-alive loopback). */
  serverMs: { median: number; p95: number; min: number };
}

export interface LibraryBenchResult {
  documents: number;
  pages: LibraryPageResult[];
  method: Record<string, string>;
}

function words(list: string[], start: number, count: number): string {
  return Array.from({ length: count }, (_, k) => list[(start + k) % list.length]!).join(' ');
}

/** Library document `i`: a translated title row, then 19 rows whose statuses vary with `i`; updated a minute apart. */
export function makeLibraryDocument(i: number, lists: WordLists): BilingualDocument {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  const paragraph = (text: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }] });
  const title = words(lists.arabic, i * 13, 4 + (i % 4));
  const rows: Row[] = [
    { id: `t${String(i).padStart(9, '0')}`, rev: 1, status: 'translated', source: [{ kind: 'title', text: title }], target: paragraph(words(lists.english, i * 11, 5 + (i % 3))), updatedAt: at, updatedBy: null },
  ];
  for (let r = 1; r < ROWS; r++) {
    const status = STATUSES[(i + r * 3) % (r < (i % ROWS) ? 5 : 2)]!;
    rows.push({
      id: `r${String(i).padStart(5, '0')}${String(r).padStart(4, '0')}`,
      rev: 1,
      status,
      source: [{ kind: 'paragraph', text: words(lists.arabic, i * 7 + r * 31, 30) }],
      target: status === 'untranslated' ? emptyTarget() : paragraph(words(lists.english, i * 5 + r * 29, 30)),
      updatedAt: at,
      updatedBy: null,
    });
  }
  const doc = { schemaVersion: DOCUMENT_SCHEMA_VERSION, slug: `library-bench-${String(i).padStart(4, '0')}`, title, sourceLang: 'ar', targetLang: 'en', createdAt: at, updatedAt: at, rows };
  return parseDocument(doc, `library benchmark document ${i}`);
}

/** Writes the library's documents into `contentDir` through the store, those that are missing. */
export async function writeLibraryDocuments(root: string, contentDir: string, count: number): Promise<BilingualDocument[]> {
  const lists = await loadSeedWords(root);
  const store = new FileDocumentStore(contentDir);
  const docs: BilingualDocument[] = [];
  for (let i = 1; i <= count; i++) {
    const doc = makeLibraryDocument(i, lists);
    if (!(await store.has(doc.slug))) await store.create(doc);
    docs.push(doc);
  }
  await store.list();
  await store.close();
  return docs;
}

async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: Buffer; status: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie, 'accept-encoding': 'identity' }, redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  return { ms: performance.now() - start, body, status: response.status };
}

async function measure(name: string, url: string, cookie: string, repeat: number): Promise<LibraryPageResult> {
  for (let i = 0; i < 3; i++) await timedGet(url, cookie);
  const times: number[] = [];
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i < repeat; i++) {
    const r = await timedGet(url, cookie);
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
    times.push(r.ms);
    body = r.body;
  }
  const html = body.toString('utf8');
  return {
    name,
    url,
    listed: (html.match(/<li class="doc-card"/g) ?? []).length,
    htmlBytes: body.length,
    htmlGzipBytes: gzipSync(body, { level: 6 }).length,
    serverMs: { median: round(median(times)), p95: round(percentile(times, 95)), min: round(Math.min(...times)) },
  };
}

/** Measures the library page over `count` documents (see the comment at the top of this file). */
export async function runLibraryBench(options: LibraryBenchOptions): Promise<LibraryBenchResult> {
  const root = options.root ?? DEFAULT_ROOT;
  const log = options.log ?? (() => undefined);
  const count = options.count ?? 1000;
  const repeat = options.repeat ?? 20;
  const started = Date.now();
  const docs = await writeLibraryDocuments(root, options.contentDir, count);
  log(`library bench: ${count} documents ready in ${Date.now() - started} ms`);
  const base = options.baseUrl.replace(/\/$/, '');
  // A word of one title, to search for (a few documents share it).
  const q = docs[Math.floor(count / 2)]!.title.split(' ')[1] ?? docs[0]!.title;
  const pages: LibraryPageResult[] = [];
  for (const [name, suffix] of [
    ['first page', '/en'],
    ['first page, Arabic interface', '/ar'],
    ['title search', `/en?q=${encodeURIComponent(q)}`],
    ['page 10 by title', '/en?sort=title&page=10'],
    ['page 20 by progress', '/en?sort=progress&page=20'],
  ] as const) {
    log(`library bench: ${name} …`);
    pages.push(await measure(name, `${base}${suffix}`, options.cookie, repeat));
  }
  return {
    documents: count,
    pages,
    method: {
      serverMs: `wall time of GET /<locale>?… signed in until the whole body arrived, ${repeat} sequential requests after 3 warm-up requests, from Node on the same machine (loopback); median, nearest-rank p95, min`,
      html: 'the body as sent (accept-encoding identity), bytes and gzip level 6; `listed` counts the li.doc-card elements',
      documents: `${count} documents of ${ROWS} rows (library-bench-0001…) beside the other benchmark documents, written through the file store`,
    },
  };
}

/** The result as a plain-text table. */
export function formatLibraryBench(result: LibraryBenchResult): string {
  return formatTable(
    [`library (${result.documents.toLocaleString('en')} documents)`, 'listed', 'HTML KB', 'HTML gzip KB', 'server ms median', 'p95', 'min'],
    result.pages.map((p) => [
      p.name,
      p.listed,
      (p.htmlBytes / 1024).toFixed(1),
      (p.htmlGzipBytes / 1024).toFixed(1),
      p.serverMs.median.toFixed(0),
      p.serverMs.p95.toFixed(0),
      p.serverMs.min.toFixed(0),
    ]),
  );
}
