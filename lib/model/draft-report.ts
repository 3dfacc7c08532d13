import type { Row } from './schema';
import { isDoneStatus } from './status';
import { isTargetEmpty } from './target';
import { countSourceWords } from './words';

/**
 * Words by where their draft came from, and the post-editing effort of each origin: the figures a project
 * manager compares to decide whether machine translation or the memory saves the translators time.
 */

export const REPORT_ORIGINS = ['typed', 'memory-exact', 'memory-fuzzy', 'mt', 'repetition', 'unrecorded', 'empty'] as const;
/**
 * `unrecorded`: a row with text but no record (drafted before origins were kept, or brought in by an import);
 * `empty`: no translation yet.
 */
export type ReportOrigin = (typeof REPORT_ORIGINS)[number];

export interface OriginTotal {
  origin: ReportOrigin;
  rows: number;
  /** Source words of those rows. */
  words: number;
  /** Of those, rows translated or approved, and their source words. */
  confirmedRows: number;
  confirmedWords: number;
  /** Confirmed rows whose effort was measured (typed and unrecorded drafts have no draft text to measure from). */
  measuredRows: number;
  /** Word edits from the drafts to the confirmed texts, summed over the measured rows. */
  editedWords: number;
  /**
   * Edits per word of the measured rows (sum of edit distances ÷ sum of the longer side's words): 0 when drafts were
   * confirmed as they were, 1 when every word changed; null when nothing was measured.
   */
  effort: number | null;
}

/** One machine translation provider and model's share. */
export interface MtTotal {
  provider: string;
  model: string | null;
  rows: number;
  words: number;
  measuredRows: number;
  effort: number | null;
}

export interface DraftReport {
  totalWords: number;
  origins: OriginTotal[];
  mt: MtTotal[];
}

/** The report's origin of a row. */
export function getReportOrigin(row: Pick<Row, 'origin' | 'target'>): ReportOrigin {
  if (isTargetEmpty(row.target)) return 'empty';
  const origin = row.origin;
  if (!origin) return 'unrecorded';
  if (origin.kind === 'memory') return (origin.score ?? 0) >= 1 ? 'memory-exact' : 'memory-fuzzy';
  return origin.kind;
}

/** Words by origin and the post-editing effort of each, for a document's rows. */
export function getDraftReport(rows: readonly Pick<Row, 'origin' | 'target' | 'source' | 'status'>[]): DraftReport {
  const origins = new Map<ReportOrigin, OriginTotal & { longer: number }>(
    REPORT_ORIGINS.map((origin) => [
      origin,
      { origin, rows: 0, words: 0, confirmedRows: 0, confirmedWords: 0, measuredRows: 0, editedWords: 0, effort: null, longer: 0 },
    ]),
  );
  const mt = new Map<string, MtTotal & { distance: number; longer: number }>();
  let totalWords = 0;
  for (const row of rows) {
    const words = countSourceWords(row.source);
    totalWords += words;
    const t = origins.get(getReportOrigin(row))!;
    t.rows += 1;
    t.words += words;
    const confirmed = isDoneStatus(row.status);
    if (confirmed) {
      t.confirmedRows += 1;
      t.confirmedWords += words;
    }
    const edit = confirmed && !isTargetEmpty(row.target) ? row.origin?.postEdit : undefined;
    if (edit) {
      t.measuredRows += 1;
      t.editedWords += edit.distance;
      t.longer += Math.max(edit.draftWords, edit.finalWords);
    }
    if (row.origin?.kind === 'mt' && !isTargetEmpty(row.target)) {
      const provider = row.origin.provider ?? 'unknown';
      const model = row.origin.model ?? null;
      const key = `${provider}\u0000${model ?? ''}`;
      let m = mt.get(key);
      if (!m) mt.set(key, (m = { provider, model, rows: 0, words: 0, measuredRows: 0, effort: null, distance: 0, longer: 0 }));
      m.rows += 1;
      m.words += words;
      if (edit) {
        m.measuredRows += 1;
        m.distance += edit.distance;
        m.longer += Math.max(edit.draftWords, edit.finalWords);
      }
    }
  }
  const ratio = (distance: number, longer: number, measured: number) => (measured === 0 ? null : longer === 0 ? 0 : Math.min(1, distance / longer));
  return {
    totalWords,
    origins: [...origins.values()].map(({ longer, ...t }) => ({ ...t, effort: ratio(t.editedWords, longer, t.measuredRows) })),
    mt: [...mt.values()].map(({ distance, longer, ...m }) => ({ ...m, effort: ratio(distance, longer, m.measuredRows) })),
  };
}
