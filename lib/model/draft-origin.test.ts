import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearRowDraft, fillRowDraft, getEffortRatio, getPostEdit, isUntouchedFill, wordEditDistance } from './draft-origin';
import { applyRowPatch } from './row-edit';
import type { Row, RowStatus } from './schema';
import { emptyTarget, targetFromText } from './target';
import { documentOf, expectModelError } from './test-support';
import { parseDocument } from './validate';

const AT = '2025-05-10T12:00:00.000Z';
const LATER = '2025-05-11T08:00:00.000Z';

function row(id: string, target: string[] = [], status: RowStatus = 'untranslated', rev = 1): Row {
  return { id, rev, status, source: [{ kind: 'paragraph', text: 'استقبل بوتين حفتر في الكرملين' }], target: targetFromText(target), updatedAt: AT, updatedBy: null };
}
const doc = (...rows: Row[]) => documentOf(rows, { slug: 'doc', title: 'Doc', at: AT });

describe('wordEditDistance', () => {
  it('counts words inserted, deleted and replaced, not characters or punctuation', () => {
    expect(wordEditDistance('Putin received Haftar.', 'Putin received Haftar.')).toBe(0);
    expect(wordEditDistance('Putin received Haftar.', 'Putin received Haftar!')).toBe(0);
    expect(wordEditDistance('Putin received Haftar', 'Putin welcomed Haftar')).toBe(1);
    expect(wordEditDistance('Putin received Haftar', 'President Putin received General Haftar')).toBe(2);
    expect(wordEditDistance('the Kremlin', '')).toBe(2);
    expect(wordEditDistance('Kremlin', 'kremlin')).toBe(1);
    expect(wordEditDistance("Haftar's visit", 'Haftar’s visit')).toBe(1);
  });

  it('is a distance: zero only between the same words, symmetric, at most the longer word count', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'Putin', 'Haftar', 'the'), { maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(words, words, (a, b) => {
        const d = wordEditDistance(a, b);
        expect(d).toBe(wordEditDistance(b, a));
        expect(d === 0).toBe(a.split(' ').filter(Boolean).join(' ') === b.split(' ').filter(Boolean).join(' '));
        expect(d).toBeLessThanOrEqual(Math.max(a.split(' ').filter(Boolean).length, b.split(' ').filter(Boolean).length));
      }),
    );
  });

  it('gives the effort as a share of the longer side', () => {
    const edit = getPostEdit('Putin received Haftar in Moscow', 'President Putin received Haftar in the Kremlin', AT);
    expect(edit).toEqual({ distance: 3, draftWords: 5, finalWords: 7, at: AT });
    expect(getEffortRatio(edit)).toBeCloseTo(3 / 7);
    expect(getEffortRatio({ distance: 0, draftWords: 0, finalWords: 0 })).toBe(0);
  });
});

