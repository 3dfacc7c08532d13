import { z } from 'zod';
import {
  clearRowDraft,
  fillRowDraft,
  findMatches,
  getRepetitionKey,
  getRowSourceText,
  isTargetEmpty,
  isUntouchedFill,
  ModelError,
  rowIdSchema,
  targetFromText,
  type BilingualDocument,
  type DraftSource,
  type Row,
  type TargetDoc,
} from '@/lib/model';
import { getMtProvider, isMtError, MtError, segmentsToTarget, type CachedProvider } from '@/lib/mt';
import { getDocumentStore, getMemoryStore } from '@/lib/storage';
import { newRowId } from '@/lib/storage/ids';
import { now } from '@/lib/clock';
import { getGlossaryForEditor } from './glossary';
import { buildRowRequest } from './mt';

/**
 * Pre-translation: fills a document's untranslated rows with drafts, from the memory (the best match at or above
 * the threshold, so 100 % matches first) and then, where configured, from machine translation. Filled rows become
 * drafts recording where their text came from and the run (lib/model/draft-origin.ts), so a run is undone as one
 * step. The work runs in slices between which the event loop is free, reports its progress as it goes, stops when
 * cancelled, and writes the rows in batches (each one write of the document), never touching a row someone
 * changed meanwhile.
 */

/** The body of `POST /api/documents/:slug/pretranslate`; `{}` means the defaults. */
export const pretranslateOptionsSchema = z.strictObject({
  /** Fill from the memory (default true). */
  useMemory: z.boolean().optional(),
  /** The lowest memory score used, 0.5–1 (default 0.85). */
  minScore: z.number().min(0.5).max(1).optional(),
  /** Fill the rows the memory cannot from machine translation (default: when a provider is configured). */
  useMt: z.boolean().optional(),
  /** Only these rows (default: every row), each still untranslated to be filled. */
  rowIds: z.array(rowIdSchema).max(100_000).optional(),
});
export type PretranslateOptions = z.infer<typeof pretranslateOptionsSchema>;

export const DEFAULT_MIN_SCORE = 0.85;

/** Why a row was not filled: the provider's error, or the row changed while the run worked on it. */
export interface RowProblem {
  code: string;
  message: string;
  retryAfter?: number;
}

/** What a run reports, one JSON object a line. */
export type PretranslateEvent =
  | {
      type: 'start';
      runId: string;
      /** Untranslated rows the run will try to fill. */
      total: number;
      memory: { minScore: number } | null;
      mt: { provider: string; model: string | null } | null;
    }
  | { type: 'row'; rowId: string; outcome: 'filled'; row: Row }
  | { type: 'row'; rowId: string; outcome: 'failed' | 'skipped'; problem: RowProblem }
  | { type: 'progress'; done: number; total: number; filled: number; failed: number; skipped: number }
  | { type: 'done'; runId: string; cancelled: boolean; filled: number; failed: number; skipped: number; fromMemory: number; fromMt: number }
  | { type: 'error'; error: { code: string; message: string } };

/** A run in progress, as GET …/pretranslate reports it and DELETE cancels it. */
export interface ActiveRun {
  runId: string;
  slug: string;
  startedAt: string;
  by: string;
  total: number;
  done: number;
}

interface Running extends ActiveRun {
  controller: AbortController;
}

const registry = globalThis as unknown as { __pretranslateRuns?: Map<string, Running> };
function runs(): Map<string, Running> {
  registry.__pretranslateRuns ??= new Map();
  return registry.__pretranslateRuns;
}

