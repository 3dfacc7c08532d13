import { ApiError, toApiError, type ApiClient } from '@/lib/client';
import type { DraftHint, Row, RowStatus, TargetDoc } from '@/lib/model';
import type { DocumentState } from './document-state';
import type { MappedAnchor } from './notes-plugin';
import { PendingStore } from './pending-store';
import { RowListeners } from './row-listeners';

/** What one row's saving is doing now. */
export type RowSaveState = 'saved' | 'pending' | 'saving' | 'retrying' | 'offline' | 'conflict' | 'error';

/** The state shown in the page's save indicator: the most urgent of all rows'. */
export type SaveSummary = 'saved' | 'saving' | 'retrying' | 'offline' | 'conflict' | 'error';

export interface RowSaveInfo {
  state: RowSaveState;
  /** The server's version when a save met a newer one (409). */
  theirs?: Row;
  /** Why the row is in conflict, or why its last save was refused. */
  error?: ApiError;
}

/** What a row still has to send. The text itself is not here: it is read from the document state when sent. */
interface PendingSave {
  /** The row's text changed since it was last sent. */
  textChanged: boolean;
  /** Where the row's notes went with the text; travels with it. */
  anchors?: MappedAnchor[];
  status?: RowStatus;
  timer?: ReturnType<typeof setTimeout>;
  inFlight?: Promise<void>;
  attempt: number;
}

export interface SaveQueueOptions {
  /** Where unsaved edits are kept; the browser's localStorage by default. */
  storage?: () => Storage | null;
  /** False when the browser knows it is offline: a failed save then shows as offline rather than retrying. */
  isOnline?: () => boolean;
}

/** Quiet time after the last keystroke before a row is saved. */
export const SAVE_DELAY_MS = 600;
/** Retries wait 1 s, doubling up to this. */
export const MAX_RETRY_MS = 30_000;

const SAVED: RowSaveInfo = { state: 'saved' };

function browserIsOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * Saves rows one at a time each, only the rows that changed, with the revision each edit was made on. It learns
 * of edits from the document state's text changes (`textChanged`) and sends the row's text as it is when the
 * save goes out. A 409 keeps what was typed and records the server's version beside it; failures without an
 * answer, or with a 5xx, retry with backoff; until the server has an edit it is kept in the browser
 * (PendingStore), so a reload or a crash loses nothing.
 */
export class SaveQueue {
  private readonly pending = new Map<string, PendingSave>();
  private readonly info = new Map<string, RowSaveInfo>();
  private readonly listeners = new Set<() => void>();
  private readonly rowListeners = new RowListeners();
  private summary: SaveSummary = 'saved';
  /** Revisions to save on instead of the row's own, after "keep mine" answered a conflict. */
  private readonly baseRevs = new Map<string, number>();
  /** The revision a restored edit was made on, while it waits in conflict with a newer row. */
  private readonly keptBaseRevs = new Map<string, number>();
  private readonly local: PendingStore;
  private readonly isOnline: () => boolean;
  /** What filled an empty row (a memory match, a machine translation), told to the server with the row's next text. */
  private readonly draftHints = new Map<string, DraftHint>();

  constructor(
    private readonly slug: string,
    private readonly state: DocumentState,
    private readonly client: Pick<ApiClient, 'saveRow'>,
    options: SaveQueueOptions = {},
  ) {
    this.local = new PendingStore(slug, options.storage);
    this.isOnline = options.isOnline ?? browserIsOnline;
  }

  /** The save state of one row. */
  getRowInfo = (id: string): RowSaveInfo => this.info.get(id) ?? SAVED;

  /** The page's save state. */
  getSummary = (): SaveSummary => this.summary;

  /** True while anything typed is not yet on the server. */
  hasUnsaved(): boolean {
    return this.pending.size > 0 || [...this.info.values()].some((i) => i.state !== 'saved');
  }

