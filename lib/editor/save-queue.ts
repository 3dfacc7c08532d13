import type { Row, RowStatus, TargetDoc } from '@/lib/model';
import type { DocumentState } from './document-state';
import type { MappedAnchor } from './notes-plugin';
import { PendingStore } from './pending-store';

/** What one row's saving is doing now. */
export type RowSaveState = 'saved' | 'pending' | 'saving' | 'retrying' | 'offline' | 'conflict' | 'error';

/** The state shown in the page's save indicator: the most urgent of all rows'. */
export type SaveSummary = 'saved' | 'saving' | 'retrying' | 'offline' | 'conflict' | 'error';

export interface RowSaveInfo {
  state: RowSaveState;
  /** The server's version when a save met a newer one (409). */
  theirs?: Row;
  message?: string;
}

interface PendingEdit {
  target?: TargetDoc;
  /** Where the row's notes went with the edit; travels with the text. */
  anchors?: MappedAnchor[];
  status?: RowStatus;
  timer?: ReturnType<typeof setTimeout>;
  inFlight?: Promise<void>;
  attempt: number;
}

/** Quiet time after the last keystroke before a row is saved. */
export const SAVE_DELAY_MS = 600;
const MAX_RETRY_MS = 30_000;

const SAVED: RowSaveInfo = { state: 'saved' };

/**
 * Saves rows one at a time each, only the rows that changed, with the revision each edit was made on. A 409
 * keeps what was typed and records the server's version beside it; network failures retry with backoff and keep
 * the edit in the browser (PendingStore) until the server has it.
 */
export class SaveQueue {
  private readonly pending = new Map<string, PendingEdit>();
  private readonly info = new Map<string, RowSaveInfo>();
  private readonly listeners = new Set<() => void>();
  private readonly rowListeners = new Map<string, Set<() => void>>();
  private summary: SaveSummary = 'saved';
  /** Revisions to save on instead of the row's own, after "keep mine" answered a conflict. */
  private readonly baseRevs = new Map<string, number>();
  readonly local: PendingStore;

  constructor(
    private readonly slug: string,
    private readonly state: DocumentState,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    this.local = new PendingStore(slug);
  }

  /** The save state of one row. */
  getRowInfo = (id: string): RowSaveInfo => this.info.get(id) ?? SAVED;

  /** The page's save state. */
  getSummary = (): SaveSummary => this.summary;

  /** True while anything typed is not yet on the server. */
  hasUnsaved(): boolean {
    return this.pending.size > 0 || [...this.info.values()].some((i) => i.state !== 'saved');
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeRow(id: string, listener: () => void): () => void {
    let set = this.rowListeners.get(id);
    if (!set) this.rowListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private setInfo(id: string, info: RowSaveInfo): void {
    const before = this.info.get(id) ?? SAVED;
    if (before.state === info.state && before.theirs === info.theirs && before.message === info.message) return;
    if (info.state === 'saved') this.info.delete(id);
    else this.info.set(id, info);
    this.rowListeners.get(id)?.forEach((l) => l());
    this.updateSummary();
  }

  private updateSummary(): void {
    const states = new Set([...this.info.values()].map((i) => i.state));
    const next: SaveSummary = states.has('conflict')
      ? 'conflict'
      : states.has('error')
        ? 'error'
        : states.has('offline')
          ? 'offline'
          : states.has('retrying')
            ? 'retrying'
            : states.has('saving') || states.has('pending')
              ? 'saving'
              : 'saved';
    if (next === this.summary) return;
    this.summary = next;
    this.listeners.forEach((l) => l());
  }

  private entry(id: string): PendingEdit {
    let entry = this.pending.get(id);
    if (!entry) this.pending.set(id, (entry = { attempt: 0 }));
    return entry;
  }

  /** The translation of a row changed: save it after a pause. */
  edit(id: string, target: TargetDoc, anchors?: MappedAnchor[]): void {
    const entry = this.entry(id);
    entry.target = target;
    if (anchors?.length) entry.anchors = anchors;
    this.state.recordLocalTarget(id, target);
    const row = this.state.getRow(id);
    if (row) this.local.put(id, { target, baseRev: this.getBaseRev(id) ?? row.rev });
    if (this.getRowInfo(id).state === 'conflict') return;
    if (this.getRowInfo(id).state !== 'retrying' && this.getRowInfo(id).state !== 'offline') this.setInfo(id, { state: 'pending' });
    this.schedule(id, SAVE_DELAY_MS);
  }

  /** Sets a row's status now (saved together with any pending text). */
  setStatus(id: string, status: RowStatus): Promise<void> {
    this.entry(id).status = status;
    return this.flush(id);
  }

  /** The revision the next save of a row is based on, when it differs from the row's (after "keep mine"). */
  private getBaseRev(id: string): number | undefined {
    return this.baseRevs.get(id);
  }

  private schedule(id: string, delay: number): void {
    const entry = this.entry(id);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.flush(id);
    }, delay);
  }

