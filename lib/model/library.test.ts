import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTitle, getLastPage, getPageWindow, parseLibraryParams, queryLibrary } from './library';
import type { DocumentSummary } from './summary';

describe('parseLibraryParams', () => {
  it('reads the query, sort and page of an address', () => {
    expect(parseLibraryParams({ q: '  بوتين ', sort: 'title', page: '3' })).toEqual({ q: 'بوتين', sort: 'title', page: 3 });
    expect(parseLibraryParams({})).toEqual({ q: '', sort: 'updated', page: 1 });
  });

  it('falls back to the defaults for values that are not ones', () => {
    expect(parseLibraryParams({ sort: 'size', page: 'abc' })).toEqual({ q: '', sort: 'updated', page: 1 });
    expect(parseLibraryParams({ page: '0' }).page).toBe(1);
    expect(parseLibraryParams({ page: '2.5' }).page).toBe(1);
    expect(parseLibraryParams({ page: '100001' }).page).toBe(1);
    expect(parseLibraryParams({ q: ['a', 'b'], sort: ['title'] })).toEqual({ q: '', sort: 'updated', page: 1 });
    expect(parseLibraryParams({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });
});

describe('getPageWindow', () => {
  it('shows the ends and the pages around the current one, with gaps', () => {
    expect(getPageWindow(1, 1)).toEqual([1]);
    expect(getPageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(getPageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(getPageWindow(1, 20)).toEqual([1, 2, 3, null, 20]);
    expect(getPageWindow(4, 20)).toEqual([1, 2, 3, 4, 5, 6, null, 20]);
    expect(getPageWindow(20, 20)).toEqual([1, null, 18, 19, 20]);
  });

  it('always holds the first, last and current page, ascending, each once, and never hides a single page', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (a, b) => {
        const last = Math.max(a, b);
        const current = Math.min(a, b);
        const window = getPageWindow(current, last);
        const numbers = window.filter((n): n is number => n !== null);
        expect(numbers).toContain(1);
        expect(numbers).toContain(last);
        expect(numbers).toContain(current);
        expect([...numbers].sort((x, y) => x - y)).toEqual(numbers);
        expect(new Set(numbers).size).toBe(numbers.length);
        window.forEach((n, i) => {
          if (n === null) expect((window[i + 1] as number) - (window[i - 1] as number)).toBeGreaterThan(2);
        });
      }),
    );
  });
});

describe('getLastPage', () => {
  it('counts whole pages, and one page when there is nothing', () => {
    expect(getLastPage(0)).toBe(1);
    expect(getLastPage(50)).toBe(1);
    expect(getLastPage(51)).toBe(2);
    expect(getLastPage(1000)).toBe(20);
  });
});

describe('queryLibrary', () => {
  const summary = (slug: string, title: string, targetTitle: string): DocumentSummary => ({
    slug,
    title,
    targetTitle,
    sourceLang: 'ar',
    targetLang: 'en',
    rowCount: 1,
    statusCounts: { untranslated: 1, draft: 0, 'needs-changes': 0, translated: 0, approved: 0 },
    progress: 0,
    words: { translated: 0, total: 1 },
    updatedAt: '2025-01-01T00:00:00.000Z',
    published: false,
  });
  const letters = fc.constantFrom('ا', 'أ', 'ب', 'ت', 'ـ', 'َ', ' ', 'a', 'B', 'c');
  const title = fc.array(letters, { maxLength: 8 }).map((l) => l.join(''));

  it('searches and sorts by the folded titles, the same on every call and after a title changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(title, title), { minLength: 1, maxLength: 30 }), title, title, (titles, q, renamed) => {
        const all = titles.map(([t, tt], i) => summary(`d-${String(i).padStart(2, '0')}`, t, tt));
        const expected = () => {
          const folded = foldTitle(q);
          return all
            .filter((s) => !folded || foldTitle(s.title).includes(folded) || foldTitle(s.targetTitle).includes(folded))
            .sort((a, b) => (foldTitle(a.title) < foldTitle(b.title) ? -1 : foldTitle(a.title) > foldTitle(b.title) ? 1 : a.slug < b.slug ? -1 : 1))
            .map((s) => s.slug);
        };
        const query = () => queryLibrary(all, { q, sort: 'title', pageSize: 200 }).documents.map((s) => s.slug);
        expect(query()).toEqual(expected());
        expect(query()).toEqual(expected());
        all[0]!.title = renamed;
        expect(query()).toEqual(expected());
      }),
    );
  });
});
