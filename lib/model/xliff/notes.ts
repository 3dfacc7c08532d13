import { locateQuote, makeQuote } from '../anchoring';
import { getSideText, MAX_NOTE_BODY, type Note, type NoteSide, type Reply } from '../notes';
import type { BilingualDocument } from '../schema';
import type { XliffNote, XliffUnit } from './parse';

/** Who imports, when, and how new ids are made. */
export interface XliffNotesContext {
  now: string;
  user: string;
  newId: () => string;
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

function isoOr(value: string | undefined, fallback: string): string {
  return value && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value).toISOString() : fallback;
}

/**
 * Turns the notes of imported XLIFF units into the document's notes: each unit's `<note>`s land on the row the
 * unit became or matched, on the side they apply to (the source when the file does not say: instructions are
 * about the original). This app's own exports bring back the author, status, quoted words and replies; other
 * tools' notes come in open, internal and authored by the person importing unless the file names an author
 * (`from` in 1.2). A note whose body is already on that row and side is not added again, so exporting and
 * re-importing a document never duplicates its notes. Returns the whole new list and how many were added.
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
      const body = clampBody(xn.text);
      if (!body) continue;
      const side: NoteSide = xn.appliesTo ?? 'source';
      const already = notes.findIndex((n) => n.rowId === rowId && n.side === side && sameBody(n.body, body));
      if (already >= 0) {
        if (xn.id) byXliffId.set(xn.id, already);
        continue;
      }
      const text = getSideText(row, side);
      const position = xn.quote ? locateQuote(text, { exact: xn.quote }) : null;
      const created = isoOr(xn.created, ctx.now);
      const resolved = xn.status === 'resolved';
      const note: Note = {
        id: freshId(),
        rowId,
        side,
        ...(position && { quote: makeQuote(text, position), position }),
        detached: false,
        body,
        author: xn.author?.trim().slice(0, 100) || ctx.user,
        createdAt: created,
        updatedAt: created,
        status: resolved ? 'resolved' : 'open',
        ...(resolved && { resolvedBy: ctx.user, resolvedAt: ctx.now }),
        visibility: xn.category === 'public' ? 'public' : 'internal',
        replies: [],
      };
      if (xn.id) byXliffId.set(xn.id, notes.length);
      notes.push(note);
      added++;
    }
    for (const xr of replies) {
      const body = clampBody(xr.text);
      const index = byXliffId.get(xr.replyTo!);
      if (!body || index === undefined) continue;
      const parent = notes[index]!;
      if (parent.replies.some((r) => sameBody(r.body, body))) continue;
      const created = isoOr(xr.created, ctx.now);
      const reply: Reply = { id: freshId(), body, author: xr.author?.trim().slice(0, 100) || ctx.user, createdAt: created, updatedAt: created };
      notes[index] = { ...parent, replies: [...parent.replies, reply] };
      added++;
    }
  }
  return { notes, added };
}
