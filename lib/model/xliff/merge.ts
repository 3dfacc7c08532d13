import { canSetStatus, type Role } from '../roles';
import type { BilingualDocument, Row, RowStatus, RowXliff, TargetDoc } from '../schema';
import { getStatusAfterEdit } from '../status';
import { getTargetText, isTargetEmpty } from '../target';
import { getInlineText, splitBlocks } from './inline';
import type { XliffFile, XliffUnit } from './parse';
import { getUnitTarget, getUnitXliff } from './rows';

/**
 * Bringing translations back from a CAT tool into an existing document: every unit is matched to a row by id
 * and checked (language, source text, permission) before anything is applied, so a person can see the report
 * and confirm only the units that matched.
 */

/** What became of one unit. Only `match` units are applied; `applied` is what they become once they are. */
export type XliffUnitOutcome =
  | 'match'
  | 'applied'
  | 'unchanged'
  | 'no-translation'
  | 'unknown-unit'
  | 'duplicate-unit'
  | 'source-changed'
  | 'wrong-language'
  | 'status-not-allowed'
  | 'conflict'
  | 'not-selected';

export interface XliffUnitReport {
  /** The unit's id in the file. */
  id: string;
  line: number;
  status: XliffUnitOutcome;
  /** The row it matched (by its id, or the unit id an earlier import kept). */
  rowId?: string;
  /** The row's revision when checked: a confirmation names it, so a row changed since is not overwritten. */
  rev?: number;
  /** The row status the unit brings. */
  rowStatus?: RowStatus;
  /** The translation the unit brings, as text. */
  target?: string;
  message?: string;
}

/** The change a matched unit makes to its row. */
export interface XliffRowChange {
  rowId: string;
  target: TargetDoc;
  status: RowStatus;
  xliff: RowXliff | undefined;
}

export interface XliffImportPlan {
  units: XliffUnitReport[];
  changes: Map<string, XliffRowChange>;
}

/** Text compared loosely: tools may re-wrap whitespace or recompose characters, which is not a change of source. */
function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function primary(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? '';
}

/** Counts of units by outcome, every outcome that occurs. */
export function countOutcomes(units: XliffUnitReport[]): Partial<Record<XliffUnitOutcome, number>> {
  const counts: Partial<Record<XliffUnitOutcome, number>> = {};
  for (const u of units) counts[u.status] = (counts[u.status] ?? 0) + 1;
  return counts;
}

/** Rows by their id, then by the unit id an earlier import kept (the first such row wins). */
function rowFinder(doc: BilingualDocument): (unit: XliffUnit) => Row | undefined {
  const byId = new Map(doc.rows.map((r) => [r.id, r]));
  const byUnitId = new Map<string, Row>();
  for (const r of doc.rows) if (r.xliff?.unitId && !byUnitId.has(r.xliff.unitId)) byUnitId.set(r.xliff.unitId, r);
  return (unit) => byId.get(unit.id) ?? byUnitId.get(unit.id);
}

/**
 * Checks every unit of `file` against `doc` as `role` would apply it, changing nothing. A unit matches when its
 * row exists, the languages agree (by primary subtag: "ar-SA" is Arabic), the source text is the row's (whitespace
 * aside), it has a translation, something would change, and `role` may set the status it brings. A unit without
 * a state keeps the row's status, or moves it as an edit in the editor would.
 */
