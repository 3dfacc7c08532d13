import { describe, expect, it } from 'vitest';
import { getDraftReport } from './draft-report';
import type { DraftOrigin, Row, RowStatus } from './schema';
import { emptyTarget, targetFromText } from './target';

const AT = '2025-05-10T12:00:00.000Z';
function row(text: string, status: RowStatus, target: string | null, origin?: DraftOrigin): Row {
  return {
    id: 'aaaaaaaaaa',
    rev: 2,
    status,
    source: [{ kind: 'paragraph', text }],
    target: target ? targetFromText([target]) : emptyTarget(),
    updatedAt: AT,
    updatedBy: null,
    ...(origin && { origin }),
  };
}
const base = { rev: 2, at: AT, by: 'layla' };
const edit = (distance: number, draftWords: number, finalWords: number) => ({ distance, draftWords, finalWords, at: AT });

describe('getDraftReport', () => {
  it('counts source words by origin and the post-editing effort of each', () => {
    const report = getDraftReport([
      row('كلمة واحدة', 'translated', 'One word', { ...base, kind: 'mt', provider: 'libretranslate', text: 'A word', postEdit: edit(1, 2, 2) }),
      row('ثلاث كلمات هنا', 'approved', 'Three words here', { ...base, kind: 'mt', provider: 'libretranslate', text: 'Three words here', postEdit: edit(0, 3, 3) }),
      row('نص', 'draft', 'Text', { ...base, kind: 'mt', provider: 'openai', model: 'qwen', text: 'Text' }),
      row('من الذاكرة', 'translated', 'From memory', { ...base, kind: 'memory', score: 1, text: 'From memory', postEdit: edit(0, 2, 2) }),
      row('شبه مطابق', 'translated', 'Nearly the same', { ...base, kind: 'memory', score: 0.8, text: 'Nearly same', postEdit: edit(1, 2, 3) }),
      row('مكتوب باليد', 'translated', 'Typed by hand', { ...base, kind: 'typed' }),
      row('قديم', 'translated', 'Old', undefined),
      row('فارغ تماما', 'untranslated', null),
    ]);
    expect(report.totalWords).toBe(15);
    const by = Object.fromEntries(report.origins.map((o) => [o.origin, o]));
    expect(by.mt).toMatchObject({ rows: 3, words: 6, confirmedRows: 2, confirmedWords: 5, measuredRows: 2, editedWords: 1 });
    expect(by.mt!.effort).toBeCloseTo(1 / 5);
    expect(by['memory-exact']).toMatchObject({ rows: 1, words: 2, effort: 0 });
    expect(by['memory-fuzzy']!.effort).toBeCloseTo(1 / 3);
    expect(by.typed).toMatchObject({ rows: 1, confirmedRows: 1, measuredRows: 0, effort: null });
    expect(by.unrecorded).toMatchObject({ rows: 1, words: 1 });
    expect(by.empty).toMatchObject({ rows: 1, words: 2, confirmedRows: 0 });
    expect(report.mt).toEqual([
      { provider: 'libretranslate', model: null, rows: 2, words: 5, measuredRows: 2, effort: 1 / 5 },
      { provider: 'openai', model: 'qwen', rows: 1, words: 1, measuredRows: 0, effort: null },
    ]);
  });
});
