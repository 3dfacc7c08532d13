import type { RowStatus } from '@/lib/model/schema';
import { STATUS_ORDER } from '@/lib/model/status';
import type { DocumentSummary } from '@/lib/model/summary';

/**
 * What a library card needs of a document, as the page sends it to the browser: the card list is a client
 * component, so its props are the page's only copy of the list besides the HTML. Counts are in STATUS_ORDER and
 * the date comes formatted by the server (its time zone, as the rest of the page), so server and browser agree.
 */
export interface LibraryCard {
  slug: string;
  title: string;
  /** The title row's translation; left out when there is none. */
  targetTitle?: string;
  sourceLang: string;
  targetLang: string;
  rows: number;
  /** Rows of each status, in STATUS_ORDER. */
  counts: number[];
  /** Source words translated or approved, and in all. */
  words: [number, number];
  /** When it was last changed, formatted for the interface language. */
  updated: string;
  /** Present (true) when a version is published. */
  published?: true;
}

export function toLibraryCard(summary: DocumentSummary, updated: string): LibraryCard {
  return {
    slug: summary.slug,
    title: summary.title,
    ...(summary.targetTitle && { targetTitle: summary.targetTitle }),
    sourceLang: summary.sourceLang,
    targetLang: summary.targetLang,
    rows: summary.rowCount,
    counts: STATUS_ORDER.map((s) => summary.statusCounts[s]),
    words: [summary.words.translated, summary.words.total],
    updated,
    ...(summary.published && { published: true as const }),
  };
}

/** A card's counts back as a record by status. */
export function getCardCounts(card: Pick<LibraryCard, 'counts'>): Record<RowStatus, number> {
  return Object.fromEntries(STATUS_ORDER.map((s, i) => [s, card.counts[i] ?? 0])) as Record<RowStatus, number>;
}
