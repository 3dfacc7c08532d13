import { locateQuote, makeQuote } from './anchoring';
import { ModelError } from './errors';
import type { CreateNoteRequest, Note, Reply, TextPosition, UpdateNoteRequest } from './notes';
import { getSideText } from './note-sides';
import { can, type Role } from './roles';
import type { BilingualDocument } from './schema';

/** Who acts, when, and how new ids are made. */
export interface NoteContext {
  now: string;
  user: string;
  role: Role;
  newId: () => string;
}

/**
 * A new note, validated against the document: the row must exist, a quote must be on that side of it (its
 * position is found or checked), a position alone is turned into a quote.
 */
export function createNote(doc: BilingualDocument, notes: Note[], request: CreateNoteRequest, ctx: NoteContext): Note {
  const row = doc.rows.find((r) => r.id === request.rowId);
  if (!row) throw new ModelError('invalid', `row "${request.rowId}" does not exist in "${doc.slug}"`);
  const text = getSideText(row, request.side);
  let position: TextPosition | undefined;
  if (request.quote) {
    position = locateQuote(text, request.quote, request.position) ?? undefined;
    if (!position) throw new ModelError('invalid', `the quote is not in the ${request.side} of row "${row.id}"`);
  } else if (request.position) {
    if (request.position.end > text.length) {
      throw new ModelError('invalid', `position ends at ${request.position.end}, past the ${request.side}'s ${text.length} characters`);
    }
    position = request.position;
  }
  let id = ctx.newId();
  while (notes.some((n) => n.id === id)) id = ctx.newId();
  return {
    id,
    rowId: row.id,
    side: request.side,
    ...(position && { quote: makeQuote(text, position), position }),
    detached: false,
    body: request.body,
    author: ctx.user,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    status: 'open',
    visibility: request.visibility ?? 'internal',
    replies: [],
  };
}

function findNote(notes: Note[], noteId: string): Note {
  const note = notes.find((n) => n.id === noteId);
  if (!note) throw new ModelError('not-found', `note "${noteId}" does not exist`);
  return note;
}

function replace(notes: Note[], next: Note): Note[] {
  return notes.map((n) => (n.id === next.id ? next : n));
}

/**
 * Edits a note: its body and visibility by its author only; resolving and reopening by anyone who may comment.
 */
export function updateNote(notes: Note[], noteId: string, request: UpdateNoteRequest, ctx: NoteContext): { notes: Note[]; note: Note } {
  const note = findNote(notes, noteId);
  if ((request.body !== undefined || request.visibility !== undefined) && note.author !== ctx.user) {
    throw new ModelError('forbidden', 'only the author of a note can change its text or visibility');
  }
  const next: Note = { ...note, updatedAt: ctx.now };
  if (request.body !== undefined) next.body = request.body;
  if (request.visibility !== undefined) next.visibility = request.visibility;
  if (request.status !== undefined && request.status !== note.status) {
    next.status = request.status;
    if (request.status === 'resolved') {
      next.resolvedBy = ctx.user;
      next.resolvedAt = ctx.now;
    } else {
      delete next.resolvedBy;
      delete next.resolvedAt;
    }
  }
  return { notes: replace(notes, next), note: next };
}

/** Adds a reply to a note's thread. */
export function addReply(notes: Note[], noteId: string, body: string, ctx: NoteContext): { notes: Note[]; note: Note; reply: Reply } {
  const note = findNote(notes, noteId);
  let id = ctx.newId();
  while (note.replies.some((r) => r.id === id) || id === note.id) id = ctx.newId();
  const reply: Reply = { id, body, author: ctx.user, createdAt: ctx.now, updatedAt: ctx.now };
  const next: Note = { ...note, replies: [...note.replies, reply], updatedAt: ctx.now };
  return { notes: replace(notes, next), note: next, reply };
}

/** Edits a reply: its author only. */
export function updateReply(notes: Note[], noteId: string, replyId: string, body: string, ctx: NoteContext): { notes: Note[]; note: Note } {
  const note = findNote(notes, noteId);
  const reply = note.replies.find((r) => r.id === replyId);
  if (!reply) throw new ModelError('not-found', `reply "${replyId}" does not exist`);
  if (reply.author !== ctx.user) throw new ModelError('forbidden', 'only the author of a reply can change it');
  const next: Note = { ...note, replies: note.replies.map((r) => (r.id === replyId ? { ...r, body, updatedAt: ctx.now } : r)) };
  return { notes: replace(notes, next), note: next };
}

/** Deletes a note (with its thread) or one reply: the author, or an editor. */
export function deleteNote(notes: Note[], noteId: string, ctx: NoteContext, replyId?: string): { notes: Note[] } {
  const note = findNote(notes, noteId);
  if (replyId) {
    const reply = note.replies.find((r) => r.id === replyId);
    if (!reply) throw new ModelError('not-found', `reply "${replyId}" does not exist`);
    if (reply.author !== ctx.user && !can(ctx.role, 'delete-any-note')) throw new ModelError('forbidden', 'only the author or an editor can delete a reply');
    return { notes: replace(notes, { ...note, replies: note.replies.filter((r) => r.id !== replyId), updatedAt: ctx.now }) };
  }
  if (note.author !== ctx.user && !can(ctx.role, 'delete-any-note')) throw new ModelError('forbidden', 'only the author or an editor can delete a note');
  return { notes: notes.filter((n) => n.id !== noteId) };
}
