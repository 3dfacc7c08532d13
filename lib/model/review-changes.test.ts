import { describe, expect, it } from 'vitest';
import { revisionOf, type RowRevision } from './history';
import { row } from './publish.test-support';
import { getChangesSinceReview } from './review-changes';
import type { Row, RowStatus } from './schema';
import { targetFromText } from './target';

const at = (n: number) => `2025-05-1${n}T00:00:00.000Z`;

/** The row at revision `rev`, its English and status, changed by `by`. */
function version(rev: number, text: string, status: RowStatus, by: string): Row {
  return { ...row('para000001', 'نص'), rev, target: targetFromText([text]), status, updatedAt: at(rev), updatedBy: by };
}

function rev(r: Row, kind: RowRevision['kind']): RowRevision {
  return revisionOf(r, kind);
}

describe('getChangesSinceReview', () => {
  const v1 = version(1, 'Putin received Haftar.', 'translated', 'tariq');
  const v2 = version(2, 'Putin received Haftar.', 'approved', 'rana');
  const v3 = version(3, 'Putin met Haftar.', 'draft', 'tariq');

  it('compares the English with the last approval, and says who changed it since and when', () => {
    const changes = getChangesSinceReview([v3], [rev(v1, 'baseline'), rev(v2, 'status'), rev(v3, 'text')], 'someone');
    expect(changes).toEqual([
      {
        rowId: 'para000001',
        since: { rev: 2, at: at(2), by: 'rana', status: 'approved', why: 'approved' },
        target: v2.target,
        rev: 3,
        changedBy: ['tariq'],
        changedAt: at(3),
      },
    ]);
  });

  it("starts from the reviewer's own last mark when it is later than the approval", () => {
    const v4 = version(4, 'Putin met Haftar.', 'needs-changes', 'omar');
    const v5 = version(5, 'Putin met General Haftar.', 'draft', 'tariq');
    const history = [rev(v1, 'baseline'), rev(v2, 'status'), rev(v3, 'text'), rev(v4, 'status'), rev(v5, 'text')];
    const [change] = getChangesSinceReview([v5], history, 'omar');
    expect(change?.since).toMatchObject({ rev: 4, why: 'marked', by: 'omar' });
    expect(getChangesSinceReview([v5], history, 'someone')[0]?.since.rev).toBe(2);
  });

  it('leaves out rows never reviewed, unchanged since, or changed back to the reviewed text', () => {
    expect(getChangesSinceReview([v1], [rev(v1, 'baseline')], 'rana')).toEqual([]);
    expect(getChangesSinceReview([v2], [rev(v1, 'baseline'), rev(v2, 'status')], 'rana')).toEqual([]);
    const back = version(4, 'Putin received Haftar.', 'draft', 'tariq');
    expect(getChangesSinceReview([back], [rev(v1, 'baseline'), rev(v2, 'status'), rev(v3, 'text'), rev(back, 'text')], 'x')).toEqual([]);
  });

  it('counts a row approved before its history began (its baseline)', () => {
    const approved = version(2, 'Old text.', 'approved', 'rana');
    const now = version(3, 'New text.', 'draft', 'tariq');
    expect(getChangesSinceReview([now], [rev(approved, 'baseline'), rev(now, 'text')], 'x')).toHaveLength(1);
  });
});
