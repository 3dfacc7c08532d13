import { z } from 'zod';
import { staticHtmlPage } from '@/components/reader/static-html';
import { requireUser } from '@/lib/auth/current-user';
import { ModelError } from '@/lib/model';
import { WORD_LAYOUTS, type WordLayout } from '@/lib/model/word';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { EXPORT_FORMATS, EXPORT_LOCALES, exportDocument, type ExportFile } from '@/lib/service/export';

export const dynamic = 'force-dynamic';

const formatSchema = z.enum(EXPORT_FORMATS);
const wordLayoutSchema = z.enum(WORD_LAYOUTS);
const localeSchema = z.enum(EXPORT_LOCALES);

/** A file as a download; a page of its own (the static HTML) with its own policy. */
function download(file: ExportFile): Response {
  const headers: Record<string, string> = { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` };
  if (file.policy) Object.assign(headers, { 'x-content-type-options': 'nosniff', 'content-security-policy': file.policy });
  return new Response(file.body, { headers });
}

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
  let wordLayout: WordLayout | undefined;
  if (format.data === 'docx') {
    const layout = wordLayoutSchema.safeParse(url.searchParams.get('layout') ?? 'target');
    if (!layout.success) throw new ModelError('invalid', `unknown Word layout; use one of: ${WORD_LAYOUTS.join(', ')}`);
    wordLayout = layout.data;
  }
  let locale: z.infer<typeof localeSchema> | undefined;
  if (format.data === 'html') {
    const parsed = localeSchema.safeParse(url.searchParams.get('locale') ?? 'en');
    if (!parsed.success) throw new ModelError('invalid', `unknown locale; use one of: ${localeSchema.options.join(', ')}`);
    locale = parsed.data;
  }
  const file = await exportDocument(
    slug,
    { format: format.data, locale, wordLayout, layout: url.searchParams.get('layout'), version: url.searchParams.get('version'), origin: url.origin },
    staticHtmlPage,
  );
  return download(file);
});
