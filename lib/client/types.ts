import type { Role } from '@/lib/model';
import type { SkippedUnit, XliffUnitOutcome, XliffUnitReport, XliffVersion } from '@/lib/model/xliff';
import type { SkippedTu } from '@/lib/model';

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

/** `POST /api/tm/import`: units read from the TMX file and what became of them. */
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
