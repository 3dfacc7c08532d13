/**
 * Crash safety: starts the production server on a temporary content folder, sends a stream of concurrent row
 * saves, kills the server with SIGKILL at a random moment, and checks what is on disk — 20 times.
 *
 *   npm run test:crash            (part of `npm test`, after the end-to-end tests have built .next-test/)
 *
 * After each kill: every file in the content folder parses and validates with the app's own schemas, the store
 * lists every document (stray temporary files of an interrupted write are ignored by it), and every row is
 * exactly as the last acknowledged save left it — or, when a save to it was in flight at the kill, as that save
 * would have left it. A save that got a 200 and is not on disk is a failure; so is any other difference.
 *
 * Environment: CRASH_PORT (default 3109), NEXT_DIST_DIR (default .next-test; built when missing), CRASH_KILLS
 * (default 20). `--store postgres` (or STORE=postgres) runs the same on PostgreSQL: a throwaway cluster holds a copy
 * of the content, the app server is killed, and what the database holds is checked with the app's store code.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glossaryFileSchema, notesFileSchema, parseDocument, parseHistoryLines, parseWith, publishedSnapshotSchema, translationMemorySchema } from '@/lib/model';
import { FileDocumentStore } from '@/lib/storage';
import { loadSeedWords, makeBenchDocument } from './bench/documents';
import { formatTable } from './bench/stats';
import { ensureBuild, startNext, type NextServer } from './harness/next-app';
import { rowText, savedRow, SaveClient } from './harness/row-saves';
import { openStoreUnderTest, storeKindFromArgs, type StoreUnderTest } from './harness/store-under-test';
import { writeTestUser } from './harness/users';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.CRASH_PORT || 3109);
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-test';
const KILLS = Number(process.env.CRASH_KILLS || 20);
const ROWS = 200;
/** Saves in flight at once: enough to keep the store writing when the kill lands. */
const CONCURRENCY = 6;
/**
 * The kill lands this long after the first save of the round was answered (so the server is warm and saves are
 * flowing, however long it took to start on a busy machine).
 */
const KILL_AFTER_MS: [number, number] = [50, 500];
/** A round whose first save is not answered within this long fails (the server cannot save at all). */
const FIRST_SAVE_WITHIN_MS = 30_000;
/** Half the saves go to these few rows, so rows are saved again and again and revisions chain. */
const HOT_ROWS = 8;
/** A guard against a hang (a server that never starts, a request that never ends), not a performance limit. */
const STUCK_AFTER_MS = 300_000;
const SEED_SLUG = 'putin-receives-haftar';

/** What we know of one row: the state the server has acknowledged (or that was on disk), and a save in flight. */
interface RowState {
  slug: string;
  id: string;
  rev: number;
  text: string;
  /** A save sent on `rev` with no answer yet; after a kill, its fate is unknown. */
  pending: { text: string } | null;
  /** Saves acknowledged since the last check. */
  ackedSinceCheck: number;
}

interface CycleFigures {
  startMs: number;
  firstSaveMs: number;
  killAfterMs: number;
  sent: number;
  acked: number;
  inFlightAtKill: number;
  landedUnacked: number;
  verified: number;
  strayTempFiles: number;
}

const failures: string[] = [];

function fail(message: string): void {
  failures.push(message);
  console.error(`crash-test: ${message}`);
}

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** Every row of the documents the test saves into, from disk. */
async function loadRows(store: StoreUnderTest, slugs: string[]): Promise<Map<string, RowState>> {
  const rows = new Map<string, RowState>();
  for (const slug of slugs) {
    const doc = await store.read(slug);
    for (const row of doc.rows) {
      rows.set(`${slug}/${row.id}`, { slug, id: row.id, rev: row.rev, text: rowText(row), pending: null, ackedSinceCheck: 0 });
    }
  }
  return rows;
}

/** Temporary files an interrupted atomic write leaves: write-file-atomic's `<name>.<number>`, ours `.<name>.<hex>.tmp`. */
const TEMP_FILE = /^(?:[^.].*\.json\.\d+|\..*\.json\.[0-9a-f]+\.tmp)$/;
/** The rows' history (JSON lines, a torn last line allowed) and the library's index (a cache). */
const HISTORY_NAME = 'history.jsonl';
const INDEX_NAME = '.library-index.json';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

