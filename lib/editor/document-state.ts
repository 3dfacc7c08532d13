import type { ApiError } from '@/lib/client';
import { countByStatus, isTargetEmpty, type BilingualDocument, type Row, type RowStatus, type TargetDoc } from '@/lib/model';
import type { MappedAnchor } from './notes-plugin';
import { RowListeners } from './row-listeners';
import { getRowNumber } from './row-numbers';

/** Rows are grouped this many to a wrapper with `contain: layout paint` (see TOOLCHAIN.md). */
export const CHUNK_SIZE = 100;
/**
 * Rows put into the page with the editor: about a screen around the row the page opens at (a `#row-` link) or
 * at the top (16 paragraphs of a report are two screens or more; shorter rows leave a placeholder in view, which
 * asks for its rows at once). The rest of its chunk and the other chunks follow in idle slices and as they come
 * near the viewport, so opening costs the same at 50 rows as at 20,000. Each row rendered cost the open about
 * 5 ms on the bench machine (30 rows: 1,072 ms to an editable row at 50 rows; 16: 990 ms).
 */
export const INITIAL_ROWS = 16;

/** The rows of a chunk that are in the page: `start` (inclusive) to `end` (exclusive), by position in the chunk. */
export interface ChunkWindow {
  start: number;
  end: number;
}

/** A chunk whose every row is in the page. */
export const FULL_CHUNK: ChunkWindow = Object.freeze({ start: 0, end: Number.POSITIVE_INFINITY });

/** A group of rows rendered in one contained wrapper; its key stays while rows come and go inside it. */
export interface Chunk {
  key: string;
  ids: readonly string[];
}

type Listener = () => void;

/**
 * The rows still on their way while a long document opens at the rows around its linked row (see
 * readOpening in lib/editor/row-blocks.ts): how many of the document's rows come before the first row here and after the last.
 * `complete` once every row is here; `error` when the rest could not be read (the page then asks for a reload).
 */
export interface RowsLoading {
  before: number;
  after: number;
  complete: boolean;
  error: ApiError | null;
}

const ALL_HERE: RowsLoading = Object.freeze({ before: 0, after: 0, complete: true, error: null });

/**
 * Where a change of a row's text came from. `editor`: typed (or pasted, undone, formatted) in the mounted row
 * editor, which shows it already. `replace`: find and replace. `restore`: an edit kept in the browser from an
 * earlier visit. `theirs` and `merge-by-hand`: answers to a conflict. `remote`: someone else's saved change,
 * which is on the server already and is not saved again.
 */
export type TextOrigin = 'editor' | 'replace' | 'restore' | 'theirs' | 'merge-by-hand' | 'remote';

/** One change of one row's text, as every part of the page learns of it. */
export interface TextChange {
  rowId: string;
  target: TargetDoc;
  /** The row as it was before the change. */
  previous: Row;
  origin: TextOrigin;
  /** Where the row's notes on the translation went with the change, when the row editor mapped them. */
  anchors?: MappedAnchor[];
}

/**
 * The page's one copy of the document: rows by id, their order in chunks, and the active row. React rows
 * subscribe to their own row only, so a change to one row re-renders one row, and a split or merge re-renders
 * one chunk.
 *
 * It is the one owner of each row's current text, saved or not: `getRow(id).target` is what the person sees.
 * `setText` is the only way that text changes (split and merge replace whole rows and are announced as a list
 * change), and its TextChange event is what the save queue, the browser's copy, the notes and the checks follow.
 * Text typed into the mounted editor re-renders nobody (the editor shows it already); any other change
 * re-renders its row. Answers from the server (`applySaved`) bring revision, status and authorship, never text.
 */
export class DocumentState {
  private readonly rows = new Map<string, Row>();
  private chunks: Chunk[];
  private chunkCounter = 0;
  private activeRowId: string | null = null;
  private readonly epochs = new Map<string, number>();
  private readonly renderedChunks = new Set<string>();
  /** Chunks with some of their rows in the page (a window around the rows asked for); full ones are in renderedChunks. */
  private readonly windows = new Map<string, ChunkWindow>();
  private readonly chunkListeners = new Set<Listener>();
  private readonly errors = new Map<string, ApiError>();
  private readonly textListeners = new Set<(change: TextChange) => void>();
  private readonly rowListeners = new RowListeners();
  private readonly listListeners = new Set<Listener>();
  private readonly activeListeners = new Set<Listener>();
  private readonly anyListeners = new Set<Listener>();
  private version = 0;
  private loading: RowsLoading;
  private readonly loadListeners = new Set<Listener>();

