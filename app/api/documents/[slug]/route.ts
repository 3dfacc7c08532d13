import { requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getDocument } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

/** The whole document. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  return Response.json(await getDocument(slug));
});