/** Rows a run works on between two yields to the event loop, and rows it writes at once at most. */
const SLICE_ROWS = 25;
const WRITE_ROWS = 100;
const WRITE_EVERY_MS = 1000;
/** Rows translated by the provider at once. */
const MT_CONCURRENCY = 4;
/** A 429 asking to wait this long or less is waited out (once per row); longer, and the row fails with the message. */
const MAX_RETRY_WAIT_S = 30;
/** Failures in a row (timeouts, 5xx, network) after which the run stops asking the provider. */
const MAX_MT_FAILURES_IN_A_ROW = 3;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function problemOf(e: unknown): RowProblem {
  if (isMtError(e)) return { code: `mt-${e.code}`, message: e.message, ...(e.retryAfter !== undefined && { retryAfter: e.retryAfter }) };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** The run in progress on a document, if any. */
export function getActiveRun(slug: string): ActiveRun | null {
  const run = runs().get(slug);
  if (!run) return null;
  const { controller: _c, ...info } = run;
  return info;
}

/** Cancels a run in progress; false when that run is not running (finished, or never was). */
export function cancelPretranslation(slug: string, runId: string): boolean {
  const run = runs().get(slug);
  if (!run || run.runId !== runId) return false;
  run.controller.abort();
  return true;
}

interface Fill {
  rowId: string;
  baseRev: number;
  target: TargetDoc;
  source: DraftSource;
}

/**
 * Starts a run: checks the options against the document, the memory and the provider, registers the run (one per
 * document at a time: another is a conflict) and gives back its events. Nothing has changed when this throws.
 * The events are produced as they are read, so a client that stops reading (or `signal` aborting) stops the run;
 * the rows already written stay, and the run can be undone.
 */
export async function startPretranslation(
  slug: string,
  options: PretranslateOptions,
  user: string,
  signal?: AbortSignal,
): Promise<{ runId: string; events: AsyncGenerator<PretranslateEvent> }> {
  const store = getDocumentStore();
  const doc = await store.get(slug);
  const useMemory = options.useMemory ?? true;
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const provider = getMtProvider();
  if (options.useMt === true && !provider) {
    throw new ModelError('invalid', 'machine translation is not configured on this server: leave out useMt, or configure MT_PROVIDER');
  }
  const mt = options.useMt === false ? null : provider;
  if (!useMemory && !mt) throw new ModelError('invalid', 'nothing to pre-translate from: the memory is turned off and machine translation is not in use');
  if (options.rowIds) {
    const known = new Set(doc.rows.map((r) => r.id));
    const unknown = options.rowIds.find((id) => !known.has(id));
    if (unknown) throw new ModelError('invalid', `request body: rowIds: row "${unknown}" does not exist in ${slug}`);
  }
  const memory = useMemory ? await getMemoryStore().list() : [];
  const glossary = mt ? await getGlossaryForEditor() : [];
  const active = runs().get(slug);
  if (active) {
    throw new ModelError('conflict', `a pre-translation of this document is running (run ${active.runId}, started by ${active.by}); cancel it or wait for it to end`);
  }
  const wanted = options.rowIds && new Set(options.rowIds);
  const candidates = doc.rows.filter((r) => (!wanted || wanted.has(r.id)) && r.status === 'untranslated' && isTargetEmpty(r.target)).map((r) => r.id);
  const runId = newRowId();
  const controller = new AbortController();
  if (signal) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
  }
  const run: Running = { runId, slug, startedAt: now(), by: user, total: candidates.length, done: 0, controller };
  runs().set(slug, run);
  const events = runEvents({ doc, candidates, run, useMemory, minScore, memory, mt, glossary, user });
  return { runId, events };
}

interface RunState {
  doc: BilingualDocument;
  candidates: string[];
  run: Running;
  useMemory: boolean;
  minScore: number;
  memory: Awaited<ReturnType<ReturnType<typeof getMemoryStore>['list']>>;
  mt: CachedProvider | null;
  glossary: Awaited<ReturnType<typeof getGlossaryForEditor>>;
  user: string;
}