  /** Sends a row's pending change now and resolves when the row is saved (or has failed for now). */
  async flush(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    if (entry.inFlight) {
      await entry.inFlight;
      return this.flush(id);
    }
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.getRowInfo(id).state === 'conflict') return;
    entry.inFlight = this.send(id, entry).finally(() => {
      entry.inFlight = undefined;
    });
    await entry.inFlight;
  }

  /** Sends every pending row (before a split or merge, when coming back online). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }

  private async send(id: string, entry: PendingEdit): Promise<void> {
    const row = this.state.getRow(id);
    if (!row) {
      this.pending.delete(id);
      this.local.remove(id);
      this.setInfo(id, SAVED);
      return;
    }
    const target = entry.target;
    const status = entry.status;
    const anchors = target ? entry.anchors : undefined;
    const baseRev = this.getBaseRev(id) ?? row.rev;
    entry.target = undefined;
    entry.status = undefined;
    if (target) entry.anchors = undefined;
    this.setInfo(id, { state: 'saving' });
    let response: Response;
    try {
      response = await this.fetchImpl(`/api/documents/${this.slug}/rows/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(target && { target }), ...(status && { status }), baseRev, ...(anchors?.length && { anchors }) }),
      });
    } catch {
      return this.retryLater(id, entry, target, status, anchors);
    }
    if (response.status >= 500) return this.retryLater(id, entry, target, status, anchors);
    const body = (await response.json().catch(() => null)) as
      | (Row & { error?: undefined })
      | { error: { code: string; message: string }; current?: Row }
      | null;
    if (response.ok && body && !body.error) {
      this.baseRevs.delete(id);
      entry.attempt = 0;
      const saved = body as Row;
      // What was typed while this save was in flight is newer than the server's copy: keep showing it.
      this.state.setRow(entry.target ? { ...saved, target: entry.target } : saved);
      if (entry.target === undefined && entry.status === undefined) {
        this.pending.delete(id);
        this.local.remove(id);
        this.setInfo(id, SAVED);
      } else {
        this.local.put(id, { target: entry.target ?? saved.target, baseRev: saved.rev });
        this.setInfo(id, { state: 'pending' });
        this.schedule(id, 0);
      }
      return;
    }
    entry.target ??= target;
    entry.status ??= status;
    entry.anchors ??= anchors;
    if (response.status === 409 && body?.error && 'current' in body && body.current) {
      this.setInfo(id, { state: 'conflict', theirs: body.current, message: body.error.message });
      return;
    }
    // A refused status change is not retried with the next edit; the text still is.
    entry.status = undefined;
    if (entry.target === undefined) this.pending.delete(id);
    const message = body?.error?.message ?? `the server answered ${response.status}`;
    this.setInfo(id, { state: 'error', message });
  }

  private retryLater(id: string, entry: PendingEdit, target?: TargetDoc, status?: RowStatus, anchors?: MappedAnchor[]): void {
    entry.anchors ??= anchors;
    entry.target ??= target;
    entry.status ??= status;
    entry.attempt += 1;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.setInfo(id, { state: offline ? 'offline' : 'retrying' });
    this.schedule(id, Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(entry.attempt - 1, 5)));
  }

  /** Conflict resolved by keeping what was typed: save it over the server's newer revision. */
  keepMine(id: string): Promise<void> {
    const theirs = this.getRowInfo(id).theirs;
    if (!theirs) return Promise.resolve();
    this.baseRevs.set(id, theirs.rev);
    this.setInfo(id, { state: 'pending' });
    return this.flush(id);
  }

  /** Conflict resolved by taking the server's version: the typed text is dropped from the queue. */
  takeTheirs(id: string): Row | undefined {
    const theirs = this.getRowInfo(id).theirs;
    if (!theirs) return undefined;
    this.pending.delete(id);
    this.baseRevs.delete(id);
    this.local.remove(id);
    this.state.setRow(theirs);
    this.setInfo(id, SAVED);
    return theirs;
  }

  /** Restores edits kept in the browser from an earlier visit, and queues them (or flags a conflict). */
  restore(): string[] {
    const restored: string[] = [];
    for (const [id, kept] of this.local.entries()) {
      const row = this.state.getRow(id);
      if (!row) {
        this.local.remove(id);
        continue;
      }
      if (JSON.stringify(kept.target) === JSON.stringify(row.target)) {
        this.local.remove(id);
        continue;
      }
      restored.push(id);
      const entry = this.entry(id);
      entry.target = kept.target;
      // Shown at once (the page rendered the server's text), so what is on screen is what will be saved.
      this.state.setRow({ ...row, target: kept.target });
      if (kept.baseRev === row.rev) {
        this.setInfo(id, { state: 'pending' });
        this.schedule(id, 0);
      } else {
        this.setInfo(id, { state: 'conflict', theirs: row, message: 'the row changed on the server since this edit was made' });
      }
    }
    return restored;
  }

  /** Stops timers with the page. */
  destroy(): void {
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
  }
}
