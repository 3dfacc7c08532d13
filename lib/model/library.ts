import { z } from './zod';
import { foldArabic } from './arabic';
import type { DocumentSummary } from './summary';

/** The library's pages hold this many documents. */
export const LIBRARY_PAGE_SIZE = 50;
export const LIBRARY_SORTS = ['updated', 'title', 'progress'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** A request for one page of the library: a title search (either language), an order and a page number. */
export const libraryQuerySchema = z.strictObject({
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  sort: z.enum(LIBRARY_SORTS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/** One page of the library, and how many documents match in all. */
export interface LibraryPage {
  documents: DocumentSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A title as searched and sorted: Arabic folded (marks, tatweel, letter forms), Latin lower-cased, spaces single. */
export function foldTitle(title: string): string {
  return foldArabic(title).text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Share of source words translated or approved, 0..1: what "progress" sorts by. */
export function getWordShare(summary: Pick<DocumentSummary, 'words'>): number {
  return summary.words.total ? summary.words.translated / summary.words.total : 0;
}

/**
 * The order of each sort: most recently updated first; by folded title (code point order, so both stores agree);
 * least progress first (the work still to do). Ties go by slug.
 */
export function compareSummaries(sort: LibrarySort): (a: DocumentSummary, b: DocumentSummary) => number {
  const bySlug = (a: DocumentSummary, b: DocumentSummary) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  if (sort === 'title') {
    return (a, b) => {
      const x = getFoldedTitles(a).title;
      const y = getFoldedTitles(b).title;
      return x < y ? -1 : x > y ? 1 : bySlug(a, b);
    };
  }
  if (sort === 'progress') return (a, b) => getWordShare(a) - getWordShare(b) || bySlug(a, b);
  return (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : bySlug(a, b));
}

interface FoldedTitles {
  title: string;
  targetTitle: string;
  /** The titles they were folded from: a summary changed in place is folded again. */
  source: string;
  targetSource: string;
}

const foldedTitles = new WeakMap<object, FoldedTitles>();

/**
 * A summary's titles folded, once per summary object: the file store's index keeps its summaries between listings
 * (a changed document gets a new one), so searching and sorting 1,000 titles does not fold them on every request.
 */
function getFoldedTitles(summary: Pick<DocumentSummary, 'title' | 'targetTitle'>): FoldedTitles {
  let folded = foldedTitles.get(summary);
  if (!folded || folded.source !== summary.title || folded.targetSource !== summary.targetTitle) {
    folded = { title: foldTitle(summary.title), targetTitle: foldTitle(summary.targetTitle), source: summary.title, targetSource: summary.targetTitle };
    foldedTitles.set(summary, folded);
  }
  return folded;
}

/** True when the folded query is in either title. */
export function matchesTitle(summary: Pick<DocumentSummary, 'title' | 'targetTitle'>, foldedQuery: string): boolean {
  if (!foldedQuery) return true;
  const folded = getFoldedTitles(summary);
  return folded.title.includes(foldedQuery) || folded.targetTitle.includes(foldedQuery);
}

/** A page of summaries held in memory (the file store's index): search, sort, page. */
export function queryLibrary(summaries: readonly DocumentSummary[], query: LibraryQuery = {}): LibraryPage {
  const pageSize = query.pageSize ?? LIBRARY_PAGE_SIZE;
  const page = query.page ?? 1;
  const q = foldTitle(query.q ?? '');
  const found = summaries.filter((s) => matchesTitle(s, q)).sort(compareSummaries(query.sort ?? 'updated'));
  return { documents: found.slice((page - 1) * pageSize, page * pageSize), total: found.length, page, pageSize };
}

/**
 * The library query a page address asks for (`?q=&sort=&page=`), read leniently: an address is typed, shared and
 * edited by hand, so a value that is not one (an unknown sort, `page=abc`, a repeated parameter) falls back to
 * its default instead of failing the page. The query is trimmed and cut to the schema's 200 characters.
 */
export function parseLibraryParams(params: Record<string, string | string[] | undefined>): Required<Pick<LibraryQuery, 'q' | 'sort' | 'page'>> {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  const q = (one(params.q) ?? '').trim().slice(0, 200);
  const sortValue = one(params.sort);
  const sort = (LIBRARY_SORTS as readonly string[]).includes(sortValue ?? '') ? (sortValue as LibrarySort) : 'updated';
  const pageValue = Number(one(params.page));
  const page = Number.isInteger(pageValue) && pageValue >= 1 && pageValue <= 100_000 ? pageValue : 1;
  return { q, sort, page };
}

/** The number of the last page for `total` documents (1 when there are none). */
export function getLastPage(total: number, pageSize = LIBRARY_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The page numbers a pager shows around `current`: the first and last, and `around` on either side of the
 * current one, with `null` where numbers are left out (1 … 4 5 6 … 20). Ascending, each number once.
 */
export function getPageWindow(current: number, last: number, around = 2): (number | null)[] {
  const shown = new Set<number>([1, last]);
  for (let n = current - around; n <= current + around; n++) if (n >= 1 && n <= last) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const prev = out[out.length - 1];
    // A gap of one number shows the number itself: "1 2 3", never "1 … 3".
    if (typeof prev === 'number' && n - prev === 2) out.push(prev + 1);
    else if (typeof prev === 'number' && n - prev > 2) out.push(null);
    out.push(n);
  }
  return out;
}