  /**
   * `openAt`: the row the page opens at (a `#row-<id>` link); its neighbours are the rows rendered first, else
   * the first rows of the document. `loading`: `doc.rows` is a run of the document's rows, with `before` rows
   * of it before them and `after` after them still to come (addRows, then finishLoading).
   */
  constructor(
    readonly doc: Pick<BilingualDocument, 'slug' | 'title' | 'sourceLang' | 'targetLang'> & { rows: Row[] },
    openAt?: string | null,
    loading?: { before: number; after: number },
  ) {
    for (const row of doc.rows) this.rows.set(row.id, row);
    this.chunks = this.makeChunks(doc.rows.map((r) => r.id));
    this.loading = loading ? { before: loading.before, after: loading.after, complete: false, error: null } : ALL_HERE;
    const first = this.chunks[0];
    if (!(openAt && this.rows.has(openAt) && this.showAround(openAt)) && first) this.setWindow(first, { start: 0, end: INITIAL_ROWS });
  }

  private makeChunks(ids: readonly string[]): Chunk[] {
    const chunks: Chunk[] = [];
    for (let i = 0; i < ids.length; i += CHUNK_SIZE) chunks.push({ key: `c${this.chunkCounter++}`, ids: ids.slice(i, i + CHUNK_SIZE) });
    return chunks;
  }

  /** The rows still on their way (the same object until it changes); every row is here once `complete`. */
  getLoading = (): RowsLoading => this.loading;

  /** Subscribes to rows arriving and to the last of them. */
  subscribeLoading = (listener: Listener): (() => void) => {
    this.loadListeners.add(listener);
    return () => this.loadListeners.delete(listener);
  };

  /**
   * Takes rows of the document that arrived after the page opened: the next ones after the last row here, or
   * (`before`) all of those before the first. They come as new chunks, out of the page until wanted like any.
   */
  addRows(arrived: readonly Row[], where: 'before' | 'after'): void {
    if (this.loading.complete) throw new Error('rows arrived after the document was complete');
    const fresh = arrived.filter((r) => !this.rows.has(r.id));
    for (const row of fresh) this.rows.set(row.id, row);
    const chunks = this.makeChunks(fresh.map((r) => r.id));
    this.chunks = where === 'after' ? [...this.chunks, ...chunks] : [...chunks, ...this.chunks];
    const { before, after } = this.loading;
    this.loading = where === 'after'
      ? { ...this.loading, after: Math.max(0, after - fresh.length) }
      : { ...this.loading, before: Math.max(0, before - fresh.length) };
    this.listListeners.forEach((l) => l());
    this.notifyAny();
    this.loadListeners.forEach((l) => l());
  }

  /** Every row is here (or, with an error, the rest could not be read). */
  finishLoading(error: ApiError | null = null): void {
    if (this.loading.complete) return;
    this.loading = error ? { ...this.loading, error } : ALL_HERE;
    this.loadListeners.forEach((l) => l());
  }

  /**
   * A row's 1-based number in the document (0 for a row not here): its place in the chunks, after the rows
   * still on their way before them.
   */
  getRowNumber = (id: string): number => {
    const n = getRowNumber(this.chunks, id);
    return n && n + this.loading.before;
  };

  /** The first row, in document order, that `test` accepts; null when none does. */
  findRowId(test: (row: Row) => boolean): string | null {
    for (const chunk of this.chunks) for (const id of chunk.ids) if (test(this.rows.get(id)!)) return id;
    return null;
  }

  /**
   * True once every row of a chunk is in the page. Rows far from the viewport stay placeholders of about their
   * height until they come near it or the page is idle: laying out thousands of rows of shaped Arabic is what
   * made a large document slow to open, and typing never depended on rows that are not there.
   */
  isChunkRendered = (key: string): boolean => this.renderedChunks.has(key);

