import { distance } from 'fastest-levenshtein';
import { z } from './zod';
import { ModelError } from './errors';
import type { DraftOrigin, PostEdit, Row, TargetDoc } from './schema';
import { isDoneStatus } from './status';
import { emptyTarget, getTargetText, isTargetEmpty } from './target';
import { getWords } from './words';

/**
 * Where a row's first draft came from, and how much of it the translator changed before confirming it (the
 * post-editing effort CAT tools report per origin). The record is made when a row goes from empty to holding
 * text, measured again each time the row is confirmed (translated or approved), and dropped when the row is
 * emptied, so the next first draft is recorded afresh.
 */

/**
 * What the editor may say about a save that fills an empty row: the translator inserted a memory match or a
 * machine translation (typed when not said). Part of `PATCH /rows/:rowId`; it is only a claim about the row's
 * statistics, so nothing is checked against the memory or the provider.
 */
export const draftHintSchema = z.strictObject({
  kind: z.enum(['typed', 'memory', 'mt']),
  score: z.number().min(0).max(1).optional(),
  provider: z.string().min(1).max(40).optional(),
  model: z.string().min(1).max(200).optional(),
});
export type DraftHint = z.infer<typeof draftHintSchema>;

/** What filled a row on the server: a memory match, a provider's translation, or a confirmed repetition. */
export type DraftSource =
  | { kind: 'memory'; score: number }
  | { kind: 'mt'; provider: string; model?: string }
  | { kind: 'repetition'; fromRowId: string }
  | DraftHint;

interface Ctx {
  now: string;
  user: string | null;
}

/**
 * Word edit distance: words inserted, deleted or replaced to turn `a` into `b` (words as CAT tools count them,
 * compared as written, so a change of case is an edit and punctuation is not). Each distinct word becomes one
 * UTF-16 code unit, so fastest-levenshtein's character distance is the word distance.
 */
export function wordEditDistance(a: string, b: string): number {
  return wordListDistance(getWords(a), getWords(b));
}

/** Code units for words, skipping the surrogate range; beyond it a pair is too long to be a row, so it is bounded. */
const MAX_DISTINCT_WORDS = 0xffff - 0x800 - 1;

export function wordListDistance(a: readonly string[], b: readonly string[]): number {
  const codes = new Map<string, string>();
  const encode = (list: readonly string[]): string | null => {
    let out = '';
    for (const w of list) {
      let c = codes.get(w);
      if (c === undefined) {
        if (codes.size >= MAX_DISTINCT_WORDS) return null;
        const n = codes.size + 1;
        c = String.fromCharCode(n < 0xd800 ? n : n + 0x800);
        codes.set(w, c);
      }
      out += c;
    }
    return out;
  };
  const ea = encode(a);
  const eb = encode(b);
  // Past 60,000 distinct words the distance is only bounded: every word may have changed.
  if (ea === null || eb === null) return Math.max(a.length, b.length);
  return distance(ea, eb);
}

/** The post-editing effort from a draft to the text confirmed. */
export function getPostEdit(draftText: string, finalText: string, at: string): PostEdit {
  const draft = getWords(draftText);
  const final = getWords(finalText);
  return { distance: wordListDistance(draft, final), draftWords: draft.length, finalWords: final.length, at };
}

/** The effort as a share of the longer text, 0 (confirmed as drafted) to 1 (every word changed). */
export function getEffortRatio(edit: Pick<PostEdit, 'distance' | 'draftWords' | 'finalWords'>): number {
  const longer = Math.max(edit.draftWords, edit.finalWords);
  return longer === 0 ? 0 : Math.min(1, edit.distance / longer);
}

function originFrom(source: DraftSource, row: Row, ctx: Ctx, runId?: string): DraftOrigin {
  const typed = source.kind === 'typed';
  return {
    kind: source.kind,
    ...('score' in source && source.score !== undefined && { score: source.score }),
    ...('provider' in source && source.provider !== undefined && { provider: source.provider }),
    ...('model' in source && source.model !== undefined && { model: source.model }),
    ...(runId && { runId }),
    ...('fromRowId' in source && { fromRowId: source.fromRowId }),
    rev: row.rev,
    at: ctx.now,
    by: ctx.user,
    ...(!typed && { text: getTargetText(row.target) }),
  };
}

/**
 * The row after a change, with its draft record brought up to date: recorded (from `hint`, typed when none) when
 * the row went from empty to holding text; dropped when it was emptied; its post-editing effort measured when the
 * row is confirmed and its text or status changed. Rows drafted before origins were recorded stay without one.
 */
export function trackDraftOrigin(before: Row, after: Row, ctx: Ctx, hint?: DraftHint): Row {
  if (isTargetEmpty(after.target)) {
    if (!after.origin) return after;
    const { origin: _dropped, ...rest } = after;
    return rest;
  }
  let origin = after.origin;
  if (isTargetEmpty(before.target)) origin = originFrom(hint ?? { kind: 'typed' }, after, ctx);
  const changed = after.status !== before.status || JSON.stringify(after.target) !== JSON.stringify(before.target);
  if (origin?.text !== undefined && isDoneStatus(after.status) && (changed || !origin.postEdit)) {
    origin = { ...origin, postEdit: getPostEdit(origin.text, getTargetText(after.target), ctx.now) };
  }
  return origin === after.origin ? after : { ...after, origin };
}

/**
 * Fills an untranslated row with a draft made on the server (pre-translation, a repetition): the row becomes a
 * draft, one revision on, recording where the text came from and, for a pre-translation, the run. A row that is
 * no longer empty is a conflict: the fill never overwrites anyone's text.
 */
export function fillRowDraft(row: Row, target: TargetDoc, source: DraftSource, ctx: Ctx & { runId?: string }): Row {
  if (!isTargetEmpty(row.target)) throw new ModelError('conflict', `row "${row.id}" has a translation already`, row);
  if (isTargetEmpty(target)) throw new ModelError('invalid', `the draft for row "${row.id}" is empty`);
  const next: Row = { ...row, target, status: 'draft', rev: row.rev + 1, updatedAt: ctx.now, updatedBy: ctx.user };
  return { ...next, origin: originFrom(source, next, ctx, ctx.runId) };
}

/** True when a pre-translation run filled this row and nobody changed it since. */
export function isUntouchedFill(row: Row, runId: string): boolean {
  return row.origin?.runId === runId && row.origin.rev === row.rev;
}

/** Takes a filled row back to untranslated (undoing a run): one revision on, no text, no draft record. */
export function clearRowDraft(row: Row, ctx: Ctx): Row {
  const { origin: _dropped, ...rest } = row;
  return { ...rest, target: emptyTarget(), status: 'untranslated', rev: row.rev + 1, updatedAt: ctx.now, updatedBy: ctx.user };
}