/**
 * Every file in the content folder: JSON files parse and validate with the schema for their name; anything
 * else must be a temporary file of an interrupted write. Returns how many of those there are.
 */
async function checkContentFiles(contentDir: string, slugs: string[], store: StoreUnderTest): Promise<number> {
  if (store.kind === 'postgres') {
    // The database: a fresh store lists every document and reads each one whole (validated by the app's schemas).
    const reader = store.reader();
    const { documents, broken } = await reader.list();
    for (const b of broken) fail(`the store reports ${b.slug} as broken: ${b.error}`);
    for (const slug of slugs) {
      if (!documents.some((d) => d.slug === slug)) fail(`the store no longer lists ${slug}`);
      await reader.get(slug).catch((e: unknown) => fail(`${slug} cannot be read after a kill: ${(e as Error).message}`));
      await reader.getNotes(slug).catch((e: unknown) => fail(`the notes of ${slug} cannot be read after a kill: ${(e as Error).message}`));
    }
    await reader.close();
    return 0;
  }
  let strays = 0;
  for (const file of await listFiles(contentDir)) {
    const name = path.basename(file);
    const label = path.relative(contentDir, file);
    if (name.startsWith(INDEX_NAME)) continue;
    if (name === HISTORY_NAME) {
      // Every line but a torn last one is a revision.
      const lines = (await readFile(file, 'utf8')).split('\n');
      const { revisions, skipped } = parseHistoryLines(lines.slice(0, -1).join('\n'));
      if (skipped) fail(`${label}: ${skipped} line(s) before the last are not revisions`);
      if (!revisions.length && lines.length > 2) fail(`${label}: no revisions`);
      continue;
    }
    if (!name.endsWith('.json')) {
      if (TEMP_FILE.test(name)) strays++;
      else fail(`${label}: an unexpected file in the content folder`);
      continue;
    }
    try {
      const json: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (name === 'document.json') parseDocument(json, label);
      else if (name === 'notes.json') parseWith(notesFileSchema, json, label);
      else if (name === 'published.json' || name === 'withdrawn.json') parseWith(publishedSnapshotSchema, json, label);
      else if (label === 'glossary.json') parseWith(glossaryFileSchema, json, label);
      else if (label === 'memory.json') parseWith(translationMemorySchema, json, label);
      else fail(`${label}: an unexpected JSON file in the content folder`);
    } catch (e) {
      fail(`${label} does not parse after a kill: ${(e as Error).message}`);
    }
  }
  // What the app itself sees: a fresh store lists every document, none broken, strays or not.
  const { documents, broken } = await new FileDocumentStore(contentDir).list();
  for (const b of broken) fail(`the store reports ${b.slug} as broken: ${b.error}`);
  for (const slug of slugs) if (!documents.some((d) => d.slug === slug)) fail(`the store no longer lists ${slug}`);
  return strays;
}

/**
 * Compares every row on disk with what the server acknowledged. A row is either at its acknowledged revision
 * with its acknowledged text, or — when a save was in flight at the kill — one revision on with that save's
 * text. Afterwards the disk is the new baseline for the next round.
 */