  /** The rows of a chunk in the page (FULL_CHUNK when all are), or null when none is; the same object until it changes. */
  getChunkWindow = (key: string): ChunkWindow | null => (this.renderedChunks.has(key) ? FULL_CHUNK : (this.windows.get(key) ?? null));

  /** True while some row of some chunk is not in the page yet. */
  hasUnrendered(): boolean {
    return this.chunks.some((c) => !this.renderedChunks.has(c.key));
  }

  private setWindow(chunk: Chunk, window: ChunkWindow): void {
    const start = Math.max(0, window.start);
    const end = Math.min(chunk.ids.length, window.end);
    if (start === 0 && end >= chunk.ids.length) {
      this.windows.delete(chunk.key);
      this.renderedChunks.add(chunk.key);
    } else {
      this.windows.set(chunk.key, { start, end });
    }
  }

  /** Puts a row and about a screen of rows around it into the page; false when it is not in the document. */
  private showAround(id: string): boolean {
    const chunk = this.chunks.find((c) => c.ids.includes(id));
    if (!chunk) return false;
    if (this.renderedChunks.has(chunk.key)) return true;
    const at = chunk.ids.indexOf(id);
    const current = this.windows.get(chunk.key);
    const half = INITIAL_ROWS >> 1;
    if (current && current.start <= at && at < current.end) return true;
    const wanted = { start: at - half, end: at + half };
    // A window grows to take the row in: rows in the page stay there (one of them may be the one being edited).
    this.setWindow(chunk, current ? { start: Math.min(current.start, wanted.start), end: Math.max(current.end, wanted.end) } : wanted);
    return true;
  }

  /**
   * Puts `count` more rows of the first chunk not wholly in the page into it (one idle slice's worth): the rows
   * after a chunk's window first, then those before it, then chunks in document order. False when every row is in.
   */
  renderMore(count: number): boolean {
    const chunk = [...this.windows.keys()].map((key) => this.chunks.find((c) => c.key === key)).find((c) => c !== undefined)
      ?? this.chunks.find((c) => !this.renderedChunks.has(c.key));
    if (!chunk) return false;
    this.growChunk(chunk.key, count);
    return true;
  }

  /**
   * Adds `count` rows to a chunk's window, on the side given (both by default, after it first), or its first
   * rows when none of it is in the page.
   */
  growChunk(key: string, count: number, side: 'before' | 'after' | 'both' = 'both'): void {
    const chunk = this.chunks.find((c) => c.key === key);
    if (!chunk || this.renderedChunks.has(key)) return;
    const current = this.windows.get(key);
    if (!current) this.setWindow(chunk, side === 'before' ? { start: chunk.ids.length - count, end: chunk.ids.length } : { start: 0, end: count });
    else {
      let { start, end } = current;
      const after = side === 'before' ? 0 : Math.min(count, chunk.ids.length - end);
      end += after;
      start -= side === 'after' ? 0 : count - after;
      this.setWindow(chunk, { start, end });
    }
    this.chunkListeners.forEach((l) => l());
  }

  /** Subscribes to chunks being rendered. */
  subscribeChunks = (listener: Listener): (() => void) => {
    this.chunkListeners.add(listener);
    return () => this.chunkListeners.delete(listener);
  };

  /** Puts all of a chunk's rows into the page. */
  renderChunk(key: string): void {
    if (this.renderedChunks.has(key)) return;
    this.windows.delete(key);
    this.renderedChunks.add(key);
    this.chunkListeners.forEach((l) => l());
  }

  /**
   * Makes sure a row is in the page (before focusing or scrolling to it), with about a screen of rows around it;
   * false when it is not in the document.
   */
  ensureRendered(id: string): boolean {
    const before = this.getChunkWindowOf(id);
    if (!this.showAround(id)) return false;
    if (this.getChunkWindowOf(id) !== before) this.chunkListeners.forEach((l) => l());
    return true;
  }

  private getChunkWindowOf(id: string): ChunkWindow | null {
    const chunk = this.chunks.find((c) => c.ids.includes(id));
    return chunk ? this.getChunkWindow(chunk.key) : null;
  }

  /** The row with this id (undefined once it was merged away). */
  getRow = (id: string): Row | undefined => this.rows.get(id);

