import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getDocumentStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

/** The whole document. */
export const GET = withErrors(async (_request: Request, ctx: RouteContext<'/api/documents/[slug]'>) => {
  const { slug } = await ctx.params;
  return Response.json(await getDocumentStore().get(parseSlugParam(slug)));
});
