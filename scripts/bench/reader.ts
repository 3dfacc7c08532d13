/**
 * Reading-page benchmark: what the public page of a published document weighs and how long the server takes to
 * render it, for the seed article and for a generated 1,000-row document.
 *
 * As a part of `npm run bench` (scripts/bench.ts calls it against the server it started):
 *
 *   import { runReaderBench, formatReaderBench } from './bench/reader';
 *   const reader = await runReaderBench({ baseUrl: server.url, contentDir, log });
 *   console.log(formatReaderBench(reader));          // and put `reader` into bench/results.json
 *
 *   runReaderBench(options: ReaderBenchOptions): Promise<ReaderBenchResult>
 *     baseUrl     the running `next start` (a production build), e.g. http://127.0.0.1:3108
 *     contentDir  the CONTENT_DIR that server reads: the documents are written and published there, through the
 *                 store (the seed is copied in from content/ when it is missing; nothing already published is
 *                 published again)
 *     cookie      optional `Cookie` header; the reading page is public and needs none, it is sent with every request
 *     root        the project folder (default: found from this file)
 *     sizes       generated document sizes in rows (default [1000])
 *     repeat      timed requests per page (default 7, after 2 warm-up requests)
 *     locale      interface locale of the page (default 'en')
 *     log         progress lines (default: none)
 *
 * Standalone, against a build of its own or a running server:
 *   npx tsx scripts/bench/reader.ts [--dist .next-bench] [--sizes 1000,5000] [--repeat 7]
 *   npx tsx scripts/bench/reader.ts --base-url http://127.0.0.1:3000 --content-dir content
 * It prints the table and writes bench/reader.json.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { renderStaticHtml } from '@/components/reader/static-html';
import { createSnapshot, isModelError, type PublishedSnapshot } from '@/lib/model';
import { FileDocumentStore } from '@/lib/storage';
import { loadSeedWords, makeBenchDocument } from './documents';
import { formatTable, median, percentile, round } from './stats';

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED_SLUG = 'putin-receives-haftar';

export interface ReaderBenchOptions {
  baseUrl: string;
  contentDir: string;
  cookie?: string;
  root?: string;
  sizes?: number[];
  repeat?: number;
  locale?: 'en' | 'ar';
  log?: (message: string) => void;
}

export interface ReaderPageResult {
  name: string;
  slug: string;
  rows: number;
  url: string;
  /** The page's HTML as sent, and gzipped (level 6, as most servers and CDNs send it). */
  htmlBytes: number;
  htmlGzipBytes: number;
  /** The `<script src>` files the HTML loads in a modern browser (the `nomodule` polyfills apart). */
  scripts: number;
  jsBytes: number;
  jsGzipBytes: number;
  noModuleJsGzipBytes: number;
  /** The stylesheets the HTML links, gzipped. */
  cssGzipBytes: number;
  /** Time to the first byte and to the whole page, from the client side of a keep-alive loopback connection. */
  ttfbMs: { median: number; p95: number };
  renderMs: { median: number; p95: number; min: number };
  /** Inline `<script>` elements and their bytes (the page's small enhancement). */
  inlineScripts: number;
  inlineScriptBytes: number;
  /** A repeat visit: the same GET with `If-None-Match` of the page's ETag (null when the page sent none). */
  revalidate: { status: number; bytes: number; ms: { median: number; min: number } } | null;
  /** True when a script holds ProseMirror's code (it must not: the page ships no editor). */
  editorCode: boolean;
  /** The static HTML export of the same snapshot, rendered in this process. */
  exportBytes: number;
  exportGzipBytes: number;
  exportMs: number;
}

export interface ReaderBenchResult {
  pages: ReaderPageResult[];
  method: Record<string, string>;
}

/** Copies the seed in when missing, and publishes each document that is not published yet. */
async function preparePublished(root: string, contentDir: string, sizes: number[], log: (m: string) => void): Promise<{ name: string; slug: string }[]> {
  const store = new FileDocumentStore(contentDir);
  const docs: { name: string; slug: string }[] = [];
  if (!(await store.has(SEED_SLUG))) {
    await mkdir(path.join(contentDir, 'documents'), { recursive: true });
    await cp(path.join(root, 'content', 'documents', SEED_SLUG), path.join(contentDir, 'documents', SEED_SLUG), { recursive: true });
  }
  docs.push({ name: 'seed article', slug: SEED_SLUG });
  if (sizes.length) {
    const words = await loadSeedWords(root);
    const now = new Date().toISOString();
    for (const rows of sizes) {
      const slug = `reader-bench-${rows}`;
      if (!(await store.has(slug))) await store.create({ ...makeBenchDocument(rows, words, now), slug });
      docs.push({ name: `${rows.toLocaleString('en')} rows`, slug });
    }
  }
  for (const { slug } of docs) {
    if (await store.getPublished(slug)) continue;
    const { snapshot } = await store.publish(slug, ({ doc, notes, previous }) =>
      createSnapshot(doc, notes, previous, { now: new Date().toISOString(), user: 'bench', credit: 'Benchmark' }),
    );
    log(`reader bench: published ${slug} (v${snapshot.version}, ${snapshot.rows.length} rows)`);
  }
  return docs;
}

