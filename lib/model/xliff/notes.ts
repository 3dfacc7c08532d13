import { locateQuote, makeQuote } from '../anchoring';
import { getSideText, MAX_NOTE_BODY } from '../note-sides';
import type { Note, NoteSide, Reply } from '../notes';
import type { BilingualDocument } from '../schema';
import type { XliffNote, XliffUnit } from './parse';

/** Who imports, when, whether they may publish notes, and how new ids are made. */
export interface XliffNotesContext {
  now: string;
  user: string;
  newId: () => string;
  /** True when the person importing may make public notes (an editor): only then may a file's note be public. */
  mayPublish?: boolean;
}

/** Whitespace-insensitive body, so a re-import of a file this app exported does not add its notes twice. */
function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

function clampBody(text: string): string | null {
  const body = text.trim();
  if (!body) return null;
  return body.length > MAX_NOTE_BODY ? `${body.slice(0, MAX_NOTE_BODY - 1)}…` : body;
}

function isoDay(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString().slice(0, 10) : undefined;
}

/**
 * The body of an imported note: the file's text, and, when the file names another author, that name quoted with
 * the file's date as an attribution, so the note says truthfully who wrote it without claiming to be by them.
 */
function attributed(text: string, author: string | undefined, created: string | undefined, user: string): string {
  const name = author?.replace(/\s+/g, ' ').trim().slice(0, 100);
  if (!name || name === user) return text;
  const day = isoDay(created);
  return clampBody(`From “${name}” in the imported XLIFF${day ? ` (${day})` : ''}: ${text}`) ?? text;
}

/**
 * Turns the notes of imported XLIFF units into the document's notes: each unit's `<note>`s land on the row the
 * unit became or matched, on the side they apply to (the source when the file does not say: instructions are
 * about the original). Imported notes never impersonate anyone: they are authored by the person importing, created
 * at the import, and internal unless that person may publish (an editor) and the file marks them public; an author
 * the file names (this app's export, `from` in 1.2) is kept as a quoted attribution in the body. Status, quoted
 * words and replies come back. A note whose body is already on that row and side is not added again, so exporting
 * and re-importing a document never duplicates its notes. Returns the whole new list and how many were added.
 */
export function importXliffNotes(
  doc: BilingualDocument,
  existing: Note[],
  matched: { unit: XliffUnit; rowId: string }[],
  ctx: XliffNotesContext,
): { notes: Note[]; added: number } {
  const notes = existing.slice();
  const usedIds = new Set(notes.map((n) => n.id));
  const freshId = () => {
    let id = ctx.newId();
    while (usedIds.has(id)) id = ctx.newId();
    usedIds.add(id);
    return id;
  };
  const rows = new Map(doc.rows.map((r) => [r.id, r]));
  let added = 0;
  for (const { unit, rowId } of matched) {
    const row = rows.get(rowId);
    if (!row || !unit.notes.length) continue;
    // Notes first, then replies, so a reply finds its note whatever the order in the file.
    const byXliffId = new Map<string, number>();
    const replies: XliffNote[] = [];
    for (const xn of unit.notes) {
      if (xn.replyTo) {
        replies.push(xn);
        continue;
      }
      const text = clampBody(xn.text);
      if (!text) continue;
      const body = attributed(text, xn.author, xn.created, ctx.user);
      const side: NoteSide = xn.appliesTo ?? 'source';
      const already = notes.findIndex((n) => n.rowId === rowId && n.side === side && (sameBody(n.body, text) || sameBody(n.body, body)));
      if (already >= 0) {
        if (xn.id) byXliffId.set(xn.id, already);
        continue;
      }
      const sideText = getSideText(row, side);
      const position = xn.quote ? locateQuote(sideText, { exact: xn.quote }) : null;
      const resolved = xn.status === 'resolved';
      const note: Note = {
        id: freshId(),
        rowId,
        side,
        ...(position && { quote: makeQuote(sideText, position), position }),
        detached: false,
        body,
        author: ctx.user,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        status: resolved ? 'resolved' : 'open',
        ...(resolved && { resolvedBy: ctx.user, resolvedAt: ctx.now }),
        visibility: xn.category === 'public' && ctx.mayPublish ? 'public' : 'internal',
        replies: [],
      };
      if (xn.id) byXliffId.set(xn.id, notes.length);
      notes.push(note);
      added++;
    }
    for (const xr of replies) {
      const text = clampBody(xr.text);
      const index = byXliffId.get(xr.replyTo!);
      if (!text || index === undefined) continue;
      const body = attributed(text, xr.author, xr.created, ctx.user);
      const parent = notes[index]!;
      if (parent.replies.some((r) => sameBody(r.body, text) || sameBody(r.body, body))) continue;
      const reply: Reply = { id: freshId(), body, author: ctx.user, createdAt: ctx.now, updatedAt: ctx.now };
      notes[index] = { ...parent, replies: [...parent.replies, reply] };
      added++;
    }
  }
  return { notes, added };
}
