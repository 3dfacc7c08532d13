import type { BilingualDocument, RowStatus } from './schema';
import { countByStatus, isDoneStatus } from './status';
import { getParagraphText } from './target';
import { getWordProgress } from './words';

/** What the library shows of a document without loading its rows into the page. */
export interface DocumentSummary {
  slug: string;
  title: string;
  /** The translation of the title row, when there is one. */
  targetTitle: string;
  sourceLang: string;
  targetLang: string;
  rowCount: number;
  statusCounts: Record<RowStatus, number>;
  /** Share of rows translated or approved, 0..1. */
  progress: number;
  /** Source words of rows translated or approved, and of all rows (progress by words, see getWordProgress). */
  words: { translated: number; total: number };
  updatedAt: string;
  published: boolean;
}

/** The library's view of a document. */
export function getDocumentSummary(doc: BilingualDocument, published = false): DocumentSummary {
  const statusCounts = countByStatus(doc.rows.map((r) => r.status));
  const done = doc.rows.filter((r) => isDoneStatus(r.status)).length;
  const { translatedWords, totalWords } = getWordProgress(doc);
  const titleRow = doc.rows.find((r) => r.source.some((b) => b.kind === 'title'));
  return {
    slug: doc.slug,
    title: doc.title,
    targetTitle: titleRow ? titleRow.target.content.map(getParagraphText).join(' ').trim() : '',
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    rowCount: doc.rows.length,
    statusCounts,
    progress: doc.rows.length ? done / doc.rows.length : 0,
    words: { translated: translatedWords, total: totalWords },
    updatedAt: doc.updatedAt,
    published,
  };
}

/** A document whose files could not be read, as the library lists it instead of failing whole. */
export interface BrokenDocument {
  slug: string;
  error: string;
}