function gz(data: Buffer | string): number {
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 }).length;
}

async function timedGet(url: string, headers: Record<string, string>): Promise<{ ttfb: number; total: number; body: Buffer; status: number; etag: string | null }> {
  const start = performance.now();
  const response = await fetch(url, { headers, redirect: 'manual' });
  const ttfb = performance.now() - start;
  const body = Buffer.from(await response.arrayBuffer());
  return { ttfb, total: performance.now() - start, body, status: response.status, etag: response.headers.get('etag') };
}

function findAssets(html: string): { scripts: { src: string; noModule: boolean }[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].flatMap((m) => {
    const attrs = m[1]!;
    const src = /\ssrc="([^"]+)"/i.exec(attrs)?.[1];
    return src ? [{ src: src.replace(/&amp;/g, '&'), noModule: /\snomodule\b/i.test(attrs) }] : [];
  });
  const styles = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/gi)].flatMap((m) => {
    const href = /\shref="([^"]+)"/i.exec(m[0])?.[1];
    return href ? [href.replace(/&amp;/g, '&')] : [];
  });
  return { scripts, styles };
}

async function measurePage(
  doc: { name: string; slug: string },
  snapshot: PublishedSnapshot,
  options: Required<Pick<ReaderBenchOptions, 'baseUrl' | 'repeat' | 'locale'>> & { headers: Record<string, string>; root: string },
): Promise<ReaderPageResult> {
  const url = `${options.baseUrl}/${options.locale}/read/${doc.slug}`;
  for (let i = 0; i < 2; i++) await timedGet(url, options.headers);
  const ttfb: number[] = [];
  const total: number[] = [];
  let html: Buffer = Buffer.alloc(0);
  let etag: string | null = null;
  for (let i = 0; i < options.repeat; i++) {
    const r = await timedGet(url, options.headers);
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
    ttfb.push(r.ttfb);
    total.push(r.total);
    html = r.body;
    etag = r.etag;
  }
  let revalidate: ReaderPageResult['revalidate'] = null;
  if (etag) {
    const times: number[] = [];
    let last = { status: 0, bytes: 0 };
    for (let i = 0; i < options.repeat; i++) {
      const r = await timedGet(url, { ...options.headers, 'if-none-match': etag });
      times.push(r.total);
      last = { status: r.status, bytes: r.body.length };
    }
    revalidate = { ...last, ms: { median: round(median(times)), min: round(Math.min(...times)) } };
  }
  const text = html.toString('utf8');
  const inline = [...text.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
  const { scripts, styles } = findAssets(text);
  let jsBytes = 0;
  let jsGzipBytes = 0;
  let noModuleJsGzipBytes = 0;
  let editorCode = false;
  for (const script of scripts) {
    const { body, status } = await timedGet(new URL(script.src, url).href, options.headers);
    if (status !== 200) throw new Error(`GET ${script.src} answered ${status}`);
    const code = body.toString('utf8');
    if (code.includes('prosemirror') || code.includes('EditorView')) editorCode = true;
    if (script.noModule) {
      noModuleJsGzipBytes += gz(body);
      continue;
    }
    jsBytes += body.length;
    jsGzipBytes += gz(body);
  }
  let cssGzipBytes = 0;
  for (const href of styles) cssGzipBytes += gz((await timedGet(new URL(href, url).href, options.headers)).body);

  const exportStart = performance.now();
  const exported = await renderStaticHtml(snapshot, { locale: options.locale });
  const exportMs = performance.now() - exportStart;

  return {
    name: doc.name,
    slug: doc.slug,
    rows: snapshot.rows.length,
    url,
    htmlBytes: html.length,
    htmlGzipBytes: gz(html),
    scripts: scripts.filter((s) => !s.noModule).length,
    inlineScripts: inline.length,
    inlineScriptBytes: inline.reduce((n, code) => n + Buffer.byteLength(code), 0),
    revalidate,
    jsBytes,
    jsGzipBytes,
    noModuleJsGzipBytes,
    cssGzipBytes,
    ttfbMs: { median: round(median(ttfb)), p95: round(percentile(ttfb, 95)) },
    renderMs: { median: round(median(total)), p95: round(percentile(total, 95)), min: round(Math.min(...total)) },
    editorCode,
    exportBytes: Buffer.byteLength(exported),
    exportGzipBytes: gz(exported),
    exportMs: round(exportMs),
  };
}

/** Measures the reading page of the seed and of generated documents (see the comment at the top of this file). */
export async function runReaderBench(options: ReaderBenchOptions): Promise<ReaderBenchResult> {
  const root = options.root ?? DEFAULT_ROOT;
  const log = options.log ?? (() => undefined);
  const repeat = options.repeat ?? 7;
  const locale = options.locale ?? 'en';
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...(options.cookie && { cookie: options.cookie }) };
  const docs = await preparePublished(root, options.contentDir, options.sizes ?? [1000], log);
  const store = new FileDocumentStore(options.contentDir);
  const pages: ReaderPageResult[] = [];
  for (const doc of docs) {
    log(`reader bench: ${doc.name} …`);
    const snapshot = await store.getPublished(doc.slug);
    if (!snapshot) throw new Error(`${doc.slug} is not published`);
    pages.push(await measurePage(doc, snapshot, { baseUrl: options.baseUrl.replace(/\/$/, ''), repeat, locale, headers, root }));
  }
  return {
    pages,
    method: {
      html: 'the body of GET /<locale>/read/<slug> (sent uncompressed: accept-encoding identity), bytes and gzip level 6',
      js: 'every <script src> of that HTML fetched and summed, bytes and gzip level 6; nomodule scripts (polyfills modern browsers skip) counted apart; inline scripts counted apart (inlineScripts, inlineScriptBytes)',
      revalidate: `the same GET with If-None-Match: the ETag of the page, ${repeat} times: status, body bytes, wall time`,
      renderMs: `wall time of GET until the whole body arrived, ${repeat} sequential requests after 2 warm-up requests, from Node on the same machine; median, nearest-rank p95, min`,
      export: 'renderStaticHtml of the same snapshot in the benchmark process (fonts subset with HarfBuzz), one run after the page timings',
    },
  };
}

