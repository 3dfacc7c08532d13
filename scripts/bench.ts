/**
 * Editor performance benchmark: opens documents of 50, 1,000 and 5,000 rows in headless Chromium against a
 * production build, and measures time to an editable row, typing latency, heap and autosave bytes.
 *
 *   npm run bench [-- --sizes 50,1000] [--no-build] [--repeat 3] [--cold] [--trace]
 *
 *   --sizes     row counts to measure (default 50,1000,5000)
 *   --no-build  reuse the build in .next-bench/ when there is one
 *   --repeat N  open each size N times in fresh pages (default 1): median open time and heap, typing samples
 *               pooled; useful on a busy machine
 *   --cold      open each document in a browser context that has not loaded the app yet (default: a small
 *               document is opened first in the same context, so code and fonts come from the cache)
 *   --trace     also write a Chromium performance trace per size to bench/trace-<rows>.tmp (open it in
 *               chrome://tracing or the DevTools Performance panel); results then go to bench/results-traced.tmp
 *
 * Writes bench/results.json. Performance is measured, not asserted: the targets print PASS or MISS and the
 * exit code is 0 unless the run itself failed. See scripts/bench/*.ts for the parts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs';
import { benchSlug, editedRowIndex, WARMUP_SLUG, writeBenchDocuments } from './bench/documents';
import { combineRuns, MEASURED_KEYS, runOne, type RunResult } from './bench/measure';
import { formatReaderBench, runReaderBench } from './bench/reader';
import { BENCH_DIST_DIR, buildApp, hasBuild, startServer, type Server } from './bench/server';
import { formatTable, round } from './bench/stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** BENCH_PORT moves the benchmark's server off the default, so several checkouts can measure side by side. */
const PORT = Number(process.env.BENCH_PORT ?? 3108);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) throw new Error(`BENCH_PORT must be a port number, got "${process.env.BENCH_PORT}"`);
const DEFAULT_SIZES = [50, 1000, 5000];

/** Targets from the issue. */
const TARGET = {
  typingRatio: 1.5,
  p95Ms: 16.7,
  openMs: 2000,
  openAtRows: 5000,
  saveBytesSpread: 8,
};


interface TargetCheck {
  description: string;
  value: number | null;
  limit: number;
  pass: boolean | null;
}

