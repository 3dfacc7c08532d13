import { ModelError } from './errors';
import { checkRowSize } from './row-limits';
import type { BilingualDocument, Row } from './schema';
import { getMergedStatus, getSplitStatus } from './status';
import { getRowParagraphs, targetFromParagraphs } from './target';

/** Who changes the document, when, and how new row ids are made (injected to keep the model pure). */
export interface ChangeContext {
  now: string;
  user: string | null;
  newId: () => string;
}

/** Where to cut a row: the first source block and the first target paragraph of the second part. */
export interface SplitPoint {
  sourceIndex: number;
  targetIndex: number;
}

function findRowIndex(doc: BilingualDocument, rowId: string): number {
  const index = doc.rows.findIndex((r) => r.id === rowId);
  if (index < 0) throw new ModelError('not-found', `row "${rowId}" does not exist in "${doc.slug}"`);
  return index;
}

function checkRev(row: Row, baseRev: number | undefined): void {
  if (baseRev !== undefined && baseRev !== row.rev) {
    throw new ModelError('conflict', `row "${row.id}" was changed by someone else (now at revision ${row.rev})`, row);
  }
}

/**
 * Splits a row in two. The first part keeps the row's id, the second gets a new one. Every source block and
 * target paragraph ends up in exactly one part, in order. Each part keeps at least one source block.
 */
export function splitRow(
  doc: BilingualDocument,
  rowId: string,
  at: SplitPoint,
  ctx: ChangeContext,
  baseRev?: number,
): { doc: BilingualDocument; rows: [Row, Row] } {
  const index = findRowIndex(doc, rowId);
  const row = doc.rows[index]!;
  checkRev(row, baseRev);
  const paragraphs = getRowParagraphs(row.target);
  const { sourceIndex, targetIndex } = at;
  if (!Number.isInteger(sourceIndex) || sourceIndex < 1 || sourceIndex >= row.source.length) {
    throw new ModelError(
      'invalid',
      row.source.length < 2
        ? 'this row has only one source block; a row can be split only between source blocks'
        : `sourceIndex must be between 1 and ${row.source.length - 1}`,
    );
  }
  if (!Number.isInteger(targetIndex) || targetIndex < 0 || targetIndex > paragraphs.length) {
    throw new ModelError('invalid', `targetIndex must be between 0 and ${paragraphs.length}`);
  }
  let newId = ctx.newId();
  while (doc.rows.some((r) => r.id === newId)) newId = ctx.newId();
  const firstTarget = targetFromParagraphs(paragraphs.slice(0, targetIndex));
  const secondTarget = targetFromParagraphs(paragraphs.slice(targetIndex));
  const first: Row = {
    ...row,
    rev: row.rev + 1,
    textRev: row.rev + 1,
    status: getSplitStatus(row.status, firstTarget),
    source: row.source.slice(0, sourceIndex),
    target: firstTarget,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  const second: Row = {
    id: newId,
    rev: 1,
    textRev: 1,
    status: getSplitStatus(row.status, secondTarget),
    source: row.source.slice(sourceIndex),
    target: secondTarget,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  const rows = [...doc.rows.slice(0, index), first, second, ...doc.rows.slice(index + 1)];
  return { doc: { ...doc, rows, updatedAt: ctx.now }, rows: [first, second] };
}

/**
 * Merges a row with the row after it. The merged row keeps the first row's id; the second row's id is retired.
 * Source blocks and target paragraphs are concatenated in order.
 */
export function mergeWithNext(
  doc: BilingualDocument,
  rowId: string,
  ctx: ChangeContext,
  baseRev?: number,
  nextBaseRev?: number,
): { doc: BilingualDocument; row: Row; removedId: string } {
  const index = findRowIndex(doc, rowId);
  const row = doc.rows[index]!;
  const next = doc.rows[index + 1];
  if (!next) throw new ModelError('invalid', 'the last row has no next row to merge with');
  checkRev(row, baseRev);
  checkRev(next, nextBaseRev);
  const target = targetFromParagraphs([...getRowParagraphs(row.target), ...getRowParagraphs(next.target)]);
  const merged: Row = {
    ...row,
    rev: row.rev + 1,
    textRev: row.rev + 1,
    status: getMergedStatus(row.status, next.status, target),
    source: [...row.source, ...next.source],
    target,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  checkRowSize(merged, 'the merged row');
  const rows = [...doc.rows.slice(0, index), merged, ...doc.rows.slice(index + 2)];
  return { doc: { ...doc, rows, updatedAt: ctx.now }, row: merged, removedId: next.id };
}
