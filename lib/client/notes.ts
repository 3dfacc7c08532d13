import type { CreateNoteRequest, Note, Reply, UpdateNoteRequest } from '@/lib/model';
import type { ApiRequest } from './http';
import { documentRoutes } from './routes';
import type { Deleted } from './types';

/** A document's notes and their replies. */
export function notesApi(request: ApiRequest) {
  return {
    /** Every note of a document, re-anchored against its current text. */
    listNotes: async (slug: string) => (await request<{ notes: Note[] }>(documentRoutes.notes(slug))).notes,

    /** Adds a note on a row's side, optionally on a quoted range. */
    createNote: (slug: string, body: CreateNoteRequest) => request<Note>(documentRoutes.notes(slug), { method: 'POST', json: body }),

    /** Edits (its author only), resolves or reopens a note. */
    updateNote: (slug: string, noteId: string, patch: UpdateNoteRequest) =>
      request<Note>(documentRoutes.note(slug, noteId), { method: 'PATCH', json: patch }),

    /** Deletes a note and its thread (its author, or an editor). */
    deleteNote: (slug: string, noteId: string) => request<Deleted>(documentRoutes.note(slug, noteId), { method: 'DELETE' }),

    /** Replies to a note. */
    replyToNote: (slug: string, noteId: string, body: string) =>
      request<{ note: Note; reply: Reply }>(documentRoutes.replies(slug, noteId), { method: 'POST', json: { body } }),

    /** Edits a reply (its author only); answers the note with its thread. */
    editReply: (slug: string, noteId: string, replyId: string, body: string) =>
      request<Note>(documentRoutes.reply(slug, noteId, replyId), { method: 'PATCH', json: { body } }),

    /** Deletes a reply (its author, or an editor). */
    deleteReply: (slug: string, noteId: string, replyId: string) =>
      request<Deleted>(documentRoutes.reply(slug, noteId, replyId), { method: 'DELETE' }),
  };
}
