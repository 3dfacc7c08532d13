import type { Row } from './schema';

/* A row's revisions and JSON equality, with no schema: the editor's page uses them (row-edit.ts validates edits). */

/** The revision at which a row's text last changed (files written before `textRev` was kept: its `rev`). */
export function getTextRev(row: Row): number {
  return row.textRev ?? row.rev;
}

/**
 * Whether a change made on `baseRev` may go onto `row` as it is now. Status and text are separate changes: an edit
 * made on an older revision is accepted when only status changes came after it (the text it was made on is still
 * the row's text); any text change since, or a revision the row never had, is a conflict.
 */
export function isBaseCurrent(row: Row, baseRev: number): boolean {
  return baseRev === row.rev || (baseRev < row.rev && baseRev >= getTextRev(row));
}

/** Equality of JSON values whatever the order of their keys (a hand-edited file, a document read back). */
export function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => isSameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => isSameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** True when the row's source or translation differs between the two versions. */
export function isTextChanged(before: Row, after: Row): boolean {
  return !isSameJson(before.target, after.target) || !isSameJson(before.source, after.source);
}

/**
 * Keeps `textRev` true to the row's history whatever code changed the row: a row whose text changed (or that is
 * new) has `textRev` at its new revision; a row whose text did not keeps its old one. Stores apply it to every
 * row they write, so a change made elsewhere (an import, a hand-written tool) cannot leave a stale `textRev`.
 */
export function settleTextRev(before: Row | undefined, after: Row): Row {
  // A new row's text is as new as the row (an absent textRev counts as `rev`).
  if (!before) return after.textRev !== undefined && after.textRev > after.rev ? { ...after, textRev: after.rev } : after;
  if (after === before) return after;
  const textRev = isTextChanged(before, after) ? after.rev : Math.min(getTextRev(before), after.rev);
  return after.textRev === textRev ? after : { ...after, textRev };
}
