/**
 * The stores compared (`npm run bench:store`): row saves per second and their latency with 20 clients on a
 * 5,000-row document — the file store, PostgreSQL behind one app server, and PostgreSQL behind two (`next start`
 * twice on one database, the clients split between them) — and the library of 1,000 documents listed warm on each.
 * Prints a table and writes bench/store-results.json. Event delivery (save → the other browser's screen) has its
 * column, filled in by the live-editing benchmark when it lands.
 *
 * Beside the rates it reads (on Linux, from /proc) the CPU time the app servers spent per save, which the machine's
 * other work inflates less than wall time, and times the cheapest route there is (`GET /api/health`, the same 20
 * clients) on each store's server: what `next start` itself costs a request, the floor under any save.
 *
 * Environment: BENCH_PORT (default 3111; two servers use it and the next), NEXT_DIST_DIR (default .next-test; built
 * when missing), BENCH_SAVES (default 2000).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileDocumentStore } from '@/lib/storage';
import { benchRowId, loadSeedWords, makeBenchDocument } from './bench/documents';
import { formatTable, percentile, round } from './bench/stats';
import { ensureBuild, startNext, type NextServer } from './harness/next-app';
import { savedRow, SaveClient } from './harness/row-saves';
import { openStoreUnderTest, type StoreKind, type StoreUnderTest } from './harness/store-under-test';
import { writeTestUser } from './harness/users';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT || 3111);
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-test';
const ROWS = 5000;
const CLIENTS = 20;
const SAVES = Number(process.env.BENCH_SAVES || 2000);
const LIBRARY = 1000;
/** Unmeasured saves per server before its measured run, on rows from WARM_ROWS on (two servers: 2 × 500). */
const WARM_ROWS = 4000;
const WARM_SAVES = 500;
if (2 * SAVES > WARM_ROWS) throw new Error(`BENCH_SAVES may be at most ${WARM_ROWS / 2}: the measured runs save rows below ${WARM_ROWS}`);
const LIST_SAMPLES = 20;
const RESULTS_FILE = path.join(root, 'bench', 'store-results.json');

interface Figures {
  store: StoreKind;
  servers: number;
  saves: number;
  savesPerSecond: number;
  saveP50Ms: number;
  saveP95Ms: number;
  listP50Ms: number | null;
  listP95Ms: number | null;
  /** CPU milliseconds the app server(s) spent per save (null where /proc is not there). */
  serverCpuMsPerSave: number | null;
  /** The same 20 clients on `GET /api/health` of the first server: requests per second and its CPU per request. */
  healthPerSecond: number | null;
  healthCpuMsPerRequest: number | null;
  /** Save → the other browser's screen, p50/p95 ms: measured by the live-editing benchmark (not yet). */
  eventDeliveryP50Ms: number | null;
  eventDeliveryP95Ms: number | null;
}

/** Times the library's first page over HTTP, after warming it up. */
async function timeListing(url: string, token: string): Promise<{ p50: number; p95: number; total: number }> {
  const get = async () => {
    const started = performance.now();
    const response = await fetch(`${url}/api/documents?page=1`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { total: number };
    if (response.status !== 200) throw new Error(`the library answered ${response.status}`);
    return { ms: performance.now() - started, total: body.total };
  };
  for (let i = 0; i < 3; i++) await get();
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < LIST_SAMPLES; i++) {
    const r = await get();
    samples.push(r.ms);
    total = r.total;
  }
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), total };
}

/** CPU milliseconds (user + system) a process has used so far, from /proc; null off Linux. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The servers' CPU milliseconds per unit of `work`. */
async function cpuPer<T extends { count: number }>(servers: NextServer[], work: () => Promise<T>): Promise<T & { cpuMs: number | null }> {
  const before = servers.map((s) => cpuMs(s.pid));
  const out = await work();
  const after = servers.map((s) => cpuMs(s.pid));
  const spent = before.every((b) => b !== null) && after.every((a) => a !== null) ? after.reduce((sum, a, i) => sum! + a! - before[i]!, 0)! : null;
  return { ...out, cpuMs: spent === null ? null : round(spent / out.count, 2) };
}