async function checkRows(store: StoreUnderTest, slugs: string[], rows: Map<string, RowState>, figures: CycleFigures): Promise<void> {
  for (const slug of slugs) {
    let doc;
    try {
      doc = await store.read(slug);
    } catch (e) {
      fail(`documents/${slug}/document.json cannot be read after a kill: ${(e as Error).message}`);
      continue;
    }
    const onDisk = new Map(doc.rows.map((r) => [r.id, r]));
    for (const state of rows.values()) {
      if (state.slug !== slug) continue;
      const row = onDisk.get(state.id);
      if (!row) {
        fail(`${slug}/${state.id}: the row is gone (acknowledged at revision ${state.rev})`);
        continue;
      }
      const text = rowText(row);
      const asAcked = row.rev === state.rev && text === state.text;
      const asPending = state.pending !== null && row.rev === state.rev + 1 && text === state.pending.text;
      if (asAcked || asPending) {
        figures.verified += state.ackedSinceCheck;
        if (asPending) figures.landedUnacked++;
      } else if (row.rev < state.rev || (row.rev === state.rev && text !== state.text)) {
        fail(
          `${slug}/${state.id}: LOST an acknowledged save — the server answered 200 with revision ${state.rev} ` +
            `(${JSON.stringify(state.text.slice(0, 60))}), the disk has revision ${row.rev} (${JSON.stringify(text.slice(0, 60))})`,
        );
      } else {
        fail(
          `${slug}/${state.id}: the disk has revision ${row.rev} (${JSON.stringify(text.slice(0, 60))}), which no save made ` +
            `(acknowledged: ${state.rev}${state.pending ? `, in flight: ${JSON.stringify(state.pending.text.slice(0, 60))}` : ''})`,
        );
      }
      state.rev = row.rev;
      state.text = text;
      state.pending = null;
      state.ackedSinceCheck = 0;
    }
  }
}

/** Saves until `stopped()`: each worker picks a row with nothing in flight, half the time from the hot rows. */
async function saveUntilKilled(
  client: SaveClient,
  hot: RowState[],
  all: RowState[],
  cycle: number,
  stopped: () => boolean,
  figures: CycleFigures,
  onAck: () => void,
): Promise<void> {
  let seq = 0;
  const worker = async (w: number) => {
    while (!stopped()) {
      const pool = Math.random() < 0.5 ? hot : all;
      const free = pool.filter((r) => r.pending === null);
      const state = free[randomInt(0, free.length - 1)];
      if (!state) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const text = `Crash round ${cycle}, save ${++seq} by worker ${w}: the Kremlin talks went on into the evening.`;
      state.pending = { text };
      figures.sent++;
      let result;
      try {
        result = await client.save(state.slug, state.id, text, state.rev);
      } catch {
        // The connection died with the server: the save may or may not have landed; the check decides.
        return;
      }
      const row = savedRow(result);
      if (result.status === 200 && row && row.rev === state.rev + 1) {
        state.rev = row.rev;
        state.text = text;
        state.pending = null;
        state.ackedSinceCheck++;
        figures.acked++;
        onAck();
      } else {
        state.pending = null;
        fail(`${state.slug}/${state.id}: the save on revision ${state.rev} got ${result.status} ${result.text.slice(0, 200)}`);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w + 1)));
}