  /** The chunks, in document order. */
  getChunks = (): readonly Chunk[] => this.chunks;

  /** Row ids in document order. */
  getOrder(): string[] {
    return this.chunks.flatMap((c) => c.ids);
  }

  getActiveRowId = (): string | null => this.activeRowId;

  /** Subscribes to one row's changes (for useSyncExternalStore). */
  subscribeRow(id: string, listener: Listener): () => void {
    return this.rowListeners.add(id, listener);
  }

  /** Subscribes to changes of the row list (split, merge). */
  subscribeList = (listener: Listener): (() => void) => {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  };

  /** Subscribes to changes of the active row. */
  subscribeActive = (listener: Listener): (() => void) => {
    this.activeListeners.add(listener);
    return () => this.activeListeners.delete(listener);
  };

  /** Subscribes to any saved change of any row (statuses for the progress bar); not called per keystroke. */
  subscribeAny = (listener: Listener): (() => void) => {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  };

  /** A number that changes whenever subscribeAny listeners are told of a change. */
  getVersion = (): number => this.version;

  private rowsSnapshot: { version: number; rows: Row[] } | null = null;

  /**
   * Every row in order, the same array until the next saved change (a snapshot for useSyncExternalStore). What is
   * being typed is not in it: read a row with getRow before changing it.
   */
  getRows = (): Row[] => {
    if (this.rowsSnapshot?.version !== this.version) {
      this.rowsSnapshot = { version: this.version, rows: this.getOrder().map((id) => this.rows.get(id)!) };
    }
    return this.rowsSnapshot.rows;
  };

  private notifyRow(id: string): void {
    this.rowListeners.notify(id);
  }

  private notifyAny(): void {
    this.version += 1;
    this.anyListeners.forEach((l) => l());
  }

  /**
   * A counter per row that changes when the row's content was replaced from outside the editor (split, merge),
   * so the row's editor is mounted afresh rather than showing stale content.
   */
  getEpoch = (id: string): number => this.epochs.get(id) ?? 0;

  private bumpEpoch(id: string): void {
    this.epochs.set(id, this.getEpoch(id) + 1);
  }

  /** A failed action shown on a row (a split or merge the server refused), or null. */
  getRowError = (id: string): ApiError | null => this.errors.get(id) ?? null;

  /** Shows or clears a row's failed action. */
  setRowError(id: string, error: ApiError | null): void {
    if ((this.errors.get(id) ?? null) === error) return;
    if (error === null) this.errors.delete(id);
    else this.errors.set(id, error);
    this.notifyRow(id);
  }

  /** Makes a row the active one (or none). */
  setActive(id: string | null): void {
    if (id === this.activeRowId) return;
    if (id) this.ensureRendered(id);
    const previous = this.activeRowId;
    this.activeRowId = id;
    if (previous) this.notifyRow(previous);
    if (id) this.notifyRow(id);
    this.activeListeners.forEach((l) => l());
  }

  /** Subscribes to every change of a row's text, in the order they happen; called before rows re-render. */
  subscribeText = (listener: (change: TextChange) => void): (() => void) => {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  };

  /**
   * Changes a row's text: the one writer of it. Only the editor session calls this, for text typed in the row
   * editor or put there from outside (see TextOrigin).
   */
  setText(id: string, target: TargetDoc, change: { origin: TextOrigin; anchors?: MappedAnchor[] }): void {
    const previous = this.rows.get(id);
    if (!previous) return;
    this.rows.set(id, { ...previous, target });
    const event: TextChange = { rowId: id, target, previous, origin: change.origin, ...(change.anchors && { anchors: change.anchors }) };
    this.textListeners.forEach((l) => l(event));
    if (change.origin === 'editor') return;
    this.notifyRow(id);
    this.notifyAny();
  }

  /**
   * Takes the server's revision, status and authorship of a row (a save's answer, the other side of a conflict)
   * and keeps the row's text, whose owner this is: what was typed since the save was sent stays.
   */
  applySaved(saved: Row): void {
    const row = this.rows.get(saved.id);
    if (!row) return;
    this.rows.set(saved.id, { ...saved, target: row.target });
    this.notifyRow(saved.id);
    this.notifyAny();
  }

