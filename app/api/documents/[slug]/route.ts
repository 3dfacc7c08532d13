import { requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getDocumentStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

/** The whole document. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  return Response.json(await getDocumentStore().get(slug));
});
