import type { ApiClient } from '@/lib/client';
import type { CreateNoteRequest, Note, NoteSide, Quote, TextPosition, UpdateNoteRequest } from '@/lib/model';
import type { MappedAnchor } from './notes-plugin';
import { RowListeners } from './row-listeners';

/** Which notes the notes column shows. */
export type NotesFilter = 'all' | 'open' | 'resolved' | 'mine';

/** A note being written: where it will point. */
export interface NoteDraft {
  rowId: string;
  side: NoteSide;
  quote?: Quote;
  position?: TextPosition;
}

type Listener = () => void;
const NONE: readonly Note[] = [];

/** The calls the notes make. */
export type NotesClient = Pick<ApiClient, 'listNotes' | 'createNote' | 'updateNote' | 'deleteNote' | 'replyToNote' | 'editReply' | 'deleteReply'>;

/**
 * The page's notes, grouped by row so a row re-renders only when its own notes change, with the column's
 * filter, the focused note and the note being written. Every change goes to the server first and is applied
 * here from the server's answer; a refused one throws the client's ApiError and changes nothing here.
 */
export class NotesState {
  private byRow = new Map<string, readonly Note[]>();
  private readonly rowListeners = new RowListeners();
  private readonly listeners = new Set<Listener>();
  // Open notes first: resolved ones are done with, and shown only when asked for.
  private filter: NotesFilter = 'open';
  /** Notes resolved on this page since the filter was last chosen: they stay in view, so Reopen is at hand. */
  private keptInView = new Set<string>();
  private activeNoteId: string | null = null;
  private draft: NoteDraft | null = null;

  constructor(
    private readonly slug: string,
    notes: Note[],
    readonly me: string,
    private readonly client: NotesClient,
  ) {
    this.setAll(notes);
  }

  private setAll(notes: Note[]): void {
    const before = this.byRow;
    const next = new Map<string, Note[]>();
    for (const n of notes) {
      const list = next.get(n.rowId);
      if (list) list.push(n);
      else next.set(n.rowId, [n]);
    }
    // A row whose notes are the same objects keeps its array, so it is not told and does not re-render.
    for (const [id, list] of next) {
      const old = before.get(id);
      if (old && old.length === list.length && old.every((n, i) => n === list[i])) next.set(id, old as Note[]);
    }
    this.byRow = next;
    for (const id of new Set([...before.keys(), ...next.keys()])) {
      if (before.get(id) !== next.get(id)) this.notifyRow(id);
    }
  }

  private notifyRow(rowId: string): void {
    this.rowListeners.notify(rowId);
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }

  private put(note: Note): void {
    const all = this.getAll().filter((n) => n.id !== note.id);
    const index = this.getAll().findIndex((n) => n.id === note.id);
    all.splice(index < 0 ? all.length : index, 0, note);
    this.setAll(all);
  }

  /** Every note, in file order. */
  getAll(): Note[] {
    return [...this.byRow.values()].flat();
  }

  getRowNotes = (rowId: string): readonly Note[] => this.byRow.get(rowId) ?? NONE;

  subscribeRow(rowId: string, listener: Listener): () => void {
    return this.rowListeners.add(rowId, listener);
  }

  /** Subscribes to the filter, the focused note and the draft. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getFilter = (): NotesFilter => this.filter;
  getActiveNoteId = (): string | null => this.activeNoteId;
  getDraft = (): NoteDraft | null => this.draft;

  setFilter(filter: NotesFilter): void {
    this.filter = filter;
    this.keptInView.clear();
    this.notify();
  }

  /** True when the current filter shows `note`. */
  isShown(note: Note): boolean {
    switch (this.filter) {
      case 'open':
        return note.status === 'open' || this.keptInView.has(note.id);
      case 'resolved':
        return note.status === 'resolved';
      case 'mine':
        return note.author === this.me || note.replies.some((r) => r.author === this.me);
      default:
        return true;
    }
  }

  setActive(noteId: string | null): void {
    if (noteId === this.activeNoteId) return;
    this.activeNoteId = noteId;
    this.notify();
  }

  openDraft(draft: NoteDraft): void {
    this.draft = draft;
    this.notify();
  }

  closeDraft(): void {
    this.draft = null;
    this.notify();
  }

  /** Creates the note being drafted. */
  async create(body: string, visibility: CreateNoteRequest['visibility']): Promise<Note> {
    const draft = this.draft;
    if (!draft) throw new Error('no note is being written');
    const note = await this.client.createNote(this.slug, { ...draft, body, ...(visibility && { visibility }) });
    this.put(note);
    this.draft = null;
    this.activeNoteId = note.id;
    this.notify();
    return note;
  }

  async update(noteId: string, patch: UpdateNoteRequest): Promise<void> {
    const note = await this.client.updateNote(this.slug, noteId, patch);
    if (patch.status === 'resolved') this.keptInView.add(noteId);
    this.put(note);
  }

  async reply(noteId: string, body: string): Promise<void> {
    const { note } = await this.client.replyToNote(this.slug, noteId, body);
    this.put(note);
  }

  async editReply(noteId: string, replyId: string, body: string): Promise<void> {
    this.put(await this.client.editReply(this.slug, noteId, replyId, body));
  }

  /** Deletes a note with its thread, or one reply of it. */
  async remove(noteId: string, replyId?: string): Promise<void> {
    if (replyId) {
      await this.client.deleteReply(this.slug, noteId, replyId);
      const note = this.getAll().find((n) => n.id === noteId);
      if (note) this.put({ ...note, replies: note.replies.filter((r) => r.id !== replyId) });
      return;
    }
    await this.client.deleteNote(this.slug, noteId);
    this.drop(noteId);
  }

  /** Reloads every note from the server (after a split or merge moved them between rows). */
  async reload(): Promise<void> {
    this.setAll(await this.client.listNotes(this.slug));
  }

  /** A note as someone else saved it (added or changed), from the document's live events. */
  applyRemote(note: Note): void {
    // A note resolved by someone else while it is in view stays there, greyed, as one resolved here does: it
    // does not vanish from under the reader's eyes.
    const shown = this.getAll().find((n) => n.id === note.id);
    if (note.status === 'resolved' && shown?.status === 'open') this.keptInView.add(note.id);
    this.put(note);
  }

  /** A note someone else deleted, from the document's live events. */
  removeRemote(noteId: string): void {
    this.drop(noteId);
  }

  private drop(noteId: string): void {
    this.setAll(this.getAll().filter((n) => n.id !== noteId));
    if (this.activeNoteId === noteId) this.setActive(null);
  }

  /**
   * Moves a row's translation notes to where the editor mapped them, so highlights follow the text at once;
   * the server does the same when the row is saved.
   */
  applyMapped(rowId: string, anchors: MappedAnchor[]): void {
    const notes = this.byRow.get(rowId);
    if (!notes || !anchors.length) return;
    const byId = new Map(anchors.map((a) => [a.noteId, a]));
    let changed = false;
    const next = notes.map((n) => {
      const a = byId.get(n.id);
      if (!a || n.side !== 'target') return n;
      if (a.detached) {
        if (n.detached) return n;
        changed = true;
        return { ...n, detached: true };
      }
      if (a.start === n.position?.start && a.end === n.position?.end) return n;
      changed = true;
      return { ...n, position: { start: a.start!, end: a.end! } };
    });
    if (!changed) return;
    this.byRow.set(rowId, next);
    this.notifyRow(rowId);
  }
}
