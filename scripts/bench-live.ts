/**
 * Event delivery (`npm run bench:live`): from the moment a save is sent to the moment the saved words are painted
 * in another person's open editor. One browser page (Chromium) has a 200-row document open; saves of its rows are
 * sent one at a time over HTTP, and the page notes when each one's text is in a row and a frame has been drawn.
 * The file store with one app server, and PostgreSQL with two: saves to the first server, the page on the second,
 * so every event crosses servers through the database (LISTEN/NOTIFY).
 * Prints a table and writes bench/live-results.json.
 *
 * Environment: BENCH_PORT (default 3111; PostgreSQL uses it and the next), NEXT_DIST_DIR (default .next-test; built
 * when missing), BENCH_LIVE_SAVES (default 60).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { FileDocumentStore } from '@/lib/storage';
import { benchRowId, loadSeedWords, makeBenchDocument } from './bench/documents';
import { formatTable, percentile, round } from './bench/stats';
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs';
import { ensureBuild, startNext, type NextServer } from './harness/next-app';
import { savedRow, SaveClient } from './harness/row-saves';
import { openStoreUnderTest, type StoreKind } from './harness/store-under-test';
import { writeTestUser, type TestUser } from './harness/users';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT || 3111);
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-test';
const ROWS = 200;
const SAVES = Number(process.env.BENCH_LIVE_SAVES || 60);
const RESULTS_FILE = path.join(root, 'bench', 'live-results.json');

interface Figures {
  store: StoreKind;
  servers: number;
  saves: number;
  deliveryP50Ms: number;
  deliveryP95Ms: number;
  deliveryMaxMs: number;
  /** From the save's answer (the saver's own screen says saved) to the other screen. */
  afterAnswerP50Ms: number;
  afterAnswerP95Ms: number;
  saveP50Ms: number;
}

/** The page's side: every text that lands in a row, with the wall-clock time of the frame that shows it. */
function watchRows(): void {
  const seen: Record<string, number> = {};
  (window as unknown as { __seen: Record<string, number> }).__seen = seen;
  new MutationObserver(() => {
    const marks = document.querySelectorAll('[data-testid="target-cell"]');
    const found: string[] = [];
    for (const cell of marks) {
      const m = /live-bench-(\d+)/.exec(cell.textContent ?? '');
      if (m && seen[m[1]!] === undefined) found.push(m[1]!);
    }
    if (found.length) requestAnimationFrame(() => found.forEach((k) => (seen[k] ??= Date.now())));
  }).observe(document.querySelector('[data-testid="rows"]')!, { subtree: true, childList: true, characterData: true });
}

async function run(kind: StoreKind, browser: Browser, contentDir: string, slug: string, user: TestUser): Promise<Figures> {
  const store = await openStoreUnderTest(kind, contentDir, user.usersFile);
  const servers: NextServer[] = [];
  const sessionSecret = randomBytes(32).toString('base64url');
  try {
    const start = (port: number) => startNext({ root, port, distDir: DIST_DIR, contentDir, usersFile: user.usersFile, sessionSecret, env: store.env });
    servers.push(await start(PORT));
    if (kind === 'postgres') servers.push(await start(PORT + 1));
    const saveUrl = servers[0]!.url;
    const viewUrl = servers[servers.length - 1]!.url;

    const context = await browser.newContext({ baseURL: viewUrl, viewport: { width: 1400, height: 900 } });
    const signedIn = await context.request.post('/api/session', { data: { name: user.name, password: user.password } });
    if (!signedIn.ok()) throw new Error(`sign-in answered ${signedIn.status()}`);
    const page = await context.newPage();
    await page.goto(`/en/documents/${slug}`);
    await page.locator('[data-testid="live"][data-state="live"]').waitFor({ timeout: 60_000 });
    await page.evaluate(watchRows);

    const client = new SaveClient(saveUrl, user.token);
    const delivery: number[] = [];
    const afterAnswer: number[] = [];
    const saves: number[] = [];
    for (let k = 0; k < SAVES; k++) {
      // Rows of the first, rendered chunk; each saved once from its first revision.
      const row = (k * 7) % 100;
      const sent = Date.now();
      const result = await client.save(slug, benchRowId(row), `Saved for the live bench: live-bench-${k} in the Kremlin.`, 1);
      const answered = Date.now();
      if (result.status !== 200 || !savedRow(result)) throw new Error(`save ${k} got ${result.status} ${result.text.slice(0, 200)}`);
      saves.push(result.ms);
      await page.waitForFunction((n) => (window as unknown as { __seen: Record<string, number> }).__seen[n] !== undefined, String(k), { timeout: 10_000 });
      const shown = await page.evaluate((n) => (window as unknown as { __seen: Record<string, number> }).__seen[n]!, String(k));
      delivery.push(shown - sent);
      afterAnswer.push(Math.max(0, shown - answered));
      await new Promise((r) => setTimeout(r, 50));
    }
    client.close();
    await context.close();
    const figures: Figures = {
      store: kind,
      servers: servers.length,
      saves: SAVES,
      deliveryP50Ms: round(percentile(delivery, 50)),
      deliveryP95Ms: round(percentile(delivery, 95)),
      deliveryMaxMs: round(Math.max(...delivery)),
      afterAnswerP50Ms: round(percentile(afterAnswer, 50)),
      afterAnswerP95Ms: round(percentile(afterAnswer, 95)),
      saveP50Ms: round(percentile(saves, 50)),
    };
    console.log(`bench:live: ${kind}, ${servers.length} server(s): delivery p50 ${figures.deliveryP50Ms} ms, p95 ${figures.deliveryP95Ms} ms`);
    return figures;
  } finally {
    for (const s of servers) await s.stop();
    await store.stop();
  }
}

async function main(): Promise<void> {
  await ensureBuild(root, DIST_DIR, 'bench:live');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set CHROMIUM_PATH or run `node scripts/find-chromium.mjs`');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bilingual-bench-live-'));
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const words = await loadSeedWords(root);
    const results: Figures[] = [];
    const kinds = (process.env.BENCH_LIVE_STORES ?? 'file,postgres').split(',') as StoreKind[];
    for (const kind of kinds) {
      const contentDir = path.join(tmp, kind, 'content');
      const files = new FileDocumentStore(contentDir);
      const doc = makeBenchDocument(ROWS, words, new Date().toISOString());
      await files.create(doc);
      await files.close();
      const user = await writeTestUser(path.join(tmp, kind, 'users', 'users.json'), 'bench-editor', 'editor');
      results.push(await run(kind, browser, contentDir, doc.slug, user));
    }
    console.log(
      formatTable(
        ['store', 'app servers', 'saves', 'save sent → other screen p50 ms', 'p95 ms', 'max ms', 'answer → other screen p50 / p95 ms', 'save p50 ms'],
        results.map((r) => [r.store, r.servers, r.saves, r.deliveryP50Ms, r.deliveryP95Ms, r.deliveryMaxMs, `${r.afterAnswerP50Ms} / ${r.afterAnswerP95Ms}`, r.saveP50Ms]),
      ),
    );
    await writeFile(
      RESULTS_FILE,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => round(l, 2)), node: process.version, chromium: browser.version() },
          document: { rows: ROWS },
          runs: results,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`bench:live: wrote ${path.relative(root, RESULTS_FILE)}`);
  } finally {
    await browser.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench:live: FAILED — ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
