/**
 * Load: 20 concurrent clients save 2,000 different rows of a 5,000-row document on the production server, and
 * 200 saves to one row carry a stale revision. Every acknowledged save must be on disk afterwards and every
 * stale one must get 409; latency percentiles and throughput are printed and written to bench/load-results.json.
 *
 *   npm run test:load            (loopback only; not part of `npm test`)
 *
 * The conflicting saves are exact: the row is saved once first (revision 1 → 2), then all 200 are sent on
 * revision 1, mixed into the clients' streams, so none of them may succeed.
 *
 * Environment: LOAD_PORT (default 3110), NEXT_DIST_DIR (default .next-test; built when missing),
 * LOAD_TIME_LIMIT_S (default 300: the run fails if it is not done by then). `--store postgres` (or STORE=postgres)
 * runs it on PostgreSQL (a throwaway cluster) and writes bench/load-results-postgres.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileDocumentStore } from '@/lib/storage';
import { benchRowId, loadSeedWords, makeBenchDocument } from './bench/documents';
import { formatTable, round } from './bench/stats';
import { ensureBuild, startNext, type NextServer } from './harness/next-app';
import { conflictRow, latencySummary, rowText, savedRow, SaveClient, type LatencySummary } from './harness/row-saves';
import { openStoreUnderTest, storeKindFromArgs, type StoreUnderTest } from './harness/store-under-test';
import { writeTestUser } from './harness/users';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.LOAD_PORT || 3110);
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-test';
const TIME_LIMIT_MS = Number(process.env.LOAD_TIME_LIMIT_S || 300) * 1000;
const ROWS = 5000;
const CLIENTS = 20;
const SAVES = 2000;
const CONFLICTS = 200;
/** The row every conflicting save goes to: the last one, which no client saves otherwise. */
const CONFLICT_ROW = benchRowId(ROWS - 1);
const STORE = storeKindFromArgs();
const RESULTS_FILE = path.join(root, 'bench', STORE === 'postgres' ? 'load-results-postgres.json' : 'load-results.json');

interface Sample {
  kind: 'save' | 'conflict';
  ms: number;
}

function saveText(row: number): string {
  return `Load save of row ${row}: the talks in the Kremlin covered Libya, the Sahel and the Russian bases.`;
}

