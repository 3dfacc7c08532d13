import {
  ModelError,
  parseReaderLayout,
  toAnnotationCollection,
  type BilingualDocument,
  type PublishedSnapshot,
  type ReaderLayout,
} from '@/lib/model';
import { toBilingualMarkdown } from '@/lib/model/markdown';
import type { WordLayout } from '@/lib/model/word';
import { toXliff12, toXliff2 } from '@/lib/model/xliff';
import { DOCX_CONTENT_TYPE } from '@/lib/formats/docx-reader';
import { getDocumentStore } from '@/lib/storage';
import { listNotes } from './notes';
import { exportWord } from './word';

/** The formats a document exports to. */
export const EXPORT_FORMATS = ['json', 'w3c', 'html', 'xliff', 'md', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Interface languages of the static page's own words. */
export const EXPORT_LOCALES = ['en', 'ar'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];

/** A file to download: what it holds, its type and the name it is saved under. */
export interface ExportFile {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  fileName: string;
  /** A page of its own (the static HTML) carries its own Content-Security-Policy, sent as a header too. */
  policy?: string;
}

/**
 * The self-contained page of a published snapshot. It is React, so it lives beside the reader's components
 * (components/reader/static-html.tsx) and is handed in by the caller: lib/ never imports components/.
 */
export interface StaticPageRenderer {
  render(snapshot: PublishedSnapshot, options: { locale: ExportLocale; layout: ReaderLayout; subsetFonts?: boolean }): Promise<string>;
  policy: string;
}

/** What an export asks for, as the route or the script read it. */
export interface ExportRequest {
  format: ExportFormat;
  /** html: the page's interface language. */
  locale?: ExportLocale;
  /** html: `?layout=` as given (a layout name or a language tag); anything unknown is side by side. */
  layout?: string | null;
  /** html: subset the inlined font to the text (default true). */
  subsetFonts?: boolean;
  /** docx: the translation alone (default) or both languages in a two-column table. */
  wordLayout?: WordLayout;
  /** xliff: '2.0' (default) or '1.2'; anything else is refused. */
  version?: string | null;
  /** The app's public origin: the W3C annotations' ids are addresses under it. */
  origin: string;
}

/**
 * The published snapshot to export: 'not-found' for a document that does not exist, 'conflict' for one that is
 * not published (its current text is not the published one).
 */
export async function getPublishedForExport(slug: string): Promise<PublishedSnapshot> {
  const store = getDocumentStore();
  await store.get(slug);
  const snapshot = await store.getPublished(slug);
  if (!snapshot) throw new ModelError('conflict', `document "${slug}" is not published: publish it first, then export its published version`);
  return snapshot;
}

/** The published version as one self-contained HTML file, named after the document and its version. */
export async function exportPublishedHtml(
  slug: string,
  request: Pick<ExportRequest, 'locale' | 'layout' | 'subsetFonts'>,
  page: StaticPageRenderer,
): Promise<ExportFile> {
  const snapshot = await getPublishedForExport(slug);
  const layout = parseReaderLayout(request.layout, snapshot);
  const body = await page.render(snapshot, { locale: request.locale ?? 'en', layout, subsetFonts: request.subsetFonts });
  return { body, contentType: 'text/html; charset=utf-8', fileName: `${slug}.v${snapshot.version}.html`, policy: page.policy };
}

/**
 * A document exported: `json` (as stored), `w3c` (its notes as a W3C AnnotationCollection), `xliff` (2.0 with the
 * notes, or 1.2), `md` (bilingual Markdown), `docx` (Word) or `html` (the published version, through `page`).
 */
export async function exportDocument(slug: string, request: ExportRequest, page: StaticPageRenderer): Promise<ExportFile> {
  if (request.format === 'html') return exportPublishedHtml(slug, request, page);
  if (request.format === 'docx') {
    const { bytes, fileName } = await exportWord(slug, request.wordLayout ?? 'target');
    return { body: new Uint8Array(bytes), contentType: DOCX_CONTENT_TYPE, fileName };
  }
  const doc = await getDocumentStore().get(slug);
  switch (request.format) {
    case 'xliff':
      return exportXliff(doc, request.version ?? '2.0');
    case 'md':
      return { body: toBilingualMarkdown(doc), contentType: 'text/markdown; charset=utf-8', fileName: `${slug}.md` };
    case 'json':
      return { body: JSON.stringify(doc), contentType: 'application/json', fileName: `${slug}.json` };
    case 'w3c': {
      const collection = toAnnotationCollection(doc, await listNotes(slug), { origin: request.origin });
      return {
        body: JSON.stringify(collection, null, 2),
        contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        fileName: `${slug}.annotations.jsonld`,
      };
    }
  }
}

async function exportXliff(doc: BilingualDocument, version: string): Promise<ExportFile> {
  if (version !== '2.0' && version !== '1.2') throw new ModelError('invalid', 'unknown XLIFF version; use version=2.0 or version=1.2');
  const notes = await listNotes(doc.slug);
  return {
    body: version === '1.2' ? toXliff12(doc, notes) : toXliff2(doc, notes),
    contentType: 'application/xliff+xml; charset=utf-8',
    fileName: `${doc.slug}.xlf`,
  };
}