async function* runEvents(state: RunState): AsyncGenerator<PretranslateEvent> {
  const { doc, candidates, run, useMemory, minScore, memory, mt, glossary, user } = state;
  const signal = run.controller.signal;
  const indexOf = new Map(doc.rows.map((r, i) => [r.id, i]));
  let filled = 0;
  let failed = 0;
  let skipped = 0;
  let fromMemory = 0;
  let fromMt = 0;
  let mtStopped: RowProblem | null = null;
  let mtFailuresInARow = 0;
  let pending: Fill[] = [];
  let lastWrite = Date.now();
  // Rows of one text are translated once: the first one's draft fills the others of the run.
  const byText = new Map<string, { target: TargetDoc; source: DraftSource }>();

  const write = async function* (): AsyncGenerator<PretranslateEvent> {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    lastWrite = Date.now();
    const outcome = await getDocumentStore().update(doc.slug, (current) => {
      const rows = current.rows.slice();
      const at = new Map(rows.map((r, i) => [r.id, i]));
      const done: { rowId: string; row?: Row }[] = [];
      const stamp = now();
      for (const fill of batch) {
        const i = at.get(fill.rowId);
        const row = i === undefined ? undefined : rows[i];
        // Someone typed in the row, split or merged it while the run worked: their text wins.
        if (!row || row.rev !== fill.baseRev || !isTargetEmpty(row.target) || row.status !== 'untranslated') {
          done.push({ rowId: fill.rowId });
          continue;
        }
        // HISTORY: once rows keep their revisions, this fill is one (by the editor, reason "pre-translation", run id).
        rows[i!] = fillRowDraft(row, fill.target, fill.source, { now: stamp, user, runId: run.runId });
        done.push({ rowId: fill.rowId, row: rows[i!] });
      }
      return done.some((d) => d.row) ? { doc: { ...current, rows, updatedAt: stamp }, result: done } : { doc: current, result: done };
    });
    for (const d of outcome) {
      if (d.row) {
        filled++;
        if (d.row.origin?.kind === 'mt') fromMt++;
        else fromMemory++;
        yield { type: 'row', rowId: d.rowId, outcome: 'filled', row: d.row };
      } else {
        skipped++;
        yield { type: 'row', rowId: d.rowId, outcome: 'skipped', problem: { code: 'changed', message: 'the row changed while the pre-translation ran; it was left as it is' } };
      }
    }
  };

  const translate = async (rowId: string): Promise<{ rowId: string; fill?: Fill; problem?: RowProblem }> => {
    const row = doc.rows[indexOf.get(rowId)!]!;
    if (mtStopped) return { rowId, problem: mtStopped };
    for (let attempt = 0; ; attempt++) {
      try {
        const segments = await mt!.translate(buildRowRequest(doc, indexOf.get(rowId)!, glossary, mt!, signal));
        mtFailuresInARow = 0;
        return { rowId, fill: { rowId, baseRev: row.rev, target: segmentsToTarget(segments), source: { kind: 'mt', provider: mt!.name, ...(mt!.model && { model: mt!.model }) } } };
      } catch (e) {
        if (isMtError(e) && e.code === 'rate-limited' && attempt === 0 && (e.retryAfter ?? 1) <= MAX_RETRY_WAIT_S && !signal.aborted) {
          await sleep((e.retryAfter ?? 1) * 1000, signal);
          continue;
        }
        const problem = problemOf(e);
        if (isMtError(e) && e.code !== 'cancelled') {
          // A refused key or a used-up quota fails every row alike; so do repeated timeouts or outages.
          if (e.code === 'refused' || e.code === 'quota' || e.code === 'not-configured' || ++mtFailuresInARow >= MAX_MT_FAILURES_IN_A_ROW) {
            mtStopped = { ...problem, message: `machine translation stopped for this run: ${problem.message}` };
          }
        }
        return { rowId, problem };
      }
    }
  };

  try {
    yield {
      type: 'start',
      runId: run.runId,
      total: candidates.length,
      memory: useMemory ? { minScore } : null,
      mt: mt ? { provider: mt.name, model: mt.model } : null,
    };
    for (let start = 0; start < candidates.length && !signal.aborted; start += SLICE_ROWS) {
      const slice = candidates.slice(start, start + SLICE_ROWS);
      const needMt: string[] = [];
      let sliceStart = Date.now();
      for (const rowId of slice) {
        const row = doc.rows[indexOf.get(rowId)!]!;
        const key = getRepetitionKey(row);
        const earlier = key ? byText.get(key) : undefined;
        if (earlier) {
          pending.push({ rowId, baseRev: row.rev, ...earlier });
          continue;
        }
        if (useMemory) {
          const [best] = findMatches(getRowSourceText(row), memory, {
            min: minScore,
            limit: 1,
            sourceLang: doc.sourceLang,
            targetLang: doc.targetLang,
            self: { slug: doc.slug, rowId },
          });
          if (best) {
            const fill: Fill = { rowId, baseRev: row.rev, target: targetFromText(best.entry.target.split(/\n\s*\n/)), source: { kind: 'memory', score: best.score } };
            if (key) byText.set(key, { target: fill.target, source: fill.source });
            pending.push(fill);
            continue;
          }
        }
        if (mt) needMt.push(rowId);
        else {
          failed++;
          yield { type: 'row', rowId, outcome: 'failed', problem: { code: 'no-match', message: `no memory match of ${Math.round(minScore * 100)} % or more` } };
        }
        // Memory matching is work on this thread: let other requests in every few milliseconds.
        if (Date.now() - sliceStart > 15) {
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
      }
      run.done += slice.length - needMt.length;
      // The provider's requests, a few at a time (waiting on the network, not on this thread).
      for (let i = 0; i < needMt.length && !signal.aborted; i += MT_CONCURRENCY) {
        const results = await Promise.all(needMt.slice(i, i + MT_CONCURRENCY).map(translate));
        for (const r of results) {
          run.done++;
          if (r.fill) {
            const key = getRepetitionKey(doc.rows[indexOf.get(r.rowId)!]!);
            if (key) byText.set(key, { target: r.fill.target, source: r.fill.source });
            pending.push(r.fill);
          } else if (r.problem && r.problem.code !== 'mt-cancelled') {
            failed++;
            yield { type: 'row', rowId: r.rowId, outcome: 'failed', problem: r.problem };
          }
        }
        if (pending.length >= WRITE_ROWS || Date.now() - lastWrite >= WRITE_EVERY_MS) yield* write();
        yield { type: 'progress', done: Math.min(run.done, candidates.length), total: candidates.length, filled, failed, skipped };
      }
      if (pending.length >= WRITE_ROWS || Date.now() - lastWrite >= WRITE_EVERY_MS) yield* write();
      yield { type: 'progress', done: Math.min(run.done, candidates.length), total: candidates.length, filled, failed, skipped };
      await yieldToEventLoop();
    }
    // What was found before a cancel is written too: the run can be undone as a whole.
    yield* write();
    const cancelled = signal.aborted;
    yield { type: 'progress', done: Math.min(run.done, candidates.length), total: candidates.length, filled, failed, skipped };
    yield { type: 'done', runId: run.runId, cancelled, filled, failed, skipped, fromMemory, fromMt };
  } catch (e) {
    console.error(`pre-translation ${run.runId} of ${doc.slug} failed:`, e);
    const error = e instanceof ModelError ? { code: e.code, message: e.message } : { code: 'internal', message: 'the pre-translation stopped on a server error; the rows filled so far are kept' };
    yield { type: 'error', error };
  } finally {
    runs().delete(doc.slug);
  }
}

/** A past run as the rows remember it. */
export interface PastRun {
  runId: string;
  at: string;
  by: string | null;
  /** Rows still holding the run's draft, and of those the ones nobody changed since (what an undo reverts). */
  rows: number;
  untouched: number;
}

/** The runs whose drafts are in the document (newest first), and the one running now. */
export async function listPretranslations(slug: string): Promise<{ active: ActiveRun | null; runs: PastRun[] }> {
  const doc = await getDocumentStore().get(slug);
  const byRun = new Map<string, PastRun>();
  for (const row of doc.rows) {
    const runId = row.origin?.runId;
    if (!runId) continue;
    let run = byRun.get(runId);
    if (!run) byRun.set(runId, (run = { runId, at: row.origin!.at, by: row.origin!.by, rows: 0, untouched: 0 }));
    run.rows++;
    if (isUntouchedFill(row, runId)) run.untouched++;
    if (row.origin!.at < run.at) run.at = row.origin!.at;
  }
  return { active: getActiveRun(slug), runs: [...byRun.values()].sort((a, b) => b.at.localeCompare(a.at)) };
}

/**
 * Undoes a run as one step, in one write: every row it filled that nobody changed since goes back to untranslated;
 * rows edited, confirmed, split or merged since are kept and listed. A run still going must be cancelled first.
 */
export async function undoPretranslation(slug: string, runId: string, user: string): Promise<{ reverted: Row[]; kept: string[] }> {
  if (getActiveRun(slug)?.runId === runId) throw new ModelError('conflict', `run ${runId} is still running; cancel it first`);
  return getDocumentStore().update(slug, (doc) => {
    const stamp = now();
    const reverted: Row[] = [];
    const kept: string[] = [];
    const rows = doc.rows.map((row) => {
      if (row.origin?.runId !== runId) return row;
      if (!isUntouchedFill(row, runId)) {
        kept.push(row.id);
        return row;
      }
      // HISTORY: once rows keep their revisions, this is one (reason "pre-translation undone", run id).
      const cleared = clearRowDraft(row, { now: stamp, user });
      reverted.push(cleared);
      return cleared;
    });
    if (!reverted.length && !kept.length) throw new ModelError('not-found', `no row of ${slug} holds a draft of run ${runId}`);
    return { doc: reverted.length ? { ...doc, rows, updatedAt: stamp } : doc, result: { reverted, kept } };
  });
}

export { MtError };
