import type {
  BilingualDocument,
  BrokenDocument,
  CreateDocumentRequest,
  DocumentSummary,
  Row,
  RowPatch,
} from '@/lib/model';
import type { ApiRequest } from './http';
import { documentRoutes, withQueryString } from './routes';
import type { CreatedDocument, CreatedXliffDocument, Publication, PublishState, XliffImportResult } from './types';

/** Export formats of `GET /api/documents/:slug/export`. */
export type ExportFormat = 'json' | 'w3c' | 'html' | 'xliff' | 'md';

/** Documents, their rows, publishing, and XLIFF in and out. */
export function documentsApi(request: ApiRequest) {
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
        text: xliff,
        contentType: 'application/xliff+xml',
        query: { title: named.title, slug: named.slug, targetLang: named.targetLang },
      }),

    /** The whole document. */
    getDocument: (slug: string) => request<BilingualDocument>(documentRoutes.document(slug)),

    /** Saves one row; a stale `baseRev` throws a 409 ApiError carrying the current row. */
    saveRow: (slug: string, rowId: string, patch: RowPatch) => request<Row>(documentRoutes.row(slug, rowId), { method: 'PATCH', json: patch }),

    /** Splits a row before source block `sourceIndex`, the translation before paragraph `targetIndex`. */
    splitRow: (slug: string, rowId: string, body: { sourceIndex: number; targetIndex: number; baseRev: number }) =>
      request<{ rows: [Row, Row] }>(documentRoutes.split(slug, rowId), { method: 'POST', json: body }),

    /** Merges a row with the next one. */
    mergeRows: (slug: string, rowId: string, body: { baseRev: number; nextBaseRev?: number }) =>
      request<{ row: Row; removedId: string }>(documentRoutes.merge(slug, rowId), { method: 'POST', json: body }),

    /** Whether the document is published, which version, and how many rows changed since. */
    getPublishState: (slug: string) => request<PublishState>(documentRoutes.publish(slug)),

    /** Publishes the document as it is now, with its source credit (editors). */
    publishDocument: (slug: string, body: { credit?: string; sourceUrl?: string }) =>
      request<Publication>(documentRoutes.publish(slug), { method: 'POST', json: body }),

    /** Takes the published page down (editors). */
    unpublishDocument: (slug: string) => request<{ published: false; version: number }>(documentRoutes.publish(slug), { method: 'DELETE' }),

    /** Checks an XLIFF file against the document: a per-unit report, nothing changed. */
    previewXliffImport: (slug: string, xliff: string) =>
      request<XliffImportResult>(documentRoutes.import(slug), { method: 'POST', text: xliff, contentType: 'application/xliff+xml', query: { format: 'xliff' } }),

    /**
     * Applies an XLIFF file: only `units` (unit id and the row revision the preview showed) when given, else every
     * unit that matches.
     */
    applyXliffImport: (slug: string, xliff: string, units?: { id: string; rev: number }[]) =>
      units
        ? request<XliffImportResult>(documentRoutes.import(slug), { method: 'POST', json: { xliff, units }, query: { format: 'xliff' } })
        : request<XliffImportResult>(documentRoutes.import(slug), {
            method: 'POST',
            text: xliff,
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
