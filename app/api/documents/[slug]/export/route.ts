import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { renderStaticHtml, STATIC_EXPORT_CSP } from '@/lib/export/static-html';
import { ModelError, parseReaderLayout, toAnnotationCollection } from '@/lib/model';
import { toBilingualMarkdown } from '@/lib/model/markdown';
import { WORD_LAYOUTS } from '@/lib/model/word';
import { toXliff12, toXliff2 } from '@/lib/model/xliff';
import { DOCX_CONTENT_TYPE } from '@/lib/formats/docx-reader';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { listNotes } from '@/lib/service/notes';
import { exportWord } from '@/lib/service/word';
import { getDocumentStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

const formatSchema = z.enum(['json', 'w3c', 'html', 'xliff', 'md', 'docx']);
const wordLayoutSchema = z.enum(WORD_LAYOUTS);
const localeSchema = z.enum(['en', 'ar']);

/**
 * Exports: `?format=json` (the document as stored), `w3c` (the notes as a W3C AnnotationCollection) or `html` (the
 * published version as one self-contained HTML file; `&locale=en|ar` for its own words, `&layout=` to open in),
 * `xliff` (XLIFF 2.0 with the notes; `&version=1.2` for older tools), `md` (bilingual Markdown) or `docx` (Word:
 * `&layout=target` the translation alone, `&layout=bilingual` a two-column table; public notes as footnotes).
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/export'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  const url = new URL(request.url);
  const format = formatSchema.safeParse(url.searchParams.get('format') ?? 'json');
  if (!format.success) throw new ModelError('invalid', `unknown export format; use one of: ${formatSchema.options.join(', ')}`);
  const store = getDocumentStore();
  if (format.data === 'docx') {
    const layout = wordLayoutSchema.safeParse(url.searchParams.get('layout') ?? 'target');
    if (!layout.success) throw new ModelError('invalid', `unknown Word layout; use one of: ${WORD_LAYOUTS.join(', ')}`);
    const { bytes, fileName } = await exportWord(slug, layout.data);
    return new Response(new Uint8Array(bytes), {
      headers: { 'content-type': DOCX_CONTENT_TYPE, 'content-disposition': `attachment; filename="${fileName}"` },
    });
  }
  if (format.data === 'html') {
    const locale = localeSchema.safeParse(url.searchParams.get('locale') ?? 'en');
    if (!locale.success) throw new ModelError('invalid', `unknown locale; use one of: ${localeSchema.options.join(', ')}`);
    await store.get(slug);
    const snapshot = await store.getPublished(slug);
    if (!snapshot) throw new ModelError('conflict', `document "${slug}" is not published: publish it first, then export its published version`);
    const html = await renderStaticHtml(snapshot, { locale: locale.data, layout: parseReaderLayout(url.searchParams.get('layout'), snapshot) });
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': `attachment; filename="${slug}.v${snapshot.version}.html"`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': STATIC_EXPORT_CSP,
      },
    });
  }
  const doc = await store.get(slug);
  if (format.data === 'xliff') {
    const version = url.searchParams.get('version') ?? '2.0';
    if (version !== '2.0' && version !== '1.2') throw new ModelError('invalid', 'unknown XLIFF version; use version=2.0 or version=1.2');
    const notes = await listNotes(slug);
    return new Response(version === '1.2' ? toXliff12(doc, notes) : toXliff2(doc, notes), {
      headers: { 'content-type': 'application/xliff+xml; charset=utf-8', 'content-disposition': `attachment; filename="${slug}.xlf"` },
    });
  }
  if (format.data === 'md') {
    return new Response(toBilingualMarkdown(doc), {
      headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${slug}.md"` },
    });
  }
  if (format.data === 'json') {
    return Response.json(doc, { headers: { 'content-disposition': `attachment; filename="${slug}.json"` } });
  }
  const collection = toAnnotationCollection(doc, await listNotes(slug), { origin: url.origin });
  return new Response(JSON.stringify(collection, null, 2), {
    headers: {
      'content-type': 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
      'content-disposition': `attachment; filename="${slug}.annotations.jsonld"`,
    },
  });
});
