import { getRepetitionKey } from './repetitions';
import type { Row } from './schema';
import { countSourceWords } from './words';

/**
 * The analysis a project manager asks for first: how many of a document's words are repetitions, exact memory
 * matches, fuzzy matches by band, or new, against the memory as it stands. As MateCat counts: the first
 * occurrence of a repeated text falls in its match band and the later ones are repetitions; a row's score is its
 * best memory match, in whole percent (99.6 % is 99 %, so 100 % means the same text).
 */

export const ANALYSIS_BANDS = ['repetition', 'exact', '95-99', '85-94', '75-84', '50-74', 'new'] as const;
export type AnalysisBand = (typeof ANALYSIS_BANDS)[number];

/** The lowest score worth looking for: below it a row is new. */
export const ANALYSIS_MIN_SCORE = 0.5;

/** The band of a best match score (null or below 50 %: new). */
export function getScoreBand(score: number | null): Exclude<AnalysisBand, 'repetition'> {
  if (score === null) return 'new';
  const percent = Math.floor(score * 100 + 1e-6);
  if (percent >= 100) return 'exact';
  if (percent >= 95) return '95-99';
  if (percent >= 85) return '85-94';
  if (percent >= 75) return '75-84';
  if (percent >= 50) return '50-74';
  return 'new';
}

/** One row's place in the analysis. */
export interface RowAnalysis {
  rowId: string;
  words: number;
  band: AnalysisBand;
  /** The best match's score (null when none reached 50 %, or for a repetition). */
  score: number | null;
  /** For a repetition: the row of the text's first occurrence. */
  repeats?: string;
}

export interface BandTotal {
  band: AnalysisBand;
  rows: number;
  words: number;
}

/**
 * Classifies rows one at a time, in document order, so a caller can work through a long document in slices:
 * `needsScore(row)` says whether the row needs a memory lookup (a repetition does not), `add` records it.
 */
export class DocumentAnalysis {
  private readonly firstOfKey = new Map<string, string>();
  readonly rows: RowAnalysis[] = [];

  /** The first occurrence of this row's text, when the row repeats an earlier one. */
  repeatOf(row: Pick<Row, 'id' | 'source'>): string | undefined {
    const key = getRepetitionKey(row);
    return key ? this.firstOfKey.get(key) : undefined;
  }

  /** Records a row: a repetition of an earlier row, or in the band of `score` (its best match). */
  add(row: Pick<Row, 'id' | 'source'>, score: number | null): RowAnalysis {
    const words = countSourceWords(row.source);
    const key = getRepetitionKey(row);
    const first = key ? this.firstOfKey.get(key) : undefined;
    const result: RowAnalysis = first
      ? { rowId: row.id, words, band: 'repetition', score: null, repeats: first }
      : { rowId: row.id, words, band: getScoreBand(score), score: score !== null && score >= ANALYSIS_MIN_SCORE ? score : null };
    if (key && !first) this.firstOfKey.set(key, row.id);
    this.rows.push(result);
    return result;
  }

  /** Rows and words of each band, every band present, in the order of ANALYSIS_BANDS. */
  totals(): BandTotal[] {
    const totals = new Map<AnalysisBand, BandTotal>(ANALYSIS_BANDS.map((band) => [band, { band, rows: 0, words: 0 }]));
    for (const r of this.rows) {
      const t = totals.get(r.band)!;
      t.rows += 1;
      t.words += r.words;
    }
    return [...totals.values()];
  }
}