function parseSizes(value: string | undefined): number[] {
  if (!value) return DEFAULT_SIZES;
  const sizes = value.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000)) {
    throw new Error(`--sizes must be a comma-separated list of row counts (1..100000), got "${value}"`);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function checkTargets(runs: RunResult[]): Record<string, TargetCheck> {
  const small = runs[0];
  const large = runs[runs.length - 1];
  const comparable = small && large && small !== large;
  const ratio = (a: number, b: number) => round(a / b, 2);
  const sizesLabel = comparable ? `${large.rows} rows vs ${small.rows} rows` : 'needs two sizes';
  const medianRatio = comparable ? ratio(large.typing.medianMs, small.typing.medianMs) : null;
  const p95Ratio = comparable ? ratio(large.typing.p95Ms, small.typing.p95Ms) : null;
  const worstP95 = runs.length ? Math.max(...runs.map((r) => r.typing.p95Ms)) : null;
  const openRun = runs.find((r) => r.rows === TARGET.openAtRows);
  const saveBytes = runs.map((r) => r.saveBytes);
  const spread = runs.length > 1 ? Math.max(...saveBytes) - Math.min(...saveBytes) : null;
  return {
    typingMedianRatio: {
      description: `typing median, ${sizesLabel}, within ${TARGET.typingRatio}x`,
      value: medianRatio,
      limit: TARGET.typingRatio,
      pass: medianRatio === null ? null : medianRatio <= TARGET.typingRatio,
    },
    typingP95Ratio: {
      description: `typing p95, ${sizesLabel}, within ${TARGET.typingRatio}x`,
      value: p95Ratio,
      limit: TARGET.typingRatio,
      pass: p95Ratio === null ? null : p95Ratio <= TARGET.typingRatio,
    },
    typingP95: {
      description: `typing p95 < ${TARGET.p95Ms} ms at every size (worst shown)`,
      value: worstP95,
      limit: TARGET.p95Ms,
      pass: worstP95 === null ? null : worstP95 < TARGET.p95Ms,
    },
    openMs: {
      description: `${TARGET.openAtRows.toLocaleString('en')} rows editable < ${TARGET.openMs} ms`,
      value: openRun?.openMs ?? null,
      limit: TARGET.openMs,
      pass: openRun ? openRun.openMs < TARGET.openMs : null,
    },
    saveBytesEqual: {
      description: `save bytes equal across sizes (spread <= ${TARGET.saveBytesSpread} bytes)`,
      value: spread,
      limit: TARGET.saveBytesSpread,
      pass: spread === null ? null : spread <= TARGET.saveBytesSpread && runs.every((r) => r.details.save.verified),
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      repeat: { type: 'string', default: '1' },
      cold: { type: 'boolean', default: false },
    },
  });
  const sizes = parseSizes(values.sizes);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 20) throw new Error(`--repeat must be 1..20, got "${values.repeat}"`);
  const log = (message: string) => console.log(message);

  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set CHROMIUM_PATH or run `node scripts/find-chromium.mjs`');

  if (values['no-build'] && hasBuild(root)) {
    log(`bench: using the existing build in ${BENCH_DIST_DIR}/ (--no-build)`);
  } else {
    if (values['no-build']) log(`bench: --no-build given but ${BENCH_DIST_DIR}/ holds no build: building`);
    log(`bench: NEXT_DIST_DIR=${BENCH_DIST_DIR} next build …`);
    const ms = await buildApp(root);
    log(`bench: built in ${round(ms / 1000)} s`);
  }

  const contentDir = await mkdtemp(path.join(os.tmpdir(), 'bench-content-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    browser = null;
    await server?.stop().catch(() => undefined);
    server = null;
    await rm(contentDir, { recursive: true, force: true });
  };
  // Ctrl+C: the server and the browser go too.
  const onSignal = (signal: NodeJS.Signals) => {
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const runs: RunResult[] = [];
  const loadBefore = os.loadavg().map((v) => round(v, 2));
  try {
    const started = Date.now();
    const docs = await writeBenchDocuments(root, contentDir, sizes, repeat);
    log(`bench: wrote ${sizes.map((n) => benchSlug(n)).join(', ')}${repeat > 1 ? ` (${repeat} copies each)` : ''} to ${contentDir} in ${Date.now() - started} ms`);

    server = await startServer(root, PORT, contentDir);
    log(`bench: next start on ${server.url} (pid ${server.pid})`);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    log(`bench: Chromium ${browser.version()} (${executablePath})`);

    for (const rows of sizes) {
      log(`bench: ${rows} rows …`);
      if (values.trace) await mkdir(path.join(root, 'bench'), { recursive: true });
      try {
        const results: RunResult[] = [];
        for (let i = 0; i < repeat; i++) {
          const doc = docs.get(rows)![i]!;
          const tracePath = values.trace ? path.join(root, 'bench', `trace-${rows}${repeat > 1 ? `-${i + 1}` : ''}.tmp`) : undefined;
          const result = await runOne(browser, {
            cookie: server.cookie,
            baseUrl: server.url,
            doc,
            editedIndex: editedRowIndex(rows),
            warmupUrl: values.cold ? undefined : `${server.url}/en/documents/${WARMUP_SLUG}`,
            tracePath,
            log,
          });
          if (result.details.save.note) log(`  note: ${result.details.save.note}`);
          results.push(result);
        }
        runs.push(combineRuns(results));
      } catch (e) {
        console.error(`bench: the ${rows}-row run failed; server output:\n${server.log()}`);
        throw e;
      }
    }
    const chromiumVersion = browser.version();
    // The public reading page: bytes shipped and server render time, against the same server.
    log('bench: reading page …');
    const reader = await runReaderBench({ baseUrl: server.url, contentDir, cookie: server.cookie, root, log });
    await stopAll();

    const targets = checkTargets(runs);
    console.log('');
    console.log(
      formatTable(
        ['rows', 'open ms', 'typing median', 'typing p95', 'heap MB', 'save bytes'],
        runs.map((r) => [r.rows.toLocaleString('en'), r.openMs.toFixed(0), r.typing.medianMs.toFixed(1), r.typing.p95Ms.toFixed(1), r.heapMB.toFixed(1), r.saveBytes]),
      ),
    );
    console.log('');
    console.log(
      formatTable(
        ['rows', 'HTML KB (gzip)', 'server warm ms', 'FCP ms', 'editor ready ms', 'click ms', 'editable ms', 'DOM nodes'],
        runs.map((r) => {
          const o = r.details.open;
          return [
            r.rows.toLocaleString('en'),
            `${r.details.server.htmlKB.toFixed(0)} (${r.details.server.htmlGzipKB.toFixed(0)})`,
            r.details.server.warmHtmlMs.toFixed(0),
            o.firstContentfulPaintMs?.toFixed(0) ?? '-',
            o.editorReadyMs.toFixed(0),
            o.mousedownMs.toFixed(0),
            o.editableMs.toFixed(0),
            o.cdp.domNodes,
          ];
        }),
      ),
    );
    console.log('');
    for (const check of Object.values(targets)) {
      const verdict = check.pass === null ? 'N/A ' : check.pass ? 'PASS' : 'MISS';
      console.log(`${verdict}  ${check.description}: ${check.value ?? '-'}`);
    }
    const load = os.loadavg()[0]!;
    if (load > os.cpus().length) {
      console.log(`note: the machine was busy (1-minute load average ${round(load, 2)} on ${os.cpus().length} CPUs): figures are noisy`);
    }
    if (values.trace) console.log('note: --trace slows the page down; the figures above are not comparable to untraced runs');
    console.log('');
    console.log(formatReaderBench(reader));
    console.log(`(typing: ${MEASURED_KEYS} keys after warm-up${repeat > 1 ? ` in each of ${repeat} runs, pooled; open ms and heap: median of ${repeat} runs` : ''}; save bytes: the body of the last PATCH of the edited row, which holds its final text)`);

    const output = {
      runs,
      targets,
      reader,
      date: new Date().toISOString(),
      options: { sizes, repeat, browserCache: values.cold ? 'cold' : 'warm', trace: values.trace },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? null,
        memoryGB: round(os.totalmem() / 1024 ** 3),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
        chromium: chromiumVersion,
        // Other work on the machine skews every figure: the 1-minute load average should stay below the core count.
        loadAverage: { before: loadBefore, after: os.loadavg().map((v) => round(v, 2)) },
      },
      method: {
        openMs:
          'performance.now() in the page (navigation start = 0) when a ProseMirror view first takes focus in the middle row, ' +
          'after waiting (in the page) for html[data-editor-ready=true], scrolling that row\'s target cell to the middle of the viewport ' +
          'and pressing the mouse on it; the server is warmed with two GETs of the page first; ' +
          (values.cold
            ? 'cold browser: a new context per run (--cold)'
            : 'a new context per run in which a 10-row document was opened first (app code, CSS and fonts cached), then a fresh page'),
        typing: `capturing keydown on document takes e.timeStamp, the next requestAnimationFrame takes performance.now(); ${MEASURED_KEYS} page.keyboard.press keys after warm-up, one at a time; median and nearest-rank p95`,
        heapMB: 'CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage usedSize / 2^20, after opening and typing',
        saveBytes: 'postDataBuffer() length of the last PATCH /api/documents/<slug>/rows/<id> after typing (it carries the final text); all PATCHes while typing are in details.save',
      },
    };
    await mkdir(path.join(root, 'bench'), { recursive: true });
    // A traced run is slower (the trace records every task): keep it out of the results worth committing.
    const file = path.join(root, 'bench', values.trace ? 'results-traced.tmp' : 'results.json');
    await writeFile(file, `${JSON.stringify(output, null, 2)}\n`);
    log(`\nbench: wrote ${path.relative(root, file)}`);
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
