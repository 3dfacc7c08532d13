import type { CommitKind, RowsDiff } from './history';
import type { Note, Reply } from './notes';
import { isSameJson, isTextChanged } from './row-revs';
import type { Row } from './schema';

/**
 * Events: every change a store commits becomes an event on the document's stream, carrying what changed (the row
 * as it now is, the note with its body), so a reader needs no second request. Ids grow along a document's stream;
 * a reader that reconnects asks for the events after the last id it saw (see lib/storage/events.ts).
 */

/** The row kinds of a save: typed text, a restore of an earlier revision, or an import from a CAT tool. */
export type RowSaveKind = 'text' | 'restore' | 'import';

export type DocumentEventBody =
  /** A row's text changed (its status may have changed too). `notes`: the row's notes whose anchors moved. */
  | { type: 'row-saved'; row: Row; kind: RowSaveKind; notes?: Note[] }
  /** Only a row's status changed. */
  | { type: 'row-status'; row: Row; notes?: Note[] }
  /** `row` was split: it keeps its id and the first part; `newRow` follows it with the second part. */
  | { type: 'rows-split'; row: Row; newRow: Row; notes?: Note[] }
  /** The row after `row` (`removedId`) was merged into it and is gone; its notes now belong to `row`. */
  | { type: 'rows-merged'; row: Row; removedId: string; notes?: Note[] }
  | { type: 'note-created'; note: Note }
  /** A note's body or visibility changed, a reply was edited, or its anchor moved. */
  | { type: 'note-edited'; note: Note }
  | { type: 'note-replied'; note: Note; reply: Reply }
  /** A note was resolved or reopened: `note.status` says which. */
  | { type: 'note-resolved'; note: Note }
  /** A note was deleted, or one reply of it (`replyId`, with the note as it is now). */
  | { type: 'note-deleted'; noteId: string; replyId?: string; note?: Note }
  | { type: 'document-published'; version: number; publishedAt: string }
  | { type: 'document-unpublished'; version: number }
  | { type: 'document-created'; title: string }
  /** A change no other event describes (rows added or removed by an import): readers refetch the document. */
  | { type: 'document-changed' };

export type DocumentEventType = DocumentEventBody['type'];

/** An event as it is delivered: its id on the document's stream, the document, when and by whom. */
export type DocumentEvent = DocumentEventBody & { id: number; slug: string; at: string; by: string | null };

/** Notes compared by id: created, deleted and changed. */
function diffNotes(before: readonly Note[], after: readonly Note[]) {
  const old = new Map(before.map((n) => [n.id, n]));
  const now = new Set(after.map((n) => n.id));
  const created: Note[] = [];
  const changed: { before: Note; after: Note }[] = [];
  for (const note of after) {
    const was = old.get(note.id);
    if (!was) created.push(note);
    else if (was !== note && !isSameJson(was, note)) changed.push({ before: was, after: note });
  }
  const deleted = before.filter((n) => !now.has(n.id));
  return { created, changed, deleted };
}

/** The events of one note's change. */
function noteEvents(before: Note, after: Note): DocumentEventBody[] {
  const oldReplies = new Set(before.replies.map((r) => r.id));
  const newReplies = new Set(after.replies.map((r) => r.id));
  const out: DocumentEventBody[] = [];
  for (const reply of after.replies) if (!oldReplies.has(reply.id)) out.push({ type: 'note-replied', note: after, reply });
  for (const reply of before.replies) if (!newReplies.has(reply.id)) out.push({ type: 'note-deleted', noteId: after.id, replyId: reply.id, note: after });
  if (before.status !== after.status) out.push({ type: 'note-resolved', note: after });
  const anchor = (n: Note) => JSON.stringify([n.rowId, n.side, n.quote, n.position, n.detached]);
  const edited =
    before.body !== after.body ||
    before.visibility !== after.visibility ||
    anchor(before) !== anchor(after) ||
    after.replies.some((r) => {
      const was = before.replies.find((b) => b.id === r.id);
      return was !== undefined && was.body !== r.body;
    });
  if (edited || !out.length) out.push({ type: 'note-edited', note: after });
  return out;
}

/**
 * The events of one commit, from how its rows and notes changed and what kind of change it was. Notes whose anchors
 * moved with a row's change ride on that row's event; other note changes are events of their own.
 */
export function describeCommit(
  rows: RowsDiff,
  notes: { before: readonly Note[]; after: readonly Note[] },
  kind: CommitKind,
): DocumentEventBody[] {
  const out: DocumentEventBody[] = [];
  const noteDiff = notes.before === notes.after ? { created: [], changed: [], deleted: [] } : diffNotes(notes.before, notes.after);
  const moved = new Map<string, Note[]>();
  const rowIds = new Set([...rows.changed.map((c) => c.after.id), ...rows.added.map((a) => a.row.id)]);
  const loose: { before: Note; after: Note }[] = [];
  for (const c of noteDiff.changed) {
    // A note's thread and status are the notes' own business; an anchor that moved belongs to the row's event.
    const anchorOnly =
      c.before.body === c.after.body && c.before.status === c.after.status && c.before.visibility === c.after.visibility && isSameJson(c.before.replies, c.after.replies);
    if (kind !== 'notes' && anchorOnly && rowIds.has(c.after.rowId)) moved.set(c.after.rowId, [...(moved.get(c.after.rowId) ?? []), c.after]);
    else loose.push(c);
  }
  const withNotes = <T extends DocumentEventBody>(event: T, ...ids: string[]): T => {
    const list = ids.flatMap((id) => moved.get(id) ?? []);
    for (const id of ids) moved.delete(id);
    return list.length ? { ...event, notes: list } : event;
  };

  if (kind === 'split' && rows.added.length === 1 && rows.changed.length === 1 && !rows.removed.length) {
    const row = rows.changed[0]!.after;
    const newRow = rows.added[0]!.row;
    out.push(withNotes({ type: 'rows-split', row, newRow }, row.id, newRow.id));
  } else if (kind === 'merge' && rows.removed.length === 1 && rows.changed.length === 1 && !rows.added.length) {
    const row = rows.changed[0]!.after;
    out.push(withNotes({ type: 'rows-merged', row, removedId: rows.removed[0]!.id }, row.id));
  } else if (rows.added.length || rows.removed.length) {
    out.push({ type: 'document-changed' });
    moved.clear();
  } else {
    for (const { before, after } of rows.changed) {
      const saveKind: RowSaveKind = kind === 'restore' || kind === 'import' ? kind : 'text';
      if (isTextChanged(before, after) || saveKind !== 'text') out.push(withNotes({ type: 'row-saved', row: after, kind: saveKind }, after.id));
      else out.push(withNotes({ type: 'row-status', row: after }, after.id));
    }
  }
  for (const list of moved.values()) for (const note of list) out.push({ type: 'note-edited', note });
  for (const note of noteDiff.created) out.push({ type: 'note-created', note });
  for (const c of loose) out.push(...noteEvents(c.before, c.after));
  for (const note of noteDiff.deleted) out.push({ type: 'note-deleted', noteId: note.id });
  return out;
}