async function main(): Promise<void> {
  await ensureBuild(root, DIST_DIR, 'load-test');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bilingual-load-'));
  const contentDir = path.join(tmp, 'content');
  let server: NextServer | null = null;
  let store: StoreUnderTest | null = null;
  const problems: string[] = [];
  const samples: Sample[] = [];
  const guard = setTimeout(() => {
    console.error(
      `load-test: FAILED — not done within ${TIME_LIMIT_MS / 1000} s (LOAD_TIME_LIMIT_S): ` +
        `${samples.length} of ${SAVES + CONFLICTS} requests answered`,
    );
    void (server?.kill('SIGKILL') ?? Promise.resolve())
      .then(() => store?.stop())
      .then(() => rm(tmp, { recursive: true, force: true }))
      .finally(() => process.exit(1));
  }, TIME_LIMIT_MS);
  try {
    const doc = makeBenchDocument(ROWS, await loadSeedWords(root), new Date().toISOString());
    const files = new FileDocumentStore(contentDir);
    await files.create(doc);
    await files.close();
    const slug = doc.slug;
    const user = await writeTestUser(path.join(tmp, 'users', 'users.json'), 'load-editor', 'editor');
    store = await openStoreUnderTest(STORE, contentDir, user.usersFile);
    server = await startNext({
      root,
      port: PORT,
      distDir: DIST_DIR,
      contentDir,
      usersFile: user.usersFile,
      sessionSecret: randomBytes(32).toString('base64url'),
      env: store.env,
    });
    console.log(`load-test: ${STORE} store; server up in ${server.startMs} ms; ${ROWS.toLocaleString('en')}-row document, ${CLIENTS} clients`);

    // The conflict row moves to revision 2 first; every later save on revision 1 is stale.
    const clients = Array.from({ length: CLIENTS }, () => new SaveClient(server!.url, user.token));
    const first = await clients[0]!.save(slug, CONFLICT_ROW, 'The first and only accepted save of the contested row.', 1);
    if (first.status !== 200 || savedRow(first)?.rev !== 2) throw new Error(`the first save of ${CONFLICT_ROW} got ${first.status} ${first.text.slice(0, 200)}`);

    // Client c saves rows c, c + 20, c + 40, …, and every tenth request of its stream is a stale save.
    const perClient = SAVES / CLIENTS;
    const conflictsPerClient = CONFLICTS / CLIENTS;
    const acked = new Map<number, number>();
    let conflicts409 = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, c) => {
        const plan: ({ kind: 'save'; row: number } | { kind: 'conflict' })[] = [];
        for (let k = 0; k < perClient; k++) {
          plan.push({ kind: 'save', row: c + k * CLIENTS });
          if ((k + 1) % (perClient / conflictsPerClient) === 0) plan.push({ kind: 'conflict' });
        }
        for (const step of plan) {
          if (step.kind === 'save') {
            const result = await client.save(slug, benchRowId(step.row), saveText(step.row), 1);
            samples.push({ kind: 'save', ms: result.ms });
            const row = savedRow(result);
            if (result.status === 200 && row?.rev === 2) acked.set(step.row, row.rev);
            else problems.push(`row ${step.row}: ${result.status} ${result.text.slice(0, 200)}`);
          } else {
            const result = await client.save(slug, CONFLICT_ROW, `A stale save from client ${c}.`, 1);
            samples.push({ kind: 'conflict', ms: result.ms });
            if (result.status === 409 && conflictRow(result)?.rev === 2) conflicts409++;
            else problems.push(`a stale save of ${CONFLICT_ROW} got ${result.status} ${result.text.slice(0, 200)}, not 409 with revision 2`);
          }
        }
      }),
    );
    const wallMs = performance.now() - started;
    for (const client of clients) client.close();
    await server.stop();
    server = null;

    // Every acknowledged save on disk; nothing else changed.
    const onDisk = await store.read(slug);
    let verified = 0;
    onDisk.rows.forEach((row, i) => {
      if (row.id === CONFLICT_ROW) {
        if (row.rev !== 2 || rowText(row) !== 'The first and only accepted save of the contested row.') {
          problems.push(`${CONFLICT_ROW}: revision ${row.rev} "${rowText(row).slice(0, 60)}" on disk, not the one accepted save`);
        }
      } else if (acked.has(i)) {
        if (row.rev === 2 && rowText(row) === saveText(i)) verified++;
        else problems.push(`row ${i}: LOST — acknowledged at revision 2, the disk has revision ${row.rev} "${rowText(row).slice(0, 60)}"`);
      } else if (row.rev !== 1) {
        problems.push(`row ${i}: revision ${row.rev} on disk, but no save to it was acknowledged`);
      }
    });

    const saves = latencySummary(samples.filter((s) => s.kind === 'save').map((s) => s.ms));
    const stale = latencySummary(samples.filter((s) => s.kind === 'conflict').map((s) => s.ms));
    const throughput = round(samples.length / (wallMs / 1000));
    const line = (label: string, l: LatencySummary) => [label, l.count, l.p50, l.p95, l.p99, l.max];
    console.log(formatTable(['requests', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [line('saves (200)', saves), line('stale saves (409)', stale)]));
    console.log(
      formatTable(
        ['acknowledged', 'verified on disk', '409s', 'wall s', 'requests/s'],
        [[acked.size, verified, conflicts409, round(wallMs / 1000), throughput]],
      ),
    );

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => round(l, 2)), node: process.version },
      store: STORE,
      document: { rows: ROWS, bytes: (await stat(path.join(contentDir, 'documents', slug, 'document.json'))).size },
      clients: CLIENTS,
      saves: { sent: SAVES, acknowledged: acked.size, verifiedOnDisk: verified, latencyMs: saves },
      conflicts: { sent: CONFLICTS, got409: conflicts409, latencyMs: stale },
      wallSeconds: round(wallMs / 1000),
      requestsPerSecond: throughput,
      ok: problems.length === 0 && verified === SAVES && conflicts409 === CONFLICTS,
    };
    await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`load-test: wrote ${path.relative(root, RESULTS_FILE)}`);

    if (acked.size !== SAVES) problems.push(`${acked.size} of ${SAVES} saves were acknowledged`);
    if (conflicts409 !== CONFLICTS) problems.push(`${conflicts409} of ${CONFLICTS} stale saves got 409`);
    if (problems.length) throw new Error(`${problems.length} problem(s); the first: ${problems[0]}`);
    console.log(`load-test: OK — ${verified} acknowledged saves on disk, ${conflicts409} stale saves refused with 409`);
  } finally {
    if (server) await server.stop();
    await store?.stop();
    await rm(tmp, { recursive: true, force: true });
    clearTimeout(guard);
  }
}

main().catch((e: unknown) => {
  console.error(`load-test: FAILED — ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
