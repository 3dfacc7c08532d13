/**
 * One benchmark run in the browser: open a document until a row is editable, type into the middle row, measure
 * keydown → next frame, the heap, and the bytes the autosave sends.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Request } from '@playwright/test';
import { getParagraphText, type BilingualDocument, type TargetDoc } from '@/lib/model';
import { findScriptUrls, sumScripts, type ScriptBytes } from './script-bytes';
import { median, percentile, round } from './stats';

export const WARMUP_KEYS = 10;
export const MEASURED_KEYS = 50;
/** What is typed, one key per character: plain words, so the saved row stays one text node. */
const TYPED = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.slice(0, WARMUP_KEYS + MEASURED_KEYS);

/** What the init script records in the page, on `window.__bench`. */
interface PageProbe {
  /** html[data-editor-open]: the rows the editor opened with are in the page and take a click. */
  openAt: number | null;
  /** html[data-editor-ready]: every row is here and every handler in place. */
  readyAt: number | null;
  mousedownAt: number | null;
  editableAt: number | null;
  longTasks: { start: number; duration: number }[];
  samples: number[];
  recording: boolean;
}
type ProbeWindow = Window & { __bench: PageProbe };

/**
 * Runs before the page's own scripts: notes when the editor opened (html[data-editor-open]) and when every row was
 * there (html[data-editor-ready]), when the mouse went down, when a ProseMirror editor first took focus, and the
 * long tasks.
 */