  private findChunk(id: string): { chunk: Chunk; index: number; at: number } {
    for (let index = 0; index < this.chunks.length; index++) {
      const chunk = this.chunks[index]!;
      const at = chunk.ids.indexOf(id);
      if (at >= 0) return { chunk, index, at };
    }
    throw new Error(`row ${id} is not on this page`);
  }

  /**
   * Replaces a chunk's ids after one row was inserted (`delta` 1) or removed (-1) at `at`: a window keeps the
   * same rows in the page.
   */
  private replaceChunk(index: number, ids: string[], at: number, delta: 1 | -1): void {
    const key = this.chunks[index]!.key;
    const window = this.windows.get(key);
    if (window) {
      // An inserted row next to the window joins it (the second half of a row split in the page).
      const inside = delta > 0 ? at <= window.end : at < window.end;
      this.windows.set(key, {
        start: at < window.start ? window.start + delta : window.start,
        end: inside ? Math.max(window.start, window.end + delta) : window.end,
      });
    }
    const chunks = this.chunks.slice();
    if (ids.length) chunks[index] = { key: chunks[index]!.key, ids };
    else chunks.splice(index, 1);
    this.chunks = chunks;
  }

  /** Applies a split the server made: the row becomes `first`, and `second` follows it in the same chunk. */
  applySplit(first: Row, second: Row): void {
    // The same split can arrive twice (this page's answer and its live event, in either order): once in the order.
    const known = this.rows.has(second.id);
    this.setNewer(first);
    this.setNewer(second);
    this.bumpEpoch(first.id);
    if (!known) {
      const { chunk, index, at } = this.findChunk(first.id);
      const ids = chunk.ids.slice();
      ids.splice(at + 1, 0, second.id);
      this.replaceChunk(index, ids, at + 1, 1);
    }
    this.notifyRow(first.id);
    this.listListeners.forEach((l) => l());
    this.notifyAny();
  }

  /** Keeps `row` unless this page already has a later revision of it (a late copy of the same change). */
  private setNewer(row: Row): void {
    const current = this.rows.get(row.id);
    if (!current || row.rev >= current.rev) this.rows.set(row.id, row);
  }

  /** Applies a merge the server made: `row` replaces itself, and `removedId` leaves the page. */
  applyMerge(row: Row, removedId: string): void {
    this.setNewer(row);
    this.bumpEpoch(row.id);
    // Already gone when this page's answer and the live event both bring the merge.
    if (this.rows.has(removedId)) {
      const { chunk, index, at } = this.findChunk(removedId);
      this.replaceChunk(index, chunk.ids.filter((_, i) => i !== at), at, -1);
      this.rows.delete(removedId);
    }
    if (this.activeRowId === removedId) this.activeRowId = null;
    this.notifyRow(row.id);
    this.listListeners.forEach((l) => l());
    this.notifyAny();
  }

  /** The id `delta` rows away from `id`, or null past either end. */
  getNeighbour(id: string, delta: -1 | 1): string | null {
    const order = this.getOrder();
    const i = order.indexOf(id);
    return order[i + delta] ?? null;
  }

  /** The first row after `id` (wrapping around) that still needs translating, or null when none does. */
  findNextUntranslated(id: string, needs: (status: RowStatus, empty: boolean) => boolean = defaultNeeds): string | null {
    const order = this.getOrder();
    const start = order.indexOf(id);
    for (let k = 1; k < order.length; k++) {
      const candidate = order[(start + k) % order.length]!;
      const row = this.rows.get(candidate)!;
      if (needs(row.status, isTargetEmpty(row.target))) return candidate;
    }
    return null;
  }

  private counts: { version: number; value: Record<RowStatus, number> } | null = null;

  /** Rows counted by status, for the header's progress; recounted only after a saved change (a stable snapshot). */
  getStatusCounts = (): Record<RowStatus, number> => {
    if (this.counts?.version !== this.version) {
      this.counts = { version: this.version, value: countByStatus([...this.rows.values()].map((r) => r.status)) };
    }
    return this.counts.value;
  };
}

/** Ctrl+Enter goes to the next row nobody has translated yet. */
function defaultNeeds(status: RowStatus): boolean {
  return status === 'untranslated';
}
