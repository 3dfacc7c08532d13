import type { CreateNoteRequest, Note, NoteSide, Quote, TextPosition, UpdateNoteRequest } from '@/lib/model';
import type { MappedAnchor } from './notes-plugin';

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

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
  return body as T;
}

/**
 * The page's notes, grouped by row so a row re-renders only when its own notes change, with the column's
 * filter, the focused note and the note being written. Every change goes to the server first and is applied
 * here from the server's answer.
 */
export class NotesState {
  private byRow = new Map<string, readonly Note[]>();
  private readonly rowListeners = new Map<string, Set<Listener>>();
  private readonly listeners = new Set<Listener>();
  private filter: NotesFilter = 'all';
  private activeNoteId: string | null = null;
  private draft: NoteDraft | null = null;

  constructor(
    private readonly slug: string,
    notes: Note[],
    readonly me: string,
  ) {
    this.setAll(notes);
  }

  private get base(): string {
    return `/api/documents/${this.slug}/notes`;
  }

  private setAll(notes: Note[]): void {
    const before = this.byRow;
    const next = new Map<string, Note[]>();
    for (const n of notes) {
      const list = next.get(n.rowId);
      if (list) list.push(n);
      else next.set(n.rowId, [n]);
    }
    this.byRow = next;
    for (const id of new Set([...before.keys(), ...next.keys()])) {
      if (before.get(id) !== next.get(id)) this.notifyRow(id);
    }
  }

  private notifyRow(rowId: string): void {
    this.rowListeners.get(rowId)?.forEach((l) => l());
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
    let set = this.rowListeners.get(rowId);
    if (!set) this.rowListeners.set(rowId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
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
    this.notify();
  }

  /** True when the current filter shows `note`. */
  isShown(note: Note): boolean {
    switch (this.filter) {
      case 'open':
        return note.status === 'open';
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
    const note = await request<Note>(this.base, { method: 'POST', body: JSON.stringify({ ...draft, body, visibility }) });
    this.put(note);
    this.draft = null;
    this.activeNoteId = note.id;
    this.notify();
    return note;
  }

  async update(noteId: string, patch: UpdateNoteRequest): Promise<void> {
    this.put(await request<Note>(`${this.base}/${noteId}`, { method: 'PATCH', body: JSON.stringify(patch) }));
  }

  async reply(noteId: string, body: string): Promise<void> {
    const { note } = await request<{ note: Note }>(`${this.base}/${noteId}/replies`, { method: 'POST', body: JSON.stringify({ body }) });
    this.put(note);
  }

  async editReply(noteId: string, replyId: string, body: string): Promise<void> {
    this.put(await request<Note>(`${this.base}/${noteId}/replies/${replyId}`, { method: 'PATCH', body: JSON.stringify({ body }) }));
  }

  async remove(noteId: string, replyId?: string): Promise<void> {
    const url = replyId ? `${this.base}/${noteId}/replies/${replyId}` : `${this.base}/${noteId}`;
    const answer = await request<{ note?: Note }>(url, { method: 'DELETE' });
    if (answer.note) this.put(answer.note);
    else this.setAll(this.getAll().filter((n) => n.id !== noteId));
    if (this.activeNoteId === noteId && !replyId) this.setActive(null);
  }

  /** Reloads every note from the server (after a split or merge moved them between rows). */
  async reload(): Promise<void> {
    const { notes } = await request<{ notes: Note[] }>(this.base, { method: 'GET' });
    this.setAll(notes);
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
