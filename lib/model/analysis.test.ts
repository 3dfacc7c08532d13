import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_BANDS, DocumentAnalysis, getScoreBand } from './analysis';
import type { Row } from './schema';
import { emptyTarget } from './target';

const AT = '2025-05-10T12:00:00.000Z';
function row(id: string, text: string): Row {
  return { id, rev: 1, status: 'untranslated', source: [{ kind: 'paragraph', text }], target: emptyTarget(), updatedAt: AT, updatedBy: null };
}

describe('getScoreBand', () => {
  it.each([
    [1, 'exact'],
    [0.999, '95-99'],
    [0.99, '95-99'],
    [0.95, '95-99'],
    [0.9499, '85-94'],
    [0.85, '85-94'],
    [0.84, '75-84'],
    [0.75, '75-84'],
    [0.7499, '50-74'],
    [0.5, '50-74'],
    [0.49, 'new'],
    [0, 'new'],
    [null, 'new'],
  ] as const)('%s is %s', (score, band) => {
    expect(getScoreBand(score)).toBe(band);
  });

  it('never goes down as the score goes up', () => {
    const order = ANALYSIS_BANDS.slice(1).reverse();
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(order.indexOf(getScoreBand(lo))).toBeLessThanOrEqual(order.indexOf(getScoreBand(hi)));
      }),
    );
  });
});

describe('DocumentAnalysis', () => {
  it('counts the first occurrence of a repeated text in its band and later ones as repetitions', () => {
    const a = new DocumentAnalysis();
    const rows = [row('r1', 'استقبل الرئيس ضيفه'), row('r2', 'كلمة'), row('r3', 'استقبل الرئيسُ ضيفه'), row('r4', 'نص جديد تماما هنا')];
    const scores: Record<string, number | null> = { r1: 0.9, r2: 1, r4: 0.3 };
    for (const r of rows) {
      if (a.repeatOf(r)) a.add(r, null);
      else a.add(r, scores[r.id] ?? null);
    }
    expect(a.rows.map((r) => [r.rowId, r.band, r.words])).toEqual([
      ['r1', '85-94', 3],
      ['r2', 'exact', 1],
      ['r3', 'repetition', 3],
      ['r4', 'new', 4],
    ]);
    expect(a.rows[2]!.repeats).toBe('r1');
    expect(a.rows[3]!.score).toBeNull();
    expect(a.totals()).toEqual([
      { band: 'repetition', rows: 1, words: 3 },
      { band: 'exact', rows: 1, words: 1 },
      { band: '95-99', rows: 0, words: 0 },
      { band: '85-94', rows: 1, words: 3 },
      { band: '75-84', rows: 0, words: 0 },
      { band: '50-74', rows: 0, words: 0 },
      { band: 'new', rows: 1, words: 4 },
    ]);
  });

  it('counts every word once, whatever the bands', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('نص', 'نص آخر', 'كلمة ثالثة هنا', 'جملة'), fc.option(fc.double({ min: 0, max: 1, noNaN: true }))), { maxLength: 30 }), (items) => {
        const a = new DocumentAnalysis();
        let words = 0;
        items.forEach(([text, score], i) => {
          const r = row(`r${i}`, text);
          words += text.split(' ').length;
          a.add(r, score);
        });
        expect(a.totals().reduce((s, t) => s + t.words, 0)).toBe(words);
        expect(a.totals().reduce((s, t) => s + t.rows, 0)).toBe(items.length);
      }),
    );
  });
});
