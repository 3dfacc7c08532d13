import { ModelError } from './errors';
import { LIMITS } from './limits';
import type { BilingualDocument, Row } from './schema';
import { getTargetText } from './target';
import { countWords } from './words';

/** How a text passes a row's limit: which unit, how many it holds, and the most allowed. */
export interface RowSizeExcess {
  unit: 'characters' | 'words';
  count: number;
  limit: number;
}

/** What of `text` is over a row's limits (LIMITS.rowChars, LIMITS.rowWords), or null when it fits. */
export function getRowTextExcess(text: string): RowSizeExcess | null {
  if (text.length > LIMITS.rowChars) return { unit: 'characters', count: text.length, limit: LIMITS.rowChars };
  // A word takes at least two characters with its separator: a short text cannot hold too many.
  if (text.length > LIMITS.rowWords * 2) {
    const count = countWords(text);
    if (count > LIMITS.rowWords) return { unit: 'words', count, limit: LIMITS.rowWords };
  }
  return null;
}

function describe(excess: RowSizeExcess): string {
  return `${excess.count.toLocaleString('en')} ${excess.unit}, and a row may hold at most ${excess.limit.toLocaleString('en')}`;
}

/** Throws 'too-large' naming the side when a row's Arabic or English is over a row's limits. */
export function checkRowSize(row: Pick<Row, 'source' | 'target'>, where: string): void {
  const source = getRowTextExcess(row.source.map((b) => b.text).join('\n'));
  if (source) throw new ModelError('too-large', `${where}: the original holds ${describe(source)}`);
  const target = getRowTextExcess(getTargetText(row.target));
  if (target) throw new ModelError('too-large', `${where}: the translation holds ${describe(target)}`);
}

/** Throws 'too-large' when an import would make more rows than a document may be imported with. */
export function checkImportRowCount(rows: number): void {
  if (rows <= LIMITS.importRows) return;
  throw new ModelError(
    'too-large',
    `the import makes ${rows.toLocaleString('en')} rows, and a document may be imported with at most ${LIMITS.importRows.toLocaleString('en')}; split it into several documents`,
  );
}

/** Throws 'too-large' when a document to be created has too many rows or a row over the limits. */
export function checkImportSize(doc: Pick<BilingualDocument, 'rows'>): void {
  checkImportRowCount(doc.rows.length);
  doc.rows.forEach((row, i) => checkRowSize(row, `row ${i + 1}`));
}
