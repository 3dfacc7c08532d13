import type { BandTotal, DraftReport, RepetitionGroup, Role, Row, RowAnalysis, SkippedTu, TargetDoc } from '@/lib/model';
import type { GlossaryImportResult } from '@/lib/model/glossary-io';
import type { WordSkipped } from '@/lib/model/word';
import type { SkippedUnit, XliffUnitOutcome, XliffUnitReport, XliffVersion } from '@/lib/model/xliff';

/**
 * The shapes of the API's answers that are not model types themselves. `wire-types.test.ts` checks each against
 * what the server's use case returns, so the two cannot drift apart.
 */

/** `POST /api/documents` with a text. */
export interface CreatedDocument {
  slug: string;
  rows: number;
}

/** `POST /api/documents` with an XLIFF file: the document in the file's language pair. */
export interface CreatedXliffDocument extends CreatedDocument {
  sourceLang: string;
  targetLang: string;
  notes: number;
  skipped?: SkippedUnit[];
}

/** `GET /api/documents/:slug/publish`: what the editor's header shows about publishing. */
export interface PublishState {
  published: boolean;
  version: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** Rows that differ from the published text (changed, added or removed); null when not published. */
  changedRows: number | null;
  /** Rows with no translation now: a publication would show them in the original only. */
  untranslatedRows: number;
  credit: string | null;
  sourceUrl: string | null;
}

/** `POST /api/documents/:slug/publish`. */
export interface Publication {
  version: number;
  publishedAt: string;
  /** The reading page, without the locale. */
  url: string;
  rows: number;
  notes: number;
}

/** `POST /api/documents/:slug/import?format=xliff`: the file's languages and every unit's outcome. */
export interface XliffImportResult {
  preview: boolean;
  version: XliffVersion;
  srcLang: string;
  trgLang: string | null;
  units: XliffUnitReport[];
  counts: Partial<Record<XliffUnitOutcome, number>>;
  /** How many rows changed (0 for a preview). */
  applied: number;
  /** How many notes and replies the units brought that the document did not have (0 for a preview). */
  notesAdded: number;
}

/** `POST /api/memory/import`: units read from the TMX file and what became of them. */
export interface MemoryImportReport {
  units: number;
  added: number;
  replaced: number;
  unchanged: number;
  skipped: SkippedTu[];
}

/** The signed-in person as `GET/POST /api/session` answers. */
export interface SessionUser {
  name: string;
  role: Role;
  demo?: boolean;
}

/** How to sign in: a name and password from the users file, or (development only) a demo person. */
export type SignInRequest = { name: string; password: string } | { demo: string };

/** `DELETE` answers of notes, replies and glossary entries: the id that is gone. */
export interface Deleted {
  deleted: string;
}

/** `POST /api/documents` with a Word .docx file: what it held that was not imported, and where. */
export interface CreatedWordDocument extends CreatedDocument {
  sourceLang: string;
  targetLang: string;
  skipped: WordSkipped[];
}

/** `GET /api/documents/:slug/analysis`: words by match band against the memory as it stands. */
export interface DocumentAnalysisResult {
  slug: string;
  /** When the document was last changed: the analysis is of that version. */
  updatedAt: string;
  memoryEntries: number;
  totalRows: number;
  totalWords: number;
  bands: BandTotal[];
  rows: RowAnalysis[];
  repetitions: RepetitionGroup[];
}

/** `GET /api/documents/:slug/report`: words by draft origin and post-editing effort. */
export interface DocumentReport extends DraftReport {
  slug: string;
  title: string;
  updatedAt: string;
}

/** The body of `POST /api/documents/:slug/pretranslate`; `{}` means the defaults. */
export interface PretranslateOptions {
  /** Fill from the memory (default true). */
  useMemory?: boolean;
  /** The lowest memory score used, 0.5–1 (default 0.85). */
  minScore?: number;
  /** Fill the rows the memory cannot from machine translation (default: when a provider is configured). */
  useMt?: boolean;
  /** Only these rows (default: every row). */
  rowIds?: string[];
}

/** Why a row was not filled: the provider's error, or the row changed while the run worked on it. */
export interface RowProblem {
  code: string;
  message: string;
  retryAfter?: number;
}

/** What a pre-translation run reports, one JSON object a line. */
export type PretranslateEvent =
  | {
      type: 'start';
      runId: string;
      /** Untranslated rows the run will try to fill. */
      total: number;
      memory: { minScore: number } | null;
      mt: { provider: string; model: string | null } | null;
    }
  | { type: 'row'; rowId: string; outcome: 'filled'; row: Row }
  | { type: 'row'; rowId: string; outcome: 'failed' | 'skipped'; problem: RowProblem }
  | { type: 'progress'; done: number; total: number; filled: number; failed: number; skipped: number }
  | { type: 'done'; runId: string; cancelled: boolean; filled: number; failed: number; skipped: number; fromMemory: number; fromMt: number }
  | { type: 'error'; error: { code: string; message: string } };

/** A pre-translation run in progress. */
export interface ActivePretranslation {
  runId: string;
  slug: string;
  startedAt: string;
  by: string;
  total: number;
  done: number;
}

/** A past run as the rows remember it. */
export interface PastPretranslation {
  runId: string;
  at: string;
  by: string | null;
  /** Rows still holding the run's draft, and of those the ones nobody changed since (what an undo reverts). */
  rows: number;
  untouched: number;
}

/** `GET /api/documents/:slug/rows/:rowId/mt`: a row's machine translation, ready to insert. */
export interface MtSuggestion {
  rowId: string;
  provider: string;
  model: string | null;
  target: TargetDoc;
}

/** `GET /api/mt`: which provider and model translate here, or none (and why). */
export interface MtStatus {
  provider: string | null;
  model: string | null;
  problem: string | null;
}

/** `POST /api/glossary/import`: the counts, what was left out and why, and the glossary as it now is. */
export type GlossaryImportReport = GlossaryImportResult;