/** The 20 clients on the app's cheapest route, as many requests as they save rows. */
async function timeHealth(url: string): Promise<{ perSecond: number; count: number }> {
  const agents = Array.from({ length: CLIENTS }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const get = (agent: http.Agent) =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(`${url}/api/health`, { agent }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`/api/health answered ${response.statusCode}`))));
      });
      request.on('error', reject);
    });
  const started = performance.now();
  await Promise.all(agents.map(async (agent) => {
    for (let k = 0; k < SAVES / CLIENTS; k++) await get(agent);
  }));
  const wall = (performance.now() - started) / 1000;
  for (const a of agents) a.destroy();
  return { perSecond: round(SAVES / wall), count: SAVES };
}

/**
 * 20 clients save `count` different rows once each (rows offset, offset + 1, …), spread over the servers; every
 * save must be acknowledged.
 */
async function timeSaves(urls: string[], token: string, slug: string, offset: number, count = SAVES): Promise<{ perSecond: number; p50: number; p95: number; count: number }> {
  const clients = Array.from({ length: CLIENTS }, (_, c) => new SaveClient(urls[c % urls.length]!, token));
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, c) => {
      for (let k = 0; k < count / CLIENTS; k++) {
        const row = offset + c + k * CLIENTS;
        const result = await client.save(slug, benchRowId(row), `Store bench save of row ${row}: talks in the Kremlin.`, 1);
        if (result.status !== 200 || savedRow(result)?.rev !== 2) throw new Error(`save of row ${row} got ${result.status} ${result.text.slice(0, 200)}`);
        samples.push(result.ms);
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  for (const c of clients) c.close();
  return { perSecond: round(samples.length / wall), p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), count: samples.length };
}

async function runStore(kind: StoreKind, contentDir: string, slug: string, user: { usersFile: string; token: string }): Promise<Figures[]> {
  const store: StoreUnderTest = await openStoreUnderTest(kind, contentDir, user.usersFile);
  const servers: NextServer[] = [];
  const sessionSecret = randomBytes(32).toString('base64url');
  const out: Figures[] = [];
  try {
    const start = (port: number) => startNext({ root, port, distDir: DIST_DIR, contentDir, usersFile: user.usersFile, sessionSecret, env: store.env });
    servers.push(await start(PORT));
    const listing = await timeListing(servers[0]!.url, user.token);
    if (listing.total !== LIBRARY + 1) throw new Error(`the library lists ${listing.total} documents, not ${LIBRARY + 1}`);
    // Once unmeasured first: a server just started runs its code unoptimised for the first thousands of requests.
    await timeHealth(servers[0]!.url);
    const health = await cpuPer([servers[0]!], () => timeHealth(servers[0]!.url));
    // Steady state, as a server runs all day: each server saves rows the measured runs do not touch first (rows
    // 4,000 on; the measured runs save rows 0–3,999), so its code is optimised before the clock starts.
    await timeSaves([servers[0]!.url], user.token, slug, WARM_ROWS, WARM_SAVES);
    const one = await cpuPer([servers[0]!], () => timeSaves([servers[0]!.url], user.token, slug, 0));
    out.push({
      store: kind,
      servers: 1,
      saves: SAVES,
      savesPerSecond: one.perSecond,
      saveP50Ms: one.p50,
      saveP95Ms: one.p95,
      serverCpuMsPerSave: one.cpuMs,
      healthPerSecond: health.perSecond,
      healthCpuMsPerRequest: health.cpuMs,
      listP50Ms: listing.p50,
      listP95Ms: listing.p95,
      eventDeliveryP50Ms: null,
      eventDeliveryP95Ms: null,
    });
    console.log(`bench:store: ${kind}, 1 server: ${one.perSecond} saves/s (${one.cpuMs} CPU ms a save; /api/health ${health.perSecond}/s, ${health.cpuMs} CPU ms), list ${listing.p50} ms`);
    if (kind === 'postgres') {
      servers.push(await start(PORT + 1));
      await timeSaves([servers[1]!.url], user.token, slug, WARM_ROWS + WARM_SAVES, WARM_SAVES);
      const two = await cpuPer(servers, () => timeSaves(servers.map((s) => s.url), user.token, slug, SAVES));
      out.push({
        store: kind,
        servers: 2,
        saves: SAVES,
        savesPerSecond: two.perSecond,
        saveP50Ms: two.p50,
        saveP95Ms: two.p95,
        serverCpuMsPerSave: two.cpuMs,
        healthPerSecond: null,
        healthCpuMsPerRequest: null,
        listP50Ms: null,
        listP95Ms: null,
        eventDeliveryP50Ms: null,
        eventDeliveryP95Ms: null,
      });
      console.log(`bench:store: ${kind}, 2 servers: ${two.perSecond} saves/s`);
    }
  } finally {
    for (const s of servers) await s.stop();
    await store.stop();
  }
  return out;
}

