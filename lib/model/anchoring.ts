import { normalizeForMatch, stripArabicMarks } from './arabic';
import { getSideText, QUOTE_CONTEXT } from './note-sides';
import type { Note, Quote, TextPosition } from './notes';
import type { BilingualDocument } from './schema';

/** A W3C TextQuoteSelector for `text[start, end)`, with context either side. */
export function makeQuote(text: string, position: TextPosition): Quote {
  const prefix = text.slice(Math.max(0, position.start - QUOTE_CONTEXT), position.start);
  const suffix = text.slice(position.end, position.end + QUOTE_CONTEXT);
  return { exact: text.slice(position.start, position.end), ...(prefix && { prefix }), ...(suffix && { suffix }) };
}

/** Length of the common run of `a` and `b` counted from their ends (fromEnd) or starts. */
function commonRun(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

/**
 * Finds a quote in `text`. The position hint wins when the text there still is the quote; otherwise every
 * occurrence of the quote (diacritics and tatweel ignored) is scored by how much of its prefix and suffix
 * still surround it and by its distance from the hint. Null when the quote is gone.
 */
export function locateQuote(text: string, quote: Quote, hint?: TextPosition): TextPosition | null {
  return findQuote(text, quote, hint)?.position ?? null;
}

/** locateQuote with the score of the match (Infinity for a still-valid hint), to compare matches across rows. */
function findQuote(text: string, quote: Quote, hint?: TextPosition): { position: TextPosition; score: number } | null {
  if (hint && text.slice(hint.start, hint.end) === quote.exact) return { position: hint, score: Infinity };
  const norm = normalizeForMatch(text);
  const needle = stripArabicMarks(quote.exact);
  if (!needle) return null;
  const prefix = stripArabicMarks(quote.prefix ?? '');
  const suffix = stripArabicMarks(quote.suffix ?? '');
  let best: { position: TextPosition; score: number } | null = null;
  for (let i = norm.text.indexOf(needle); i >= 0; i = norm.text.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    const start0 = norm.map[i]!;
    // Up to the next kept character: marks and tatweel after the last letter belong to it.
    const end0 = norm.map[end]!;
    const context =
      commonRun(norm.text.slice(Math.max(0, i - prefix.length), i), prefix, true) +
      commonRun(norm.text.slice(end, end + suffix.length), suffix, false);
    const distance = hint ? Math.abs(start0 - hint.start) : 0;
    const score = context * 1000 - distance;
    if (!best || score > best.score) best = { position: { start: start0, end: end0 }, score };
  }
  return best;
}

/** Where a note's rows went after an alignment change: a merged-away row's notes now belong to its survivor. */
export interface RowMoves {
  /** removed row id → the row that absorbed it */
  merged?: Record<string, string>;
  /** split row id → the new row that took its second part */
  split?: Record<string, string>;
  /** notes the editor saw deleted with their text: they stay detached rather than jump to another occurrence */
  keepDetached?: ReadonlySet<string>;
}

/**
 * Re-anchors notes against the document as it is now: each quoted note is looked up in its row (or, after a
 * split or merge, in the row its text went to); a note whose quote is nowhere is marked detached, never dropped.
 * Returns the same array when nothing changed.
 */
export function reanchorNotes(notes: Note[], doc: BilingualDocument, moves: RowMoves = {}): Note[] {
  const rows = new Map(doc.rows.map((r) => [r.id, r]));
  let changed = false;
  const out = notes.map((note) => {
    if (note.detached && moves.keepDetached?.has(note.id)) return note;
    const rowId = rows.has(note.rowId) ? note.rowId : (moves.merged?.[note.rowId] ?? note.rowId);
    const candidates = [rowId, moves.split?.[rowId]].filter((id): id is string => !!id && rows.has(id));
    if (!candidates.length) {
      if (note.detached) return note;
      changed = true;
      return { ...note, detached: true };
    }
    if (!note.quote) {
      if (rowId === note.rowId) return note;
      changed = true;
      return { ...note, rowId };
    }
    // Every candidate row is searched and the best match wins: after a split, the same words may be in both parts.
    let best: { id: string; text: string; found: TextPosition; score: number } | null = null;
    let shift = 0;
    for (const [k, id] of candidates.entries()) {
      const text = getSideText(rows.get(id)!, note.side);
      // The hint only applies in the note's own row (in a row that absorbed another, offsets have shifted) and,
      // moved back by the first part and its "\n", in the second part of the note's row after a split.
      const start = (note.position?.start ?? -1) - shift;
      const hint = candidates[0] === note.rowId && start >= 0 ? { start, end: note.position!.end - shift } : undefined;
      if (k === 0 && text) shift = text.length + 1;
      const match = findQuote(text, note.quote, hint);
      if (match && (!best || match.score > best.score)) best = { id, text, found: match.position, score: match.score };
    }
    if (best) {
      const { id, text, found } = best;
      const quote = makeQuote(text, found);
      const same =
        id === note.rowId &&
        !note.detached &&
        note.position?.start === found.start &&
        note.position?.end === found.end &&
        note.quote.exact === quote.exact;
      if (same) return note;
      changed = true;
      return { ...note, rowId: id, position: found, quote, detached: false };
    }
    if (note.detached && rowId === note.rowId) return note;
    changed = true;
    return { ...note, rowId, detached: true };
  });
  return changed ? out : notes;
}

/**
 * Applies anchors the editor mapped through the edits it made (so a range moves or shrinks exactly as the text
 * did); anchors that point outside the text are ignored and the note is re-found by its quote instead.
 */
export function applyMappedAnchors(
  notes: Note[],
  doc: BilingualDocument,
  rowId: string,
  anchors: { noteId: string; start?: number; end?: number; detached?: boolean }[],
): Note[] {
  const row = doc.rows.find((r) => r.id === rowId);
  if (!row || !anchors.length) return notes;
  const text = getSideText(row, 'target');
  const byId = new Map(anchors.map((a) => [a.noteId, a]));
  return notes.map((note) => {
    const anchor = byId.get(note.id);
    if (!anchor || note.rowId !== rowId || note.side !== 'target' || !note.quote) return note;
    if (anchor.detached) return { ...note, detached: true };
    const { start, end } = anchor;
    if (start === undefined || end === undefined || start < 0 || end > text.length || end <= start) return note;
    // A range that kept only a line break or spaces has lost the words it pointed at.
    if (!text.slice(start, end).trim()) return { ...note, detached: true };
    return { ...note, position: { start, end }, quote: makeQuote(text, { start, end }), detached: false };
  });
}
