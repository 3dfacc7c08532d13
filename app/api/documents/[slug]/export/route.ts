import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { ModelError, toAnnotationCollection } from '@/lib/model';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { listNotes } from '@/lib/service/notes';
import { getDocumentStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

const formatSchema = z.enum(['json', 'w3c']);

/** Exports: `?format=json` (the document as stored) or `w3c` (the notes as a W3C AnnotationCollection). */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/export'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  const url = new URL(request.url);
  const format = formatSchema.safeParse(url.searchParams.get('format') ?? 'json');
  if (!format.success) throw new ModelError('invalid', `unknown export format; use one of: ${formatSchema.options.join(', ')}`);
  const doc = await getDocumentStore().get(slug);
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