function installProbe(): void {
  const probe: PageProbe = { openAt: null, readyAt: null, mousedownAt: null, editableAt: null, longTasks: [], samples: [], recording: false };
  (window as unknown as ProbeWindow).__bench = probe;
  new MutationObserver(() => {
    const flags = document.documentElement?.dataset;
    if (probe.openAt === null && flags?.editorOpen === 'true') probe.openAt = performance.now();
    if (probe.readyAt === null && flags?.editorReady === 'true') probe.readyAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-editor-open', 'data-editor-ready'] });
  document.addEventListener('mousedown', (e) => (probe.mousedownAt ??= e.timeStamp), true);
  document.addEventListener(
    'focusin',
    (e) => {
      if (probe.editableAt === null && e.target instanceof Element && e.target.classList.contains('pm-editor')) {
        probe.editableAt = performance.now();
      }
    },
    true,
  );
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser.
  }
}

/** Keydown (capturing, on document) → the next animation frame: the typing-latency probe of TOOLCHAIN.md. */
function installTypingProbe(): void {
  const probe = (window as unknown as ProbeWindow).__bench;
  document.addEventListener(
    'keydown',
    (e) => {
      if (!probe.recording) return;
      const down = e.timeStamp;
      requestAnimationFrame(() => probe.samples.push(performance.now() - down));
    },
    true,
  );
  probe.recording = true;
}

type Metrics = Record<string, number>;

async function getMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export interface RunResult {
  rows: number;
  openMs: number;
  typing: { medianMs: number; p95Ms: number };
  heapMB: number;
  saveBytes: number;
  details: {
    editedRow: string;
    server: { coldHtmlMs: number; warmHtmlMs: number; htmlKB: number; htmlGzipKB: number };
    /**
     * JavaScript of the editor page: `firstLoad` the `<script src>` files of its HTML; `toEditable` every script
     * the page asked for until the row was editable (the editor's own chunks, ProseMirror's included).
     */
    js: { firstLoad: ScriptBytes; toEditable: ScriptBytes };
    open: {
      ttfbMs: number;
      htmlDoneMs: number;
      domContentLoadedMs: number;
      firstContentfulPaintMs: number | null;
      loadEventMs: number;
      rowsRequests: { startMs: number; responseStartMs: number; responseEndMs: number }[];
      /** The editor's user timing marks (editor:…), ms from navigation start. */
      marks: Record<string, number>;
      /** The editor opened: its first rows are in the page and take a click (html[data-editor-open]). */
      editorOpenMs: number;
      /** Every row is here (a long document's rest arrives after it opened) and every handler in place. */
      editorReadyMs: number;
      mousedownMs: number;
      editableMs: number;
      /** Long tasks before the first row took a click: the target. */
      longTasksBeforeOpen: { count: number; totalMs: number; longestMs: number };
      /** Long tasks until every row was here (the rest arriving while the person may already type). */
      longTasksBeforeReady: { count: number; totalMs: number; longestMs: number };
      cdp: { layoutMs: number; recalcStyleMs: number; scriptMs: number; taskMs: number; domNodes: number; jsEventListeners: number };
    };
    typing: {
      warmupKeys: number;
      samples: number;
      minMs: number;
      maxMs: number;
      meanMs: number;
      perKeyCdp: { layoutMs: number; recalcStyleMs: number; scriptMs: number; taskMs: number; layouts: number };
      samplesMs: number[];
    };
    save: { patchRequests: number; patchBytesTotal: number; lastPatchStatus: number | null; verified: boolean; note?: string };
    heap: { usedBytes: number; totalBytes: number };
    /** With --repeat: each run's own figures. */
    repeats?: {
      count: number;
      openMs: number[];
      editorOpenMs: number[];
      editorReadyMs: number[];
      typingMedianMs: number[];
      typingP95Ms: number[];
      heapMB: number[];
      saveBytes: number[];
    };
  };
}

async function timeFetch(url: string, cookie: string): Promise<{ ms: number; text: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return { ms: performance.now() - started, text };
}

function targetText(target: TargetDoc): string {
  return target.content.map(getParagraphText).join('\n');
}

export interface RunOptions {
  baseUrl: string;
  /** The signed-in editor's session cookie (`name=value`). */
  cookie: string;
  doc: BilingualDocument;
  editedIndex: number;
  /** A page to open (and close) in the context before the measured one; none measures a cold browser. */
  warmupUrl?: string;
  /** Writes a Chromium performance trace of the open and the typing to this file (off by default). */
  tracePath?: string;
  log: (message: string) => void;
}

/** Measures one document in a fresh browser context. */
export async function runOne(browser: Browser, options: RunOptions): Promise<RunResult> {
  const { baseUrl, doc, editedIndex, log, cookie } = options;
  const rows = doc.rows.length;
  const row = doc.rows[editedIndex]!;
  // The row's permalink: the editor renders the row's chunk and scrolls to it, as a link from a colleague would.
  const pageUrl = `${baseUrl}/en/documents/${doc.slug}#row-${row.id}`;

  // Warm the server first (route code, the parsed document in the store's cache), so the open measures the
  // page and the browser, not the server's first read of the file. Both times are kept.
  const cold = await timeFetch(pageUrl, cookie);
  const warm = await timeFetch(pageUrl, cookie);
  const server = {
    coldHtmlMs: round(cold.ms),
    warmHtmlMs: round(warm.ms),
    htmlKB: round(Buffer.byteLength(warm.text) / 1024),
    htmlGzipKB: round(gzipSync(warm.text).length / 1024),
  };

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const [cookieName, ...cookieValue] = cookie.split('=');
  await context.addCookies([{ name: cookieName!, value: cookieValue.join('='), url: baseUrl }]);
  try {
    await context.addInitScript(installProbe);
    if (options.warmupUrl) {
      // A user opens a document from an app already loaded in the browser: open a small document first in this
      // context, so the scripts, styles and fonts come from the cache; the measured page is a fresh one.
      const warmup = await context.newPage();
      await warmup.goto(options.warmupUrl, { waitUntil: 'load' });
      await warmup.waitForSelector('html[data-editor-ready=true]', { state: 'attached', timeout: 60_000 });
      await warmup.close();
    }
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });

    const requests: { request: Request; phase: 'open' | 'typing' }[] = [];
    let phase: 'open' | 'typing' = 'open';
    page.on('request', (request) => requests.push({ request, phase }));
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    if (options.tracePath) await browser.startTracing(page, { path: options.tracePath, screenshots: false });

    // Open: navigation start (0 in the page's timeline) → a ProseMirror editor focused in the middle row.
    await page.goto(pageUrl, { waitUntil: 'commit' });
    // Wait in the page for html[data-editor-open=true] (a MutationObserver answers at once, where Playwright's
    // selector polling backs off to 500 ms), then scroll the row's target cell to the middle of the viewport and
    // press the mouse on it: page.mouse is one CDP round trip, where a locator click's actionability checks cost
    // 0.5-1 s of extra round trips at 5,000 rows.
    const cellSelector = `[data-testid=row][data-row-id="${row.id}"] [data-testid=target-cell]`;
    // (No named inner functions in code sent to the page: tsx's esbuild wraps them in a `__name` helper that
    // does not exist there.)
    const point = await page.evaluate(
      (selector) =>
        new Promise<void>((resolve) => {
          if (document.documentElement?.dataset.editorOpen === 'true') return resolve();
          const observer = new MutationObserver(() => {
            if (document.documentElement?.dataset.editorOpen !== 'true') return;
            observer.disconnect();
            resolve();
          });
          observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-editor-open'] });
        })
          // Rows far down the page render when asked for: wait for the linked row's chunk to be in the page.
          .then(
            () =>
              new Promise<void>((resolve) => {
                if (document.querySelector(selector)) return resolve();
                const observer = new MutationObserver(() => {
                  if (!document.querySelector(selector)) return;
                  observer.disconnect();
                  resolve();
                });
                observer.observe(document.body, { subtree: true, childList: true });
              }),
          )
          .then(() => {
          const cell = document.querySelector(selector);
          if (!cell) return null;
          cell.scrollIntoView({ block: 'center', inline: 'nearest' });
          const rect = cell.getBoundingClientRect();
          const x = rect.left + rect.width / 2;
          const y = rect.top + rect.height / 2;
          return cell.contains(document.elementFromPoint(x, y)) ? { x, y } : null;
        }),
      cellSelector,
    );
    if (point) await page.mouse.click(point.x, point.y);
    else await page.locator(cellSelector).click();
    await page.waitForFunction(
      (id) => {
        const probe = (window as unknown as ProbeWindow).__bench;
        const active = document.activeElement;
        return (
          probe.editableAt !== null &&
          active instanceof HTMLElement &&
          active.classList.contains('pm-editor') &&
          active.closest('[data-testid=row]')?.getAttribute('data-row-id') === id
        );
      },
      row.id,
    );
    const openMetrics = await getMetrics(cdp);
    const openScripts = requests.filter((r) => r.phase === 'open' && r.request.resourceType() === 'script').map((r) => r.request.url());
    const js = { firstLoad: await sumScripts(findScriptUrls(warm.text, pageUrl)), toEditable: await sumScripts(openScripts) };
    // Typing is measured with every row here, as the open measured it before a long document opened early: the
    // rest arriving is the open's (its long tasks are counted below), not the keys'.
    await page.waitForSelector('html[data-editor-ready=true]', { state: 'attached', timeout: 60_000 });
    const timeline = await page.evaluate(() => {
      const probe = (window as unknown as ProbeWindow).__bench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        probe: { openAt: probe.openAt, readyAt: probe.readyAt, mousedownAt: probe.mousedownAt, editableAt: probe.editableAt, longTasks: probe.longTasks },
        ttfb: nav?.responseStart ?? NaN,
        htmlDone: nav?.responseEnd ?? NaN,
        dcl: nav?.domContentLoadedEventEnd ?? NaN,
        load: nav?.loadEventEnd ?? NaN,
        fcp: fcp ? fcp.startTime : null,
        // The editor's own stages (performance.mark('editor:…') in components/editor): where the open's time goes.
        marks: Object.fromEntries(
          performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith('editor:'))
            .map((m) => [m.name.slice('editor:'.length), Math.round(m.startTime)]),
        ),
        // The rows' own request (GET /api/documents/<slug>/rows): when it started, answered and ended, and how
        // many there were (more than one would mean the page's preload was not used).
        rowsRequests: performance
          .getEntriesByType('resource')
          .filter((e) => /\/api\/documents\/[^/]+\/rows$/.test(new URL(e.name).pathname))
          .map((e) => {
            const r = e as PerformanceResourceTiming;
            return { startMs: Math.round(r.startTime), responseStartMs: Math.round(r.responseStart), responseEndMs: Math.round(r.responseEnd) };
          }),
      };
    });
    const openedAt = timeline.probe.openAt ?? NaN;
    const beforeOpen = timeline.probe.longTasks.filter((t) => t.start < openedAt);
    const openMs = timeline.probe.editableAt!;

    const readyAt = timeline.probe.readyAt ?? NaN;
    const beforeReady = timeline.probe.longTasks.filter((t) => t.start < readyAt);
    log(
      `  open: editable at ${round(openMs)} ms (editor open at ${round(openedAt)} ms, every row at ${round(readyAt)} ms; ${Object.entries(timeline.marks).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    );

    // Typing: keydown → next frame, one key at a time, each sample recorded before the next key.
    await page.evaluate(installTypingProbe);
    phase = 'typing';
    const keys = [...TYPED];
    let typingBefore: Metrics | null = null;
    for (let i = 0; i < keys.length; i++) {
      if (i === WARMUP_KEYS) typingBefore = await getMetrics(cdp);
      await page.keyboard.press(keys[i]!);
      await page.waitForFunction((n) => (window as unknown as ProbeWindow).__bench.samples.length >= n, i + 1);
    }
    const typingAfter = await getMetrics(cdp);
    const allSamples = await page.evaluate(() => (window as unknown as ProbeWindow).__bench.samples);
    const samples = allSamples.slice(WARMUP_KEYS);
    const delta = (name: string) => ((typingAfter[name] ?? 0) - (typingBefore?.[name] ?? 0)) / samples.length;

    // Autosave: every key left the page "saving"; wait until the last edit is on the server.
    await page.waitForSelector('[data-testid=save-state][data-state=saved]', { state: 'attached', timeout: 30_000 });
    const patches = requests.filter(
      (r) => r.phase === 'typing' && r.request.method() === 'PATCH' && new URL(r.request.url()).pathname.startsWith(`/api/documents/${doc.slug}/rows/`),
    );
    const others = requests.filter((r) => r.phase === 'typing' && r.request.method() !== 'GET' && !patches.includes(r));
    const last = patches[patches.length - 1]?.request;
    const lastResponse = last ? await last.response() : null;
    const saveBytes = last?.postDataBuffer()?.length ?? 0;
    let verified = false;
    let note: string | undefined;
    if (last) {
      try {
        const body = JSON.parse(last.postData() ?? '') as { target?: TargetDoc };
        const sent = body.target ? targetText(body.target) : '';
        verified =
          new URL(last.url()).pathname === `/api/documents/${doc.slug}/rows/${row.id}` &&
          sent.length === targetText(row.target).length + TYPED.length &&
          sent.includes(TYPED.trim());
        if (!verified) note = `last PATCH does not hold the typed text: ${JSON.stringify(sent.slice(0, 120))}`;
      } catch (e) {
        note = `last PATCH body is not JSON: ${(e as Error).message}`;
      }
    } else {
      note = 'no PATCH request was seen after typing';
    }
    if (others.length) note = `${note ? `${note}; ` : ''}other requests while typing: ${others.map((r) => `${r.request.method()} ${r.request.url()}`).join(', ')}`;
    if (pageErrors.length) note = `${note ? `${note}; ` : ''}page errors: ${pageErrors.join(' | ')}`;

    if (options.tracePath) await browser.stopTracing();

    // Heap after load and typing, after a full garbage collection.
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');

    return {
      rows,
      openMs: round(openMs),
      typing: { medianMs: round(median(samples), 2), p95Ms: round(percentile(samples, 95), 2) },
      heapMB: round(heap.usedSize / (1024 * 1024)),
      saveBytes,
      details: {
        editedRow: `${row.id} (index ${editedIndex})`,
        server,
        js,
        open: {
          ttfbMs: round(timeline.ttfb),
          htmlDoneMs: round(timeline.htmlDone),
          domContentLoadedMs: round(timeline.dcl),
          firstContentfulPaintMs: timeline.fcp === null ? null : round(timeline.fcp),
          loadEventMs: round(timeline.load),
          rowsRequests: timeline.rowsRequests,
          marks: timeline.marks,
          editorOpenMs: round(openedAt),
          editorReadyMs: round(readyAt),
          mousedownMs: round(timeline.probe.mousedownAt ?? NaN),
          editableMs: round(openMs),
          longTasksBeforeOpen: {
            count: beforeOpen.length,
            totalMs: round(beforeOpen.reduce((s, t) => s + t.duration, 0)),
            longestMs: round(Math.max(0, ...beforeOpen.map((t) => t.duration))),
          },
          longTasksBeforeReady: {
            count: beforeReady.length,
            totalMs: round(beforeReady.reduce((s, t) => s + t.duration, 0)),
            longestMs: round(Math.max(0, ...beforeReady.map((t) => t.duration))),
          },
          cdp: {
            layoutMs: round((openMetrics.LayoutDuration ?? 0) * 1000),
            recalcStyleMs: round((openMetrics.RecalcStyleDuration ?? 0) * 1000),
            scriptMs: round((openMetrics.ScriptDuration ?? 0) * 1000),
            taskMs: round((openMetrics.TaskDuration ?? 0) * 1000),
            domNodes: openMetrics.Nodes ?? 0,
            jsEventListeners: openMetrics.JSEventListeners ?? 0,
          },
        },
        typing: {
          warmupKeys: WARMUP_KEYS,
          samples: samples.length,
          minMs: round(Math.min(...samples), 2),
          maxMs: round(Math.max(...samples), 2),
          meanMs: round(samples.reduce((s, v) => s + v, 0) / samples.length, 2),
          perKeyCdp: {
            layoutMs: round(delta('LayoutDuration') * 1000, 2),
            recalcStyleMs: round(delta('RecalcStyleDuration') * 1000, 2),
            scriptMs: round(delta('ScriptDuration') * 1000, 2),
            taskMs: round(delta('TaskDuration') * 1000, 2),
            layouts: round(delta('LayoutCount'), 2),
          },
          samplesMs: samples.map((s) => round(s, 2)),
        },
        save: {
          patchRequests: patches.length,
          patchBytesTotal: patches.reduce((s, r) => s + (r.request.postDataBuffer()?.length ?? 0), 0),
          lastPatchStatus: lastResponse?.status() ?? null,
          verified,
          ...(note && { note }),
        },
        heap: { usedBytes: heap.usedSize, totalBytes: heap.totalSize },
      },
    };
  } finally {
    await context.close();
  }
}

/**
 * Several runs of one size as one result (`--repeat`): the median open time and heap, typing over all the
 * samples pooled, the save bytes of the first run (the runs' own figures are kept in details.repeats). The
 * details are those of the run whose open time is the median.
 */
export function combineRuns(results: RunResult[]): RunResult {
  if (results.length === 1) return results[0]!;
  const byOpen = [...results].sort((a, b) => a.openMs - b.openMs);
  const middle = byOpen[(byOpen.length - 1) >> 1]!;
  const samples = results.flatMap((r) => r.details.typing.samplesMs);
  return {
    rows: middle.rows,
    openMs: round(median(results.map((r) => r.openMs))),
    typing: { medianMs: round(median(samples), 2), p95Ms: round(percentile(samples, 95), 2) },
    heapMB: round(median(results.map((r) => r.heapMB))),
    saveBytes: results[0]!.saveBytes,
    details: {
      ...middle.details,
      save: {
        ...middle.details.save,
        verified: results.every((r) => r.details.save.verified && r.saveBytes === results[0]!.saveBytes),
      },
      repeats: {
        count: results.length,
        openMs: results.map((r) => r.openMs),
        editorOpenMs: results.map((r) => r.details.open.editorOpenMs),
      editorReadyMs: results.map((r) => r.details.open.editorReadyMs),
        typingMedianMs: results.map((r) => r.typing.medianMs),
        typingP95Ms: results.map((r) => r.typing.p95Ms),
        heapMB: results.map((r) => r.heapMB),
        saveBytes: results.map((r) => r.saveBytes),
      },
    },
  };
}
