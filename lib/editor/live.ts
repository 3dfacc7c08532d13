import type { ApiClient, LiveConnection } from '@/lib/client';
import { groupPresence, type DocumentEvent, type Note, type PresencePerson, type Row } from '@/lib/model';
import { RowListeners } from './row-listeners';

/** What became of someone else's row change here. */
export type RemoteRowOutcome = 'applied' | 'conflict' | 'ignored';

/** The parts of the editor session the live stream changes (see session.ts `remote` and the states). */
export interface LiveTarget {
  readonly slug: string;
  readonly userName: string;
  applyRow(row: Row): RemoteRowOutcome;
  applyNote(note: Note): void;
  removeNote(noteId: string): void;
  /** Applies a split or merge someone made; false when a row it touches has unsaved text here (reload needed). */
  applySplit(row: Row, newRow: Row): boolean;
  applyMerge(row: Row, removedId: string): boolean;
  /** Row ids in order, to tell whether a refetched document still has the same rows. */
  getOrder(): string[];
  isRowUnsaved(rowId: string): boolean;
  /** Reads every note again (after a reset: notes may have come and gone). */
  reloadNotes(): Promise<void>;
  hasRow(rowId: string): boolean;
  getActiveRowId(): string | null;
  subscribeActive(listener: () => void): () => void;
  /** Calls `fn` when the browser comes back online. */
  onOnline(fn: () => void): () => void;
  /** Calls `fn` when the browser goes offline. */
  onOffline(fn: () => void): () => void;
}

/** The stream's state as the header shows it. `stale`: rows were added or removed elsewhere; a reload shows them. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'closed' | 'stale';

/** Someone else's change on a row, shown briefly. */
export interface RowMark {
  by: string;
  at: number;
}

/** How long a row shows who changed it. */
export const MARK_MS = 4000;
/** Moving between rows tells the others after this pause (arrowing through rows sends one update). */
const PRESENCE_DELAY_MS = 250;

const NOBODY: readonly string[] = [];

function newClientId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

/**
 * The editor's live side, without React: it listens to the document's events (lib/client's EventSource stream),
 * applies other people's changes to the session (rows in place with a brief mark of who changed them, a conflict
 * at once on a row being edited, notes), keeps who is on the document and in which row, and tells the others
 * which row this page is in. After a network drop it catches up from the last event id; when that is too old,
 * it refetches the document and applies its rows by revision.
 */
export class LiveDocument {
  /** This page's id on the document's presence list. */
  readonly clientId = newClientId();
  private connection: LiveConnection | null = null;
  private state: LiveState = 'connecting';
  private grouped: { user: string; rowId: string | null }[] = [];
  private readonly rowPeople = new Map<string, readonly string[]>();
  private readonly marks = new Map<string, RowMark>();
  private readonly markTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private readonly rowListeners = new RowListeners();
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;
  private sentRow: string | null | undefined = undefined;
  private detach: (() => void) | null = null;
  private publishings = 0;
  private readonly publishListeners = new Set<() => void>();

  constructor(
    private readonly target: LiveTarget,
    private readonly api: Pick<ApiClient, 'openDocumentEvents' | 'setPresence' | 'getDocument'>,
    /** The id of the last event the page's data includes (read before the document was), or null. */
    private lastEventId: number | null,
  ) {}

  /** The stream's state. */
  getState = (): LiveState => this.state;
  /** The other people on the document (one entry a person), in the order they came. */
  getPeople = (): readonly { user: string; rowId: string | null }[] => this.grouped;
  /** Who else is in a row (names). */
  getRowPeople = (rowId: string): readonly string[] => this.rowPeople.get(rowId) ?? NOBODY;
  /** Who changed a row a moment ago, or null. */
  getRowMark = (rowId: string): RowMark | null => this.marks.get(rowId) ?? null;

  /** Subscribes to the state and the people. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * How many times the document was published or unpublished (by anyone) since the page opened, or its stream
   * missed events: the publishing line asks the server again when it moves.
   */
  getPublishings = (): number => this.publishings;

  /** Subscribes to publishing and unpublishing of the document. */
  subscribePublishing = (listener: () => void): (() => void) => {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  };

  private publishingChanged(): void {
    this.publishings += 1;
    this.publishListeners.forEach((l) => l());
  }

  /** Subscribes to one row's people and mark. */
  subscribeRow(rowId: string, listener: () => void): () => void {
    return this.rowListeners.add(rowId, listener);
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }

  private notifyRow(rowId: string): void {
    this.rowListeners.notify(rowId);
  }

  private setState(state: LiveState): void {
    if (this.state === state || (this.state === 'stale' && state !== 'closed')) return;
    this.state = state;
    this.notify();
  }

