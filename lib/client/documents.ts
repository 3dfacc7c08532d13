import type {
  BilingualDocument,
  BrokenDocument,
  BulkStatusRequest,
  CreateDocumentRequest,
  DocumentSummary,
  Row,
  ReviewChange,
  RowPatch,
  RowRevision,
} from '@/lib/model';
import type { ApiRequest, ApiStream } from './http';
import { documentRoutes, mtRoutes, withQueryString } from './routes';
import type {
  ActivePretranslation,
  CreatedDocument,
  CreatedWordDocument,
  CreatedXliffDocument,
  DocumentAnalysisResult,
  DocumentReport,
  MtStatus,
  MtSuggestion,
  PastPretranslation,
  PretranslateEvent,
  PretranslateOptions,
  Publication,
  PublishState,
  XliffImportResult,
} from './types';

/** Export formats of `GET /api/documents/:slug/export`. */
export type ExportFormat = 'json' | 'w3c' | 'html' | 'xliff' | 'md' | 'docx';

/** The content type of a Word .docx file. */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Documents, their rows, publishing, and XLIFF in and out. */
/** The rows of `GET /api/documents/:slug/rows` as they arrive (see ApiClient.streamRows); `T` other than Row in tests. */
export interface RowStream<T = Row> {
  /** Rows of the document before the first block sent: they come after the others. */
  rowsBefore: number;
  /** Rows in all, or null when the server did not say. */
  rowCount: number | null;
  blocks: AsyncIterable<T[]>;
}

