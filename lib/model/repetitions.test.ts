import { describe, expect, it } from 'vitest';
import { findRepetitionGroups, getRepetitionKey, getRepetitionsToFill } from './repetitions';
import type { Row, RowStatus } from './schema';
import { targetFromText } from './target';

const AT = '2025-05-10T12:00:00.000Z';
function row(id: string, text: string, status: RowStatus = 'untranslated', target: string[] = []): Row {
  return { id, rev: 1, status, source: [{ kind: 'paragraph', text }], target: targetFromText(target), updatedAt: AT, updatedBy: null };
}

describe('repetitions', () => {
  it('are the same Arabic once diacritics, tatweel, letter forms and spacing are set aside', () => {
    expect(getRepetitionKey(row('a', 'قالَ الرئيسُ  إنّ'))).toBe(getRepetitionKey(row('b', 'قال الرئيـــس ان')));
    expect(getRepetitionKey(row('a', 'قال الرئيس.'))).not.toBe(getRepetitionKey(row('b', 'قال الرئيس')));
  });

  it('groups rows of one text in document order, leaving out texts seen once', () => {
    const rows = [row('r1', 'نص أول'), row('r2', 'نص ثان'), row('r3', 'نصّ أوّل'), row('r4', 'نص ثالث'), row('r5', 'نص اول'), row('r6', 'نص ثان')];
    expect(findRepetitionGroups(rows).map((g) => g.rowIds)).toEqual([['r1', 'r3', 'r5'], ['r2', 'r6']]);
    expect(findRepetitionGroups([])).toEqual([]);
  });

  it('fills only from a confirmed row, and only rows still untranslated and empty', () => {
    const rows = [
      row('r1', 'نص أول', 'translated', ['First text']),
      row('r2', 'نص اول'),
      row('r3', 'نص أول', 'draft', ['Someone’s draft']),
      row('r4', 'نص آخر'),
      row('r5', 'نصّ أول'),
    ];
    expect(getRepetitionsToFill(rows, 'r1').map((r) => r.id)).toEqual(['r2', 'r5']);
    expect(getRepetitionsToFill(rows, 'r3')).toEqual([]);
    expect(getRepetitionsToFill(rows, 'nope')).toEqual([]);
  });
});
