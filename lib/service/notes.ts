import {
  addReply,
  createNote,
  deleteNote,
  reanchorNotes,
  updateNote,
  updateReply,
  type CreateNoteRequest,
  type Note,
  type Reply,
  type UpdateNoteRequest,
} from '@/lib/model';
import type { RequestUser } from '@/lib/auth/current-user';
import { getDocumentStore } from '@/lib/storage';
import { newRowId } from '@/lib/storage/ids';
import { now } from '@/lib/clock';

function context(user: RequestUser) {
  return { now: now(), user: user.name, role: user.role, newId: newRowId };
}

/** A change of notes by this person, now; `rows`: the rows the change reads. */
function meta(user: RequestUser, rows?: readonly string[]) {
  return { kind: 'notes' as const, now: now(), user: user.name, ...(rows && { rows }) };
}

/**
 * The document's notes, re-anchored against its current text: a note whose position no longer holds its quote
 * (the file was edited by hand, or by a tool that did not map anchors) is found again by the quote or detached.
 */
export async function listNotes(slug: string): Promise<Note[]> {
  const store = getDocumentStore();
  const [doc, notes] = await Promise.all([store.get(slug), store.getNotes(slug)]);
  const anchored = reanchorNotes(notes, doc);
  if (anchored === notes) return notes;
  const rows = [...new Set(notes.map((n) => n.rowId))];
  return store.transactNotes(
    slug,
    (state) => {
      // Only the noted rows are in state.doc: notes of rows that are gone must stay as they are (detached).
      const present = new Set(state.doc.rows.map((r) => r.id));
      const fresh = reanchorNotes(state.notes, { ...state.doc, rows: doc.rows.filter((r) => !present.has(r.id)).concat(state.doc.rows) });
      return { notes: fresh, result: fresh };
    },
    { kind: 'other', now: now(), user: null, rows },
  );
}

/** Adds a note to a row. */
export function addNote(slug: string, request: CreateNoteRequest, user: RequestUser): Promise<Note> {
  return getDocumentStore().transactNotes(
    slug,
    ({ doc, notes }) => {
      const note = createNote(doc, notes, request, context(user));
      return { notes: [...notes, note], result: note };
    },
    meta(user, [request.rowId]),
  );
}

/** Edits, resolves or reopens a note. */
export function changeNote(slug: string, noteId: string, request: UpdateNoteRequest, user: RequestUser): Promise<Note> {
  return getDocumentStore().transactNotes(
    slug,
    ({ notes }) => {
      const out = updateNote(notes, noteId, request, context(user));
      return { notes: out.notes, result: out.note };
    },
    meta(user),
  );
}

/** Replies to a note. */
export function replyToNote(slug: string, noteId: string, body: string, user: RequestUser): Promise<{ note: Note; reply: Reply }> {
  return getDocumentStore().transactNotes(
    slug,
    ({ notes }) => {
      const out = addReply(notes, noteId, body, context(user));
      return { notes: out.notes, result: { note: out.note, reply: out.reply } };
    },
    meta(user),
  );
}

/** Edits a reply. */
export function changeReply(slug: string, noteId: string, replyId: string, body: string, user: RequestUser): Promise<Note> {
  return getDocumentStore().transactNotes(
    slug,
    ({ notes }) => {
      const out = updateReply(notes, noteId, replyId, body, context(user));
      return { notes: out.notes, result: out.note };
    },
    meta(user),
  );
}

/** Deletes a note or one of its replies. */
export function removeNote(slug: string, noteId: string, user: RequestUser, replyId?: string): Promise<void> {
  return getDocumentStore().transactNotes(slug, ({ notes }) => ({ notes: deleteNote(notes, noteId, context(user), replyId).notes, result: undefined }), meta(user));
}
