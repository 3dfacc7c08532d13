import { getWordExport, createDocumentFromWordHtml, type WordImportRequest, type WordLayout, type WordSkipped } from '@/lib/model/word';
import type { BilingualDocument } from '@/lib/model';
import { readWordHtml } from '@/lib/formats/docx-reader';
import { getArabicFontFaces } from '@/lib/formats/docx-font';
import { getWordExportText, hasRightToLeft, writeWordDocument } from '@/lib/formats/docx-writer';
import { getDocumentStore } from '@/lib/storage';
import { newRowId } from '@/lib/storage/ids';
import { now } from '@/lib/clock';
import { storeWithFreeSlug } from './documents';
import { listNotes } from './notes';

/**
 * Creates a document from a .docx file: one row per heading, paragraph and list item (see
 * lib/model/word/import.ts), Arabic→English unless the request names the languages. Returns what the file held
 * that was not imported (tables, images, footnotes) with where it was. Nothing is stored when the file is refused.
 */
export async function createDocumentFromWord(
  bytes: Uint8Array,
  request: WordImportRequest,
  user: string | null,
): Promise<{ doc: BilingualDocument; skipped: WordSkipped[] }> {
  const html = await readWordHtml(bytes);
  const { doc: draft, skipped } = createDocumentFromWordHtml(html, request, { now: now(), user, newId: newRowId, slug: 'draft' });
  const doc = await storeWithFreeSlug(draft, request.slug, draft.title);
  return { doc, skipped };
}

/**
 * The .docx of a document: the translation alone (`target`) or both languages in a two-column table, with the
 * Arabic face embedded (subset to the text) when either language is written right to left.
 */
export async function exportWord(slug: string, layout: WordLayout): Promise<{ bytes: Buffer; fileName: string }> {
  const doc = await getDocumentStore().get(slug);
  const notes = await listNotes(slug);
  const data = getWordExport(doc, notes, layout, now());
  const font = hasRightToLeft(data) ? await getArabicFontFaces(getWordExportText(data)) : null;
  const bytes = await writeWordDocument(data, font);
  const fileName = layout === 'target' ? `${slug}.${doc.targetLang}.docx` : `${slug}.${doc.sourceLang}-${doc.targetLang}.docx`;
  return { bytes, fileName };
}
