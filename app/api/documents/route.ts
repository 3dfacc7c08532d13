import { requireUser } from '@/lib/auth/current-user';
import { createDocumentRequestSchema, langSchema, ModelError, slugSchema } from '@/lib/model';
import { BODY_LIMITS, readBodyText, readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/responses';
import { createDocument, createDocumentFromXliff } from '@/lib/service/documents';
import { getDocumentStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

/** The library: every document's summary, and the ones whose files are broken. */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  const { documents, broken } = await getDocumentStore().list();
  return Response.json({ documents, broken });
});

/** Content types of an XLIFF body; plain XML counts when its root is <xliff>. */
const XLIFF_TYPES = /^(application\/(x-)?xliff\+xml|application\/xml|text\/xml)\b/i;

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

/**
 * Creates a document: from Arabic text (plain or Markdown) as JSON `{text, title?, slug?}`, or from an XLIFF file
 * (2.0, 2.1, 1.2) sent as `application/xliff+xml` in the file's language pair, with `?title=&slug=`, and `?targetLang=`
 * for a file that names no target language (English when neither says). Editors only.
 */
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request, 'create-document');
  const contentType = request.headers.get('content-type') ?? '';
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