async function main(): Promise<void> {
  await ensureBuild(root, DIST_DIR, 'crash-test');
  const started = Date.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bilingual-crash-'));
  const contentDir = path.join(tmp, 'content');
  let server: NextServer | null = null;
  let store: StoreUnderTest | null = null;
  const guard = setTimeout(() => {
    console.error(`crash-test: FAILED — still running after ${STUCK_AFTER_MS / 1000} s; something hangs`);
    void (server?.kill('SIGKILL') ?? Promise.resolve())
      .then(() => store?.stop())
      .then(() => rm(tmp, { recursive: true, force: true }))
      .finally(() => process.exit(1));
  }, STUCK_AFTER_MS);
  try {
    // The seed content (a document with notes and a publication) and a generated 200-row document.
    await mkdir(contentDir, { recursive: true });
    await cp(path.join(root, 'content'), contentDir, { recursive: true });
    const bench = makeBenchDocument(ROWS, await loadSeedWords(root), new Date().toISOString());
    const files = new FileDocumentStore(contentDir);
    await files.create(bench);
    await files.close();
    const slugs = [bench.slug, SEED_SLUG];
    const user = await writeTestUser(path.join(tmp, 'users', 'users.json'), 'crash-editor', 'editor');
    store = await openStoreUnderTest(storeKindFromArgs(), contentDir, user.usersFile);
    console.log(`crash-test: on the ${store.kind === 'postgres' ? 'PostgreSQL' : 'file'} store`);
    const sessionSecret = randomBytes(32).toString('base64url');

    const rows = await loadRows(store, slugs);
    const all = [...rows.values()];
    const hot = [...all.filter((r) => r.slug === bench.slug).slice(0, HOT_ROWS), ...all.filter((r) => r.slug === SEED_SLUG).slice(0, 3)];
    const cycles: CycleFigures[] = [];

    for (let cycle = 1; cycle <= KILLS; cycle++) {
      const figures: CycleFigures = { startMs: 0, firstSaveMs: 0, killAfterMs: 0, sent: 0, acked: 0, inFlightAtKill: 0, landedUnacked: 0, verified: 0, strayTempFiles: 0 };
      server = await startNext({ root, port: PORT, distDir: DIST_DIR, contentDir, usersFile: user.usersFile, sessionSecret, env: store.env });
      figures.startMs = server.startMs;
      const client = new SaveClient(server.url, user.token, CONCURRENCY);
      let killed = false;
      const saveStart = performance.now();
      let firstAck: () => void = () => {};
      const answered = new Promise<boolean>((resolve) => {
        firstAck = () => resolve(true);
        setTimeout(() => resolve(false), FIRST_SAVE_WITHIN_MS).unref();
      });
      const saving = saveUntilKilled(client, hot, all, cycle, () => killed, figures, () => firstAck());
      if (await answered) {
        figures.firstSaveMs = Math.round(performance.now() - saveStart);
        figures.killAfterMs = randomInt(...KILL_AFTER_MS);
        await new Promise((r) => setTimeout(r, figures.killAfterMs));
      } else {
        fail(`round ${cycle}: no save was answered within ${FIRST_SAVE_WITHIN_MS / 1000} s:\n${server.log()}`);
      }
      await server.kill('SIGKILL');
      server = null;
      killed = true;
      await saving;
      // Saves whose answer never came: the check below accepts them either landed or not.
      figures.inFlightAtKill = all.filter((r) => r.pending !== null).length;
      client.close();

      figures.strayTempFiles = await checkContentFiles(contentDir, slugs, store);
      await checkRows(store, slugs, rows, figures);
      if (figures.verified !== figures.acked) {
        fail(`round ${cycle}: ${figures.acked} saves acknowledged, ${figures.verified} found on disk`);
      }
      cycles.push(figures);
      if (process.env.CRASH_VERBOSE) console.log(`round ${cycle}: start ${figures.startMs} ms, ${figures.acked} acknowledged, ${figures.verified} verified`);
      if (failures.length) break;
    }

    const sum = (key: keyof CycleFigures) => cycles.reduce((s, c) => s + c[key], 0);
    const seconds = (Date.now() - started) / 1000;
    const median = (key: keyof CycleFigures) => cycles.map((c) => c[key]).sort((a, b) => a - b)[cycles.length >> 1] ?? 0;
    console.log(
      formatTable(
        ['kills', 'saves sent', 'acknowledged', 'verified on disk', 'in flight at kill', 'landed unacknowledged', 'stray temp files', 'median start ms', 'median first save ms', 'time s'],
        [
          [
            cycles.length,
            sum('sent'),
            sum('acked'),
            sum('verified'),
            sum('inFlightAtKill'),
            sum('landedUnacked'),
            cycles.at(-1)?.strayTempFiles ?? 0,
            median('startMs'),
            median('firstSaveMs'),
            seconds.toFixed(1),
          ],
        ],
      ),
    );
    if (failures.length) {
      throw new Error(`${failures.length} problem(s) after ${cycles.length} kill(s); the first: ${failures[0]}`);
    }
    if (cycles.length < KILLS) throw new Error(`only ${cycles.length} of ${KILLS} rounds ran`);
    console.log(`crash-test: OK — ${sum('acked')} acknowledged saves, all on disk after ${cycles.length} kills with SIGKILL`);
  } finally {
    if (server) await server.kill('SIGKILL');
    await store?.stop();
    await rm(tmp, { recursive: true, force: true });
    clearTimeout(guard);
  }
}

main().catch((e: unknown) => {
  console.error(`crash-test: FAILED — ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