/** A count from a header, or null when it is missing or not a count. */
function readCount(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

export function documentsApi(request: ApiRequest, stream: ApiStream) {
  return {
    /** The library: every document's summary, and the ones whose files are broken. */
    listDocuments: () => request<{ documents: DocumentSummary[]; broken: BrokenDocument[] }>(documentRoutes.list()),

    /** Creates a document from Arabic text (plain or Markdown). Editors only. */
    createDocument: (body: CreateDocumentRequest) => request<CreatedDocument>(documentRoutes.list(), { method: 'POST', json: body }),

    /**
     * Creates a document from an XLIFF file, in the file's language pair; `targetLang` names the language of the
     * translation when the file does not. Editors only.
     */
    createDocumentFromXliff: (xliff: string, named: { title?: string; slug?: string; targetLang?: string } = {}) =>
      request<CreatedXliffDocument>(documentRoutes.list(), {
        method: 'POST',
        body: xliff,
        contentType: 'application/xliff+xml',
        query: { title: named.title, slug: named.slug, targetLang: named.targetLang },
      }),

    /** Creates a document from a Word .docx file (sent as it is); answers what it held that was not imported. */
    createDocumentFromWord: (docx: ArrayBuffer | Blob, named: { title?: string; slug?: string; sourceLang?: string; targetLang?: string } = {}) =>
      request<CreatedWordDocument>(documentRoutes.list(), {
        method: 'POST',
        body: docx,
        contentType: DOCX_CONTENT_TYPE,
        query: { title: named.title, slug: named.slug, sourceLang: named.sourceLang, targetLang: named.targetLang },
      }),

    /** The whole document. */
    getDocument: (slug: string) => request<BilingualDocument>(documentRoutes.document(slug)),

    /** Saves one row; a stale `baseRev` throws a 409 ApiError carrying the current row. */
    saveRow: (slug: string, rowId: string, patch: RowPatch) => request<Row>(documentRoutes.row(slug, rowId), { method: 'PATCH', json: patch }),

    /**
     * An export as a file to save: its bytes and the name the server gives it. An error answer throws an ApiError
     * as any call does, so the page can say what went wrong instead of saving the error as a file.
     */
    downloadExport: async (slug: string, format: ExportFormat, options: { locale?: string; layout?: string } = {}) => {
      const { response } = await stream<never>(documentRoutes.export(slug), { query: { format, ...options } });
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      return { blob: await response.blob(), fileName: name ?? `${slug}.${format}` };
    },

    /** Sets one status on many rows, all of them or none; answers the rows that changed. */
    setRowsStatus: (slug: string, body: BulkStatusRequest) =>
      request<{ rows: Row[] }>(documentRoutes.rowsStatus(slug), { method: 'POST', json: body }),

    /** Splits a row before source block `sourceIndex`, the translation before paragraph `targetIndex`. */
    splitRow: (slug: string, rowId: string, body: { sourceIndex: number; targetIndex: number; baseRev: number }) =>
      request<{ rows: [Row, Row] }>(documentRoutes.split(slug, rowId), { method: 'POST', json: body }),

    /** Merges a row with the next one. */
    mergeRows: (slug: string, rowId: string, body: { baseRev: number; nextBaseRev?: number }) =>
      request<{ row: Row; removedId: string }>(documentRoutes.merge(slug, rowId), { method: 'POST', json: body }),

    /** A row's revisions, oldest first. */
    getRowHistory: async (slug: string, rowId: string) =>
      (await request<{ revisions: RowRevision[] }>(documentRoutes.history(slug, rowId))).revisions,

    /** A row's revisions, oldest first, with the display names of who made them (user name → name shown). */
    getRowHistoryWithNames: (slug: string, rowId: string) =>
      request<{ revisions: RowRevision[]; names: Record<string, string> }>(documentRoutes.history(slug, rowId)),

    /** Restores the English of revision `rev` as a new revision; a stale `baseRev` throws a 409 carrying the row. */
    restoreRow: (slug: string, rowId: string, body: { rev: number; baseRev: number }) =>
      request<Row>(documentRoutes.restore(slug, rowId), { method: 'POST', json: body }),

    /** The rows whose English changed since the signed-in person last reviewed them. */
    getReviewChanges: (slug: string) => request<{ changes: ReviewChange[]; names: Record<string, string> }>(documentRoutes.reviewChanges(slug)),

    /** The machine translation of a row, to offer beside its memory matches; `mt-…` codes when the provider fails. */
    getRowMtSuggestion: (slug: string, rowId: string, options: { signal?: AbortSignal } = {}) =>
      request<MtSuggestion>(documentRoutes.rowMt(slug, rowId), { signal: options.signal }),

    /** Whether machine translation is available here. */
    getMtStatus: () => request<MtStatus>(mtRoutes.status()),

    /** Fills the untranslated repetitions of a translated row with its translation, as drafts. */
    fillRepetitions: (slug: string, rowId: string) =>
      request<{ filled: Row[] }>(documentRoutes.propagate(slug, rowId), { method: 'POST', json: {} }),

    /** Words by match band against the memory as it stands. */
    getDocumentAnalysis: (slug: string) => request<DocumentAnalysisResult>(documentRoutes.analysis(slug)),

    /** Words by draft origin and post-editing effort. */
    getDocumentReport: (slug: string) => request<DocumentReport>(documentRoutes.report(slug)),

    /** The runs whose drafts are in the document, and the one running now. */
    listPretranslations: (slug: string) =>
      request<{ active: ActivePretranslation | null; runs: PastPretranslation[] }>(documentRoutes.pretranslate(slug)),

    /**
     * Starts pre-translating the untranslated rows (editors) and yields the run's events as they come (start, a
     * line per row, progress, done or error). Aborting `signal` closes the stream, which cancels the run.
     */
    startPretranslation: async (slug: string, options: PretranslateOptions = {}, signal?: AbortSignal) =>
      (await stream<PretranslateEvent>(documentRoutes.pretranslate(slug), { method: 'POST', json: options, signal })).lines,

    /**
     * The document's rows, a block (an array of up to 250 rows) at a time as they arrive: in order, or with
     * `first` the block holding that row first, then the blocks after it, then those before it (`rowsBefore`
     * rows, which come last). `rowCount` is how many rows there are in all.
     */
    streamRows: async (slug: string, options: { signal?: AbortSignal; first?: string | null } = {}): Promise<RowStream> => {
      const { response, lines } = await stream<Row[]>(documentRoutes.rows(slug, options.first), { signal: options.signal });
      return { rowsBefore: readCount(response.headers.get('x-rows-before')) ?? 0, rowCount: readCount(response.headers.get('x-row-count')), blocks: lines };
    },

    /** Cancels a run in progress (editors); `cancelled: false` when it was not running. */
    cancelPretranslation: (slug: string, runId: string) =>
      request<{ cancelled: boolean }>(documentRoutes.pretranslation(slug, runId), { method: 'DELETE' }),

    /** Undoes a run: its rows nobody changed since go back to untranslated. */
    undoPretranslation: (slug: string, runId: string) =>
      request<{ reverted: Row[]; kept: string[] }>(documentRoutes.undoPretranslation(slug, runId), { method: 'POST', json: {} }),

    /** Whether the document is published, which version, and how many rows changed since. */
    getPublishState: (slug: string) => request<PublishState>(documentRoutes.publish(slug)),

    /** Publishes the document as it is now, with its source credit (editors). */
    publishDocument: (slug: string, body: { credit?: string; sourceUrl?: string; include?: 'all' | 'approved' | 'approved-translated' }) =>
      request<Publication>(documentRoutes.publish(slug), { method: 'POST', json: body }),

    /** Takes the published page down (editors). */
    unpublishDocument: (slug: string) => request<{ published: false; version: number }>(documentRoutes.publish(slug), { method: 'DELETE' }),

    /** Checks an XLIFF file against the document: a per-unit report, nothing changed. */
    previewXliffImport: (slug: string, xliff: string) =>
      request<XliffImportResult>(documentRoutes.import(slug), { method: 'POST', body: xliff, contentType: 'application/xliff+xml', query: { format: 'xliff' } }),

    /**
     * Applies an XLIFF file: only `units` (unit id and the row revision the preview showed) when given, else every
     * unit that matches.
     */
    applyXliffImport: (slug: string, xliff: string, units?: { id: string; rev: number }[]) =>
      units
        ? request<XliffImportResult>(documentRoutes.import(slug), { method: 'POST', json: { xliff, units }, query: { format: 'xliff' } })
        : request<XliffImportResult>(documentRoutes.import(slug), {
            method: 'POST',
            body: xliff,
            contentType: 'application/xliff+xml',
            query: { format: 'xliff', confirm: 1 },
          }),
  };
}

/** The address of an export, for a download link (the browser fetches it, not the app). */
export function getExportUrl(
  slug: string,
  format: ExportFormat,
  options: { version?: '2.0' | '1.2'; locale?: string; layout?: string } = {},
): string {
  return withQueryString(documentRoutes.export(slug), { format, ...options });
}
