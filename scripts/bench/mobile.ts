/**
 * First paint of a page on a throttled phone: Chromium with its CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`)
 * and a slow 4G network (`Network.emulateNetworkConditions`: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), a
 * 390×844 touch viewport, and an empty cache each time (a reader arriving from a link).
 *
 *   const mobile = await runMobileBench(browser, { urls: [{ name, url }], repeat: 3, log });
 *   console.log(formatMobileBench(mobile));
 *
 * For each page: first-contentful-paint and the load event from the page's own performance timeline (navigation
 * start = 0), the bytes that came over the network (CDP `Network.loadingFinished`, encoded), and the scripts among them.
 */
import type { Browser } from '@playwright/test';
import { formatTable, median, round } from './stats';

/** The slow 4G of the issue, in CDP's units: milliseconds and bytes per second. */
export const SLOW_4G = { latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (750 * 1e3) / 8 };
export const CPU_SLOWDOWN = 4;

export interface MobilePageResult {
  name: string;
  url: string;
  runs: number;
  /** Median of the runs, ms from navigation start. */
  fcpMs: number;
  loadMs: number;
  fcpRunsMs: number[];
  /** What crossed the network for one view (encoded bytes, as the emulated link carried them). */
  transferBytes: number;
  scriptRequests: number;
  scriptBytes: number;
}

export interface MobileBenchResult {
  profile: { cpuSlowdown: number; latencyMs: number; downloadKbps: number; uploadKbps: number; viewport: string };
  pages: MobilePageResult[];
  method: string;
}

async function measureOnce(browser: Browser, url: string, cookie?: string): Promise<{ fcp: number; load: number; bytes: number; scripts: number; scriptBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  try {
    if (cookie) {
      const [name, ...value] = cookie.split('=');
      await context.addCookies([{ name: name!, value: value.join('='), url }]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const types = new Map<string, string>();
    let bytes = 0;
    let scripts = 0;
    let scriptBytes = 0;
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') {
        scripts++;
        scriptBytes += e.encodedDataLength;
      }
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return resolve(found.startTime);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    // Late requests (fonts) finish after load: give them a moment to be counted.
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { fcp, load, bytes, scripts, scriptBytes };
  } finally {
    await context.close();
  }
}

/** Opens each page `repeat` times on the throttled phone (see the comment at the top of this file). */
export async function runMobileBench(
  browser: Browser,
  options: { urls: { name: string; url: string }[]; repeat?: number; cookie?: string; log?: (m: string) => void },
): Promise<MobileBenchResult> {
  const repeat = options.repeat ?? 3;
  const pages: MobilePageResult[] = [];
  for (const { name, url } of options.urls) {
    options.log?.(`mobile bench: ${name} …`);
    const runs = [];
    for (let i = 0; i < repeat; i++) runs.push(await measureOnce(browser, url, options.cookie));
    const last = runs[runs.length - 1]!;
    pages.push({
      name,
      url,
      runs: repeat,
      fcpMs: round(median(runs.map((r) => r.fcp)), 0),
      loadMs: round(median(runs.map((r) => r.load)), 0),
      fcpRunsMs: runs.map((r) => round(r.fcp, 0)),
      transferBytes: last.bytes,
      scriptRequests: last.scripts,
      scriptBytes: last.scriptBytes,
    });
  }
  return {
    profile: {
      cpuSlowdown: CPU_SLOWDOWN,
      latencyMs: SLOW_4G.latency,
      downloadKbps: (SLOW_4G.downloadThroughput * 8) / 1000,
      uploadKbps: (SLOW_4G.uploadThroughput * 8) / 1000,
      viewport: '390x844 @3x, touch',
    },
    pages,
    method:
      `a new browser context per run (empty cache, cache disabled), CDP Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN} and ` +
      'Network.emulateNetworkConditions (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) before navigating; FCP is the page\'s ' +
      "first-contentful-paint entry, load its navigation entry's loadEventEnd; median of the runs; bytes are encoded bytes of one run",
  };
}

/** The result as a plain-text table. */
export function formatMobileBench(result: MobileBenchResult): string {
  return formatTable(
    ['throttled phone (CPU ×4, slow 4G)', 'FCP ms', 'load ms', 'runs (FCP ms)', 'transfer KB', 'scripts (KB)'],
    result.pages.map((p) => [
      p.name,
      p.fcpMs.toFixed(0),
      p.loadMs.toFixed(0),
      p.fcpRunsMs.join(' / '),
      (p.transferBytes / 1024).toFixed(1),
      `${p.scriptRequests} (${(p.scriptBytes / 1024).toFixed(1)})`,
    ]),
  );
}