  /** Opens the stream; answers the stop function (the page's lifetime). */
  start(): () => void {
    if (this.connection) return () => this.stop();
    this.connection = this.api.openDocumentEvents(this.target.slug, { client: this.clientId, lastEventId: this.lastEventId }, {
      event: (event) => this.onEvent(event),
      ready: () => this.sendPresence(true),
      reset: () => {
        this.sendPresence(true);
        void this.refetch();
      },
      presence: (people) => this.setPeople(people),
      state: (state) => this.setState(state === 'open' ? 'live' : state === 'closed' ? 'closed' : this.state === 'connecting' ? 'connecting' : 'reconnecting'),
    });
    const offActive = this.target.subscribeActive(() => this.schedulePresence());
    const offOnline = this.target.onOnline(() => this.connection?.reconnect());
    const offOffline = this.target.onOffline(() => this.connection?.suspend());
    this.detach = () => {
      offActive();
      offOnline();
      offOffline();
    };
    return () => this.stop();
  }

  private stop(): void {
    if (this.connection) this.lastEventId = this.connection.lastEventId || this.lastEventId;
    this.connection?.close();
    this.connection = null;
    this.detach?.();
    this.detach = null;
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.presenceTimer = null;
    this.sentRow = undefined;
    for (const timer of this.markTimers.values()) clearTimeout(timer);
    this.markTimers.clear();
  }

  private schedulePresence(): void {
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.presenceTimer = setTimeout(() => this.sendPresence(false), PRESENCE_DELAY_MS);
  }

  /** Tells the others which row this page is in (again after a reconnect: the server forgot it). */
  private sendPresence(force: boolean): void {
    this.presenceTimer = null;
    const rowId = this.target.getActiveRowId();
    if (!force && rowId === this.sentRow) return;
    this.sentRow = rowId;
    this.api.setPresence(this.target.slug, { client: this.clientId, rowId }).catch(() => {
      // Presence is best effort; the next move or reconnect sends it again.
      this.sentRow = undefined;
    });
  }

  private setPeople(people: PresencePerson[]): void {
    // This person's other tabs are not someone else.
    const others = people.filter((p) => p.client !== this.clientId && p.user !== this.target.userName);
    this.grouped = groupPresence(others);
    const byRow = new Map<string, string[]>();
    for (const p of this.grouped) if (p.rowId) byRow.set(p.rowId, [...(byRow.get(p.rowId) ?? []), p.user]);
    const touched = new Set([...this.rowPeople.keys(), ...byRow.keys()]);
    for (const rowId of touched) {
      const before = this.rowPeople.get(rowId) ?? NOBODY;
      const after = byRow.get(rowId) ?? NOBODY;
      if (before.join('\n') === after.join('\n')) continue;
      if (after.length) this.rowPeople.set(rowId, after);
      else this.rowPeople.delete(rowId);
      this.notifyRow(rowId);
    }
    this.notify();
  }

  private mark(rowId: string, by: string | null): void {
    if (!by || by === this.target.userName) return;
    this.marks.set(rowId, { by, at: Date.now() });
    const old = this.markTimers.get(rowId);
    if (old) clearTimeout(old);
    this.markTimers.set(
      rowId,
      setTimeout(() => {
        this.markTimers.delete(rowId);
        this.marks.delete(rowId);
        this.notifyRow(rowId);
      }, MARK_MS),
    );
    this.notifyRow(rowId);
  }

  private applyRow(row: Row, by: string | null): void {
    // This page's own save, heard before its answer: the answer brings it.
    if (by === this.target.userName && this.target.isRowUnsaved(row.id)) return;
    if (this.target.applyRow(row) !== 'ignored') this.mark(row.id, by);
  }

  /** Applies one event of the document (exported for tests through the session). */
  onEvent(event: DocumentEvent): void {
    if ('notes' in event && event.notes) for (const note of event.notes) this.target.applyNote(note);
    switch (event.type) {
      case 'row-saved':
      case 'row-status':
        return this.applyRow(event.row, event.by);
      case 'rows-split':
        if (this.target.hasRow(event.newRow.id) || !this.target.hasRow(event.row.id)) return;
        if (!this.target.applySplit(event.row, event.newRow)) return this.setState('stale');
        this.mark(event.row.id, event.by);
        return;
      case 'rows-merged':
        if (!this.target.hasRow(event.removedId) || !this.target.hasRow(event.row.id)) return;
        if (!this.target.applyMerge(event.row, event.removedId)) return this.setState('stale');
        this.mark(event.row.id, event.by);
        return;
      case 'note-created':
      case 'note-edited':
      case 'note-replied':
      case 'note-resolved':
        return this.target.applyNote(event.note);
      case 'note-deleted':
        if (event.replyId && event.note) return this.target.applyNote(event.note);
        return this.target.removeNote(event.noteId);
      case 'document-published':
      case 'document-unpublished':
        return this.publishingChanged();
      case 'document-changed':
        return void this.refetch();
      default:
        return;
    }
  }

  /** Missed too much, or rows came and went: the document again, applied row by row by revision. */
  private async refetch(): Promise<void> {
    try {
      const doc = await this.api.getDocument(this.target.slug);
      const order = this.target.getOrder();
      if (order.length !== doc.rows.length || doc.rows.some((r, i) => r.id !== order[i])) return this.setState('stale');
      for (const row of doc.rows) this.applyRow(row, row.updatedBy ?? null);
      // A publishing may be among what was missed.
      this.publishingChanged();
      await this.target.reloadNotes();
    } catch {
      // The stream's next reset or reconnect tries again.
    }
  }
}
