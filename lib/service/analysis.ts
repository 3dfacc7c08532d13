import {
  ANALYSIS_MIN_SCORE,
  DocumentAnalysis,
  findMatches,
  findRepetitionGroups,
  getDraftReport,
  getRowSourceText,
  type BandTotal,
  type DraftReport,
  type RepetitionGroup,
  type RowAnalysis,
  type MemoryEntry,
} from '@/lib/model';
import { getDocumentStore, getMemoryStore } from '@/lib/storage';

/** The analysis and the report of a document: the figures of its report page and API. */

export interface DocumentAnalysisResult {
  slug: string;
  /** When the document was last changed: the analysis is of that version, against the memory as it was read. */
  updatedAt: string;
  memoryEntries: number;
  totalRows: number;
  totalWords: number;
  bands: BandTotal[];
  rows: RowAnalysis[];
  repetitions: RepetitionGroup[];
}

/** The lowest score of the bands above 50–74 %. */
const HIGH_BANDS_MIN = 0.75;

/** A slice of work is this long at most before the event loop gets a turn. */
const SLICE_MS = 15;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The last analysis of each document version, per memory version (the memory store hands out the same array until
 * it changes), so the report page and the API asking again cost nothing.
 */
const cache = new WeakMap<readonly MemoryEntry[], Map<string, DocumentAnalysisResult>>();

/**
 * Words by match band against the memory as it stands (lib/model/analysis.ts): each row's best match of 50 % and
 * up in the document's language pair, its own memory entry left out (that is its own translation, not a match); a
 * repetition is not looked up. The rows are matched in slices of at most ~15 ms with the event loop free between
 * them, so a 5,000-row document never holds up other requests.
 */
export async function analyzeDocument(slug: string): Promise<DocumentAnalysisResult> {
  const doc = await getDocumentStore().get(slug);
  const memory = await getMemoryStore().list();
  let byDoc = cache.get(memory);
  if (!byDoc) cache.set(memory, (byDoc = new Map()));
  const key = `${slug}\u0000${doc.updatedAt}\u0000${doc.rows.length}`;
  const known = byDoc.get(key);
  if (known) return known;
  const analysis = new DocumentAnalysis();
  let sliceStart = Date.now();
  for (const row of doc.rows) {
    if (analysis.repeatOf(row)) analysis.add(row, null);
    else {
      const query = getRowSourceText(row);
      const options = { limit: 1, sourceLang: doc.sourceLang, targetLang: doc.targetLang, self: { slug, rowId: row.id } };
      // The memory's index makes a 75 % lookup cheap (a match must hold one of the query's rarest words) and a 50 %
      // one dear (half the query's words, common ones included, each naming most of the memory): the dear lookup
      // only for rows the cheap one found nothing for.
      let [best] = findMatches(query, memory, { ...options, min: HIGH_BANDS_MIN });
      if (!best) [best] = findMatches(query, memory, { ...options, min: ANALYSIS_MIN_SCORE });
      analysis.add(row, best?.score ?? null);
    }
    if (Date.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
  const bands = analysis.totals();
  const result: DocumentAnalysisResult = {
    slug,
    updatedAt: doc.updatedAt,
    memoryEntries: memory.length,
    totalRows: doc.rows.length,
    totalWords: bands.reduce((s, b) => s + b.words, 0),
    bands,
    rows: analysis.rows,
    repetitions: findRepetitionGroups(doc.rows),
  };
  for (const k of byDoc.keys()) if (k.startsWith(`${slug}\u0000`)) byDoc.delete(k);
  byDoc.set(key, result);
  return result;
}

export interface DocumentReport extends DraftReport {
  slug: string;
  title: string;
  updatedAt: string;
}

/** Words by where their draft came from and the post-editing effort of each origin (lib/model/draft-report.ts). */
export async function getDocumentReport(slug: string): Promise<DocumentReport> {
  const doc = await getDocumentStore().get(slug);
  return { slug, title: doc.title, updatedAt: doc.updatedAt, ...getDraftReport(doc.rows) };
}
