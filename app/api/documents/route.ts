import { requireUser } from '@/lib/auth/current-user';
import { createDocumentRequestSchema, langSchema, libraryQuerySchema, ModelError, slugSchema } from '@/lib/model';
import { BODY_LIMITS, readBodyBytes, readBodyText, readJsonBody } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { createDocument, createDocumentFromXliff, listLibrary } from '@/lib/service/documents';
import type { WordImportRequest } from '@/lib/model/word';
import { createDocumentFromWord } from '@/lib/service/word';

export const dynamic = 'force-dynamic';

/**
 * The library: document summaries and the documents whose files are broken. With `?q=&sort=&page=&pageSize=` one
 * page (50 by default) of the documents whose title in either language holds `q` (Arabic folded), sorted by
 * `updated`, `title` or `progress`, with `total`, `page` and `pageSize`; with no parameters, every document.
 */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  const query = parseQuery(request, libraryQuerySchema);
  return Response.json(await listLibrary(Object.keys(query).length ? query : null));
});

/** Content types of an XLIFF body; plain XML counts when its root is <xliff>. */
const XLIFF_TYPES = /^(application\/(x-)?xliff\+xml|application\/xml|text\/xml)\b/i;

/** The content type of a .docx body. */
const WORD_TYPE = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\b/i;

/** `?title=&slug=&targetLang=` of an XLIFF import (the body is the file, so they travel in the URL). */
function xliffRequest(url: URL): { title?: string; slug?: string; targetLang?: string } {
  const title = url.searchParams.get('title')?.trim();
  const slug = url.searchParams.get('slug')?.trim();
  const targetLang = url.searchParams.get('targetLang')?.trim();
  if (targetLang && !langSchema.safeParse(targetLang).success) throw new ModelError('invalid', `targetLang "${targetLang.slice(0, 40)}" is not a language tag such as "en" or "fr-CA"`);
  if (title !== undefined && title.length > 300) throw new ModelError('invalid', 'title: must be at most 300 characters');
  if (slug && !slugSchema.safeParse(slug).success) throw new ModelError('invalid', `slug "${slug}" is not valid: use a-z, 0-9 and inner hyphens`);
  return { ...(title && { title }), ...(slug && { slug }), ...(targetLang && { targetLang }) };
}

/** `?title=&slug=&sourceLang=&targetLang=` of a Word import (the languages are checked with the text). */
function wordRequest(url: URL): WordImportRequest {
  const lang = (key: string) => url.searchParams.get(key)?.trim() || undefined;
  return { ...xliffRequest(url), sourceLang: lang('sourceLang'), targetLang: lang('targetLang') };
}

/**
 * Creates a document: from Arabic text (plain or Markdown) as JSON `{text, title?, slug?}`, or from an XLIFF file
 * (2.0, 2.1, 1.2) sent as `application/xliff+xml` in the file's language pair, with `?title=&slug=`, and `?targetLang=`
 * for a file that names no target language (English when neither says), or from a Word .docx sent as its own
 * content type (`?title=&slug=&sourceLang=&targetLang=`). Editors only.
 */
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request, 'create-document');
  const contentType = request.headers.get('content-type') ?? '';
  if (WORD_TYPE.test(contentType)) {
    const named = wordRequest(new URL(request.url));
    const { doc, skipped } = await createDocumentFromWord(await readBodyBytes(request, BODY_LIMITS.import), named, user.name);
    return Response.json({ slug: doc.slug, rows: doc.rows.length, sourceLang: doc.sourceLang, targetLang: doc.targetLang, skipped }, { status: 201 });
  }
  if (XLIFF_TYPES.test(contentType)) {
    const xml = await readBodyText(request, BODY_LIMITS.import);
    const { doc, skipped, notesAdded } = await createDocumentFromXliff(xml, xliffRequest(new URL(request.url)), user.name);
    return Response.json(
      { slug: doc.slug, rows: doc.rows.length, sourceLang: doc.sourceLang, targetLang: doc.targetLang, notes: notesAdded, ...(skipped.length && { skipped }) },
      { status: 201 },
    );
  }
  const body = await readJsonBody(request, createDocumentRequestSchema, BODY_LIMITS.import);
  const doc = await createDocument(body, user.name);
  return Response.json({ slug: doc.slug, rows: doc.rows.length }, { status: 201 });
});