/** The result as a plain-text table. */
export function formatReaderBench(result: ReaderBenchResult): string {
  const kb = (n: number) => (n / 1024).toFixed(1);
  return formatTable(
    ['reading page', 'rows', 'HTML KB', 'HTML gzip KB', 'JS gzip KB (files)', 'inline JS B', 'CSS gzip KB', 'render ms (p95)', 'TTFB ms', 'repeat visit', 'editor code', 'export KB (gzip)', 'export ms'],
    result.pages.map((p) => [
      p.name,
      p.rows,
      kb(p.htmlBytes),
      kb(p.htmlGzipBytes),
      `${kb(p.jsGzipBytes)} (${p.scripts})`,
      p.inlineScriptBytes,
      kb(p.cssGzipBytes),
      `${p.renderMs.median.toFixed(0)} (${p.renderMs.p95.toFixed(0)})`,
      p.ttfbMs.median.toFixed(0),
      p.revalidate ? `${p.revalidate.status}, ${p.revalidate.bytes} B, ${p.revalidate.ms.median.toFixed(0)} ms` : 'no ETag',
      p.editorCode ? 'YES' : 'none',
      `${kb(p.exportBytes)} (${kb(p.exportGzipBytes)})`,
      p.exportMs.toFixed(0),
    ]),
  );
}

async function waitFor(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** Standalone: a server of its own on a temporary content folder (or the one given), then the table. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'content-dir': { type: 'string' },
      dist: { type: 'string', default: '.next-bench' },
      sizes: { type: 'string', default: '1000' },
      repeat: { type: 'string', default: '7' },
      port: { type: 'string', default: '3109' },
      locale: { type: 'string', default: 'en' },
    },
  });
  const sizes = values.sizes.split(',').filter(Boolean).map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000)) throw new Error(`--sizes must be row counts, got "${values.sizes}"`);
  if (values.locale !== 'en' && values.locale !== 'ar') throw new Error('--locale must be en or ar');
  const log = (m: string) => console.log(m);
  let baseUrl = values['base-url'];
  let contentDir = values['content-dir'] && path.resolve(values['content-dir']);
  let stop = async () => undefined as void;
  if (!baseUrl) {
    await stat(path.join(DEFAULT_ROOT, values.dist, 'BUILD_ID')).catch(() => {
      throw new Error(`no build in ${values.dist}/: run \`NEXT_DIST_DIR=${values.dist} npx next build\` (or npm run bench) first, or pass --base-url`);
    });
    const owned = contentDir ? null : await mkdtemp(path.join(os.tmpdir(), 'reader-bench-'));
    contentDir ??= owned!;
    baseUrl = `http://127.0.0.1:${values.port}`;
    const child = spawn(process.execPath, [path.join(DEFAULT_ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', values.port, '-H', '127.0.0.1'], {
      cwd: DEFAULT_ROOT,
      stdio: 'ignore',
      env: { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: values.dist, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      if (owned) await rm(owned, { recursive: true, force: true });
    };
    await waitFor(`${baseUrl}/api/health`, 60_000).catch(async (e: unknown) => {
      await stop();
      throw e;
    });
    log(`reader bench: next start (${values.dist}) on ${baseUrl}, content in ${contentDir}`);
  }
  if (!contentDir) throw new Error('--content-dir is needed with --base-url: the folder that server reads');
  try {
    const result = await runReaderBench({ baseUrl, contentDir, sizes, repeat: Number(values.repeat), locale: values.locale, log });
    console.log(`\n${formatReaderBench(result)}`);
    const out = path.join(DEFAULT_ROOT, 'bench', 'reader.json');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify({ ...result, date: new Date().toISOString(), node: process.version, cpus: os.cpus().length }, null, 2)}\n`);
    log(`\nreader bench: wrote ${path.relative(DEFAULT_ROOT, out)}`);
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(isModelError(e) || e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