export function planXliffImport(doc: BilingualDocument, file: XliffFile, role: Role): XliffImportPlan {
  const units: XliffUnitReport[] = [];
  const changes = new Map<string, XliffRowChange>();
  const langProblem =
    primary(file.srcLang) !== primary(doc.sourceLang)
      ? `the file's source language is ${file.srcLang}, the document's ${doc.sourceLang}`
      : file.trgLang && primary(file.trgLang) !== primary(doc.targetLang)
        ? `the file's target language is ${file.trgLang}, the document's ${doc.targetLang}`
        : null;
  const idCounts = new Map<string, number>();
  for (const u of file.units) idCounts.set(u.id, (idCounts.get(u.id) ?? 0) + 1);
  const claimed = new Set<string>();
  const findRow = rowFinder(doc);
  for (const unit of file.units) {
    const base = { id: unit.id, line: unit.line };
    if (langProblem) {
      units.push({ ...base, status: 'wrong-language', message: langProblem });
      continue;
    }
    if ((idCounts.get(unit.id) ?? 0) > 1) {
      units.push({ ...base, status: 'duplicate-unit', message: `unit id "${unit.id}" is used in more than one <file>` });
      continue;
    }
    const row = findRow(unit);
    if (!row) {
      units.push({ ...base, status: 'unknown-unit', message: `no row has the id "${unit.id}"` });
      continue;
    }
    const found = { ...base, rowId: row.id, rev: row.rev };
    if (claimed.has(row.id)) {
      units.push({ ...found, status: 'duplicate-unit', message: 'another unit of the file already matched this row' });
      continue;
    }
    claimed.add(row.id);
    const unitSource = normalizeText(splitBlocks(getInlineText(unit.source), unit.sourcePreserve).join(' '));
    const rowSource = normalizeText(row.source.map((b) => b.text).join(' '));
    if (unitSource !== rowSource) {
      units.push({ ...found, status: 'source-changed', message: 'the source text in the file is not the row\'s source text' });
      continue;
    }
    const target = getUnitTarget(unit);
    if (unit.target === null || isTargetEmpty(target)) {
      units.push({ ...found, status: 'no-translation', message: 'the unit has no translation' });
      continue;
    }
    const targetChanged = JSON.stringify(target) !== JSON.stringify(row.target);
    const status = unit.status ?? (targetChanged ? getStatusAfterEdit(row.status, target) : row.status);
    const report = { ...found, rowStatus: status, target: getTargetText(target) };
    if (!targetChanged && status === row.status) {
      units.push({ ...report, status: 'unchanged' });
      continue;
    }
    if (!canSetStatus(role, status)) {
      units.push({ ...report, status: 'status-not-allowed', message: `a ${role} may not mark a row "${status}"` });
      continue;
    }
    const imported = getUnitXliff(unit, row.id, false);
    const xliff = imported ? { ...row.xliff, ...imported } : row.xliff;
    changes.set(row.id, { rowId: row.id, target, status, xliff });
    units.push({ ...report, status: 'match' });
  }
  return { units, changes };
}

/**
 * Applies the matched units of a plan to `doc`: each row takes the unit's translation and status, its revision
 * moves on, and it records who and when. With `selection` (unit id → the revision the person saw) only those
 * units are applied, and a row whose revision moved since is a `conflict`, left as it is.
 */
export function applyXliffImport(
  doc: BilingualDocument,
  plan: XliffImportPlan,
  ctx: { now: string; user: string | null },
  selection?: Map<string, number>,
): { doc: BilingualDocument; units: XliffUnitReport[]; applied: Row[] } {
  const applied: Row[] = [];
  const byId = new Map(doc.rows.map((r, i) => [r.id, i]));
  const rows = doc.rows.slice();
  const units = plan.units.map((u): XliffUnitReport => {
    if (u.status !== 'match' || !u.rowId) return u;
    if (selection && !selection.has(u.id)) return { ...u, status: 'not-selected' };
    const index = byId.get(u.rowId)!;
    const row = rows[index]!;
    const seen = selection?.get(u.id);
    if (seen !== undefined && seen !== row.rev) {
      return { ...u, status: 'conflict', message: `the row was changed since the preview (revision ${seen}, now ${row.rev})` };
    }
    const change = plan.changes.get(u.rowId)!;
    const next: Row = {
      ...row,
      target: change.target,
      status: change.status,
      rev: row.rev + 1,
      updatedAt: ctx.now,
      updatedBy: ctx.user,
    };
    if (change.xliff) next.xliff = change.xliff;
    rows[index] = next;
    applied.push(next);
    return { ...u, status: 'applied', rev: next.rev };
  });
  return { doc: applied.length ? { ...doc, rows, updatedAt: ctx.now } : doc, units, applied };
}