  /** True while a row has something not yet on the server (or is in conflict or error). */
  isRowUnsaved(id: string): boolean {
    return this.pending.has(id) || this.getRowInfo(id).state !== 'saved';
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeRow(id: string, listener: () => void): () => void {
    return this.rowListeners.add(id, listener);
  }

  private setInfo(id: string, info: RowSaveInfo): void {
    const before = this.info.get(id) ?? SAVED;
    if (before.state === info.state && before.theirs === info.theirs && before.error === info.error) return;
    if (info.state === 'saved') this.info.delete(id);
    else this.info.set(id, info);
    this.rowListeners.notify(id);
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

  private entry(id: string): PendingSave {
    let entry = this.pending.get(id);
    if (!entry) this.pending.set(id, (entry = { textChanged: false, attempt: 0 }));
    return entry;
  }

  /** Keeps the row's current text in the browser, with the revision it was made on, until the server has it. */
  private keep(id: string): void {
    const row = this.state.getRow(id);
    if (row) this.local.put(id, { target: row.target, baseRev: this.keptBaseRevs.get(id) ?? this.baseRevs.get(id) ?? row.rev });
  }

  /** A row's text changed (the document state's text change): save it after a pause. */
  textChanged(id: string, anchors?: MappedAnchor[]): void {
    const entry = this.entry(id);
    entry.textChanged = true;
    if (anchors?.length) entry.anchors = anchors;
    this.keep(id);
    const state = this.getRowInfo(id).state;
    if (state === 'conflict') return;
    if (state !== 'retrying' && state !== 'offline') this.setInfo(id, { state: 'pending' });
    this.schedule(id, SAVE_DELAY_MS);
  }

  /**
   * Says what filled a row that was empty (null: forget it, the row was emptied again); it travels with the row's
   * next text save, where the server records it as the origin of the row's first draft.
   */
  hintDraft(id: string, hint: DraftHint | null): void {
    if (hint) this.draftHints.set(id, hint);
    else this.draftHints.delete(id);
  }

  /** Sets a row's status now (saved together with any pending text). */
  setStatus(id: string, status: RowStatus): Promise<void> {
    this.entry(id).status = status;
    return this.flush(id);
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

  /** Sends every pending row (before a split or merge, publishing, an import; when coming back online). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }

  private async send(id: string, entry: PendingSave): Promise<void> {
    const row = this.state.getRow(id);
    if (!row) {
      this.drop(id);
      this.setInfo(id, SAVED);
      return;
    }
    const target = entry.textChanged ? row.target : undefined;
    const status = entry.status;
    const anchors = target ? entry.anchors : undefined;
    const baseRev = this.baseRevs.get(id) ?? row.rev;
    const origin = target ? this.draftHints.get(id) : undefined;
    entry.textChanged = false;
    entry.status = undefined;
    if (target) entry.anchors = undefined;
    this.setInfo(id, { state: 'saving' });
    let saved: Row;
    try {
      saved = await this.client.saveRow(this.slug, id, {
        ...(target && { target }),
        ...(status && { status }),
        baseRev,
        ...(anchors?.length && { anchors }),
        ...(origin && { origin }),
      });
    } catch (e) {
      const error = toApiError(e);
      // What was not sent is sent again; whatever changed meanwhile is newer and wins.
      if (target) entry.textChanged = true;
      entry.status ??= status;
      entry.anchors ??= anchors;
      // Someone else's save reached this page while this one was out: their conflict stands, and the next try
      // waits for the person's choice (retrying would hide the conflict behind "retrying").
      if (this.getRowInfo(id).state === 'conflict') return;
      if (error.isTransient) return this.retryLater(id, entry);
      if (error.status === 409 && error.current) {
        this.setInfo(id, { state: 'conflict', theirs: error.current, error });
        return;
      }
      // A refused status change is not retried with the next edit; the text still is.
      entry.status = undefined;
      if (!entry.textChanged) this.pending.delete(id);
      this.setInfo(id, { state: 'error', error });
      return;
    }
    this.baseRevs.delete(id);
    if (origin && this.draftHints.get(id) === origin) this.draftHints.delete(id);
    entry.attempt = 0;
    // The answer brings the revision; the text typed while the save was in flight stays (the document state owns it).
    this.state.applySaved(saved);
    if (!entry.textChanged && entry.status === undefined) {
      this.pending.delete(id);
      this.local.remove(id);
      this.setInfo(id, SAVED);
    } else {
      this.keep(id);
      this.setInfo(id, { state: 'pending' });
      this.schedule(id, 0);
    }
  }

  private retryLater(id: string, entry: PendingSave): void {
    entry.attempt += 1;
    this.setInfo(id, { state: this.isOnline() ? 'retrying' : 'offline' });
    this.schedule(id, Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(entry.attempt - 1, 5)));
  }

  private drop(id: string): void {
    const entry = this.pending.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(id);
    this.baseRevs.delete(id);
    this.keptBaseRevs.delete(id);
    this.local.remove(id);
  }

  /** Conflict resolved by keeping what was typed: save it over the server's newer revision. */
  keepMine(id: string): Promise<void> {
    const theirs = this.getRowInfo(id).theirs;
    if (!theirs) return Promise.resolve();
    this.baseRevs.set(id, theirs.rev);
    this.keptBaseRevs.delete(id);
    // A conflict raised before anything was sent (someone else saved the row being edited): mine is its text.
    if (!this.pending.has(id)) this.entry(id).textChanged = true;
    this.setInfo(id, { state: 'pending' });
    return this.flush(id);
  }

  /**
   * Conflict resolved by taking the server's version: the typed text leaves the queue and the browser. Answers
   * their row, for the caller to show.
   */
  takeTheirs(id: string): Row | undefined {
    const theirs = this.getRowInfo(id).theirs;
    if (!theirs) return undefined;
    this.drop(id);
    this.setInfo(id, SAVED);
    return theirs;
  }

  /** Someone else saved a row that has unsaved text here: a conflict at once, before this page's save meets it. */
  conflictWith(id: string, theirs: Row): void {
    this.setInfo(id, { state: 'conflict', theirs, error: new ApiError(409, 'conflict', `row "${id}" was changed by someone else (now at revision ${theirs.rev})`) });
  }

  /**
   * Restores edits kept in the browser from an earlier visit: each goes into its row through `write` (the
   * session's one way to change a row's text) and is saved, or waits as a conflict when the row moved on since.
   */
  restore(write: (id: string, target: TargetDoc) => void): string[] {
    const restored: string[] = [];
    for (const [id, kept] of this.local.entries()) {
      const row = this.state.getRow(id);
      if (!row || JSON.stringify(kept.target) === JSON.stringify(row.target)) {
        this.local.remove(id);
        continue;
      }
      restored.push(id);
      const conflict = kept.baseRev !== row.rev;
      if (conflict) {
        this.keptBaseRevs.set(id, kept.baseRev);
        this.setInfo(id, {
          state: 'conflict',
          theirs: row,
          error: new ApiError(409, 'conflict', 'the row changed on the server since this edit was made'),
        });
      }
      // Shown at once (the page rendered the server's text), so what is on screen is what will be saved.
      write(id, kept.target);
      if (!conflict) {
        this.setInfo(id, { state: 'pending' });
        this.schedule(id, 0);
      }
    }
    return restored;
  }

  /** Stops timers with the page; what is unsaved stays in the browser. */
  pause(): void {
    for (const entry of this.pending.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
    }
  }

  /** Sends again what a pause left waiting. */
  resume(): void {
    for (const [id, entry] of this.pending) {
      if (!entry.timer && !entry.inFlight && this.getRowInfo(id).state !== 'conflict') this.schedule(id, 0);
    }
  }
}