async function main(): Promise<void> {
  await ensureBuild(root, DIST_DIR, 'bench:store');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bilingual-bench-store-'));
  try {
    const words = await loadSeedWords(root);
    const now = new Date().toISOString();
    const results: Figures[] = [];
    for (const kind of ['file', 'postgres'] as const) {
      // A fresh folder per store: the 5,000-row document and a library of 1,000 twenty-row documents.
      const contentDir = path.join(tmp, kind, 'content');
      const files = new FileDocumentStore(contentDir);
      const big = makeBenchDocument(ROWS, words, now);
      await files.create(big);
      for (let i = 1; i <= LIBRARY; i++) await files.create(makeBenchDocument(20, words, now, i));
      await files.list();
      await files.close();
      const user = await writeTestUser(path.join(tmp, kind, 'users', 'users.json'), 'bench-editor', 'editor');
      results.push(...(await runStore(kind, contentDir, big.slug, user)));
    }
    const file = results.find((r) => r.store === 'file')!;
    const pg1 = results.find((r) => r.store === 'postgres' && r.servers === 1)!;
    console.log(
      formatTable(
        ['store', 'servers', 'saves/s', 'save p50 ms', 'save p95 ms', 'server CPU ms/save', 'health req/s', 'health CPU ms/req', 'list 1,000 p50 ms', 'list p95 ms'],
        results.map((r) => [
          r.store,
          r.servers,
          r.savesPerSecond,
          r.saveP50Ms,
          r.saveP95Ms,
          r.serverCpuMsPerSave ?? '—',
          r.healthPerSecond ?? '—',
          r.healthCpuMsPerRequest ?? '—',
          r.listP50Ms ?? '—',
          r.listP95Ms ?? '—',
        ]),
      ),
    );
    const ratio = round(pg1.savesPerSecond / file.savesPerSecond);
    console.log(`PostgreSQL / file store saves per second: ${ratio}× (target ≥ 10×)`);
    if (file.serverCpuMsPerSave && file.healthCpuMsPerRequest) {
      // A save costs at least what the server spends on any request: the file store's save over that is the most
      // any store behind this server could gain.
      console.log(`file store save CPU / the server's own CPU per request: ${round(file.serverCpuMsPerSave / file.healthCpuMsPerRequest)}× (the ceiling of the ratio on one server)`);
    }
    await writeFile(
      RESULTS_FILE,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => round(l, 2)), node: process.version },
          document: { rows: ROWS },
          clients: CLIENTS,
          library: LIBRARY,
          runs: results,
          postgresOverFile: ratio,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`bench:store: wrote ${path.relative(root, RESULTS_FILE)}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench:store: FAILED — ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
