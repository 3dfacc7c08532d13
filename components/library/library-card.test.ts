import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '@/lib/model/summary';
import { getCardCounts, toLibraryCard } from './library-card';

const summary: DocumentSummary = {
  slug: 'putin-haftar',
  title: 'بوتين يستقبل حفتر',
  targetTitle: 'Putin receives Haftar',
  sourceLang: 'ar',
  targetLang: 'en',
  rowCount: 21,
  statusCounts: { untranslated: 10, draft: 3, 'needs-changes': 0, translated: 8, approved: 0 },
  progress: 8 / 21,
  words: { translated: 120, total: 400 },
  updatedAt: '2025-01-01T16:40:00.000Z',
  published: true,
};

describe('toLibraryCard', () => {
  it('keeps what the card shows, its counts back by status', () => {
    const card = toLibraryCard(summary, 'Jan 1, 2025, 4:40 PM');
    expect(card).toEqual({
      slug: 'putin-haftar',
      title: 'بوتين يستقبل حفتر',
      targetTitle: 'Putin receives Haftar',
      sourceLang: 'ar',
      targetLang: 'en',
      rows: 21,
      counts: [10, 3, 0, 8, 0],
      words: [120, 400],
      updated: 'Jan 1, 2025, 4:40 PM',
      published: true,
    });
    expect(getCardCounts(card)).toEqual(summary.statusCounts);
  });

  it('leaves out a missing translated title and an unpublished document', () => {
    const card = toLibraryCard({ ...summary, targetTitle: '', published: false }, 'x');
    expect(card).not.toHaveProperty('targetTitle');
    expect(card).not.toHaveProperty('published');
  });
});