describe('the first draft of a row, through row saves', () => {
  it('records a typed first draft without its text, and no effort when it is confirmed', () => {
    const typed = applyRowPatch(doc(row('aaaaaaaaaa')), 'aaaaaaaaaa', { target: targetFromText(['Putin']), baseRev: 1 }, { now: AT, user: 'layla' });
    expect(typed.row.origin).toEqual({ kind: 'typed', rev: 2, at: AT, by: 'layla' });
    const more = applyRowPatch(typed.doc, 'aaaaaaaaaa', { target: targetFromText(['Putin received Haftar']), status: 'translated', baseRev: 2 }, { now: LATER, user: 'layla' });
    expect(more.row.origin).toEqual(typed.row.origin);
  });

  it('records an inserted machine translation, and measures the post-editing when the row is confirmed', () => {
    const hint = { kind: 'mt', provider: 'deepl', model: 'quality_optimized' } as const;
    const filled = applyRowPatch(doc(row('aaaaaaaaaa')), 'aaaaaaaaaa', { target: targetFromText(['Putin receives Haftar in Kremlin']), baseRev: 1, origin: hint }, { now: AT, user: 'layla' });
    expect(filled.row.origin).toEqual({ kind: 'mt', provider: 'deepl', model: 'quality_optimized', rev: 2, at: AT, by: 'layla', text: 'Putin receives Haftar in Kremlin' });
    // A later hint does not change the first draft's record.
    const edited = applyRowPatch(filled.doc, 'aaaaaaaaaa', { target: targetFromText(['Putin received Haftar in the Kremlin']), baseRev: 2, origin: { kind: 'memory', score: 1 } }, { now: AT, user: 'layla' });
    expect(edited.row.origin?.kind).toBe('mt');
    expect(edited.row.origin?.postEdit).toBeUndefined();
    const confirmed = applyRowPatch(edited.doc, 'aaaaaaaaaa', { status: 'translated', baseRev: 3 }, { now: LATER, user: 'layla' });
    expect(confirmed.row.origin?.postEdit).toEqual({ distance: 2, draftWords: 5, finalWords: 6, at: LATER });
    expect(() => parseDocument(confirmed.doc, 'doc')).not.toThrow();
    // Approving the same text keeps the measure; editing and confirming again measures again.
    const approved = applyRowPatch(confirmed.doc, 'aaaaaaaaaa', { status: 'approved', baseRev: 4 }, { now: LATER, user: 'omar' });
    expect(approved.row.origin?.postEdit?.distance).toBe(2);
    const reworked = applyRowPatch(approved.doc, 'aaaaaaaaaa', { target: targetFromText(['Putin receives Haftar in Kremlin']), status: 'translated', baseRev: 5 }, { now: LATER, user: 'layla' });
    expect(reworked.row.origin?.postEdit?.distance).toBe(0);
  });

  it('forgets the draft when the row is emptied, so the next one is recorded afresh', () => {
    const filled = applyRowPatch(doc(row('aaaaaaaaaa')), 'aaaaaaaaaa', { target: targetFromText(['Draft']), baseRev: 1, origin: { kind: 'memory', score: 0.9 } }, { now: AT, user: 'layla' });
    const emptied = applyRowPatch(filled.doc, 'aaaaaaaaaa', { target: emptyTarget(), baseRev: 2 }, { now: AT, user: 'layla' });
    expect(emptied.row.origin).toBeUndefined();
    expect(emptied.row.status).toBe('untranslated');
    const again = applyRowPatch(emptied.doc, 'aaaaaaaaaa', { target: targetFromText(['Typed']), baseRev: 3 }, { now: AT, user: 'layla' });
    expect(again.row.origin?.kind).toBe('typed');
  });

  it('leaves rows drafted before origins were recorded without one', () => {
    const old = row('aaaaaaaaaa', ['An old translation'], 'draft', 3);
    const saved = applyRowPatch(doc(old), 'aaaaaaaaaa', { target: targetFromText(['A newer translation']), status: 'translated', baseRev: 3 }, { now: AT, user: 'layla' });
    expect(saved.row.origin).toBeUndefined();
  });
});

describe('fillRowDraft, isUntouchedFill and clearRowDraft', () => {
  it('fills an empty row as a draft of a run, and undoes it only while nobody touched the row', () => {
    const filled = fillRowDraft(row('aaaaaaaaaa'), targetFromText(['From the memory']), { kind: 'memory', score: 0.92 }, { now: AT, user: 'omar', runId: 'run0000001' });
    expect(filled).toMatchObject({ status: 'draft', rev: 2, updatedBy: 'omar' });
    expect(filled.origin).toEqual({ kind: 'memory', score: 0.92, runId: 'run0000001', rev: 2, at: AT, by: 'omar', text: 'From the memory' });
    expect(isUntouchedFill(filled, 'run0000001')).toBe(true);
    expect(isUntouchedFill(filled, 'run0000002')).toBe(false);
    expect(isUntouchedFill({ ...filled, rev: 3 }, 'run0000001')).toBe(false);
    const cleared = clearRowDraft(filled, { now: LATER, user: 'omar' });
    expect(cleared).toMatchObject({ status: 'untranslated', rev: 3, target: emptyTarget(), updatedAt: LATER });
    expect(cleared.origin).toBeUndefined();
  });

  it('never fills a row that has text, nor with an empty draft', () => {
    expectModelError(() => fillRowDraft(row('aaaaaaaaaa', ['Mine']), targetFromText(['Other']), { kind: 'mt', provider: 'x' }, { now: AT, user: null }), 'conflict');
    expectModelError(() => fillRowDraft(row('aaaaaaaaaa'), emptyTarget(), { kind: 'mt', provider: 'x' }, { now: AT, user: null }), 'invalid');
  });
});
