import { requireUser } from '@/lib/auth/current-user';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getRowHistory } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

/** A row's revisions, oldest first: `{revisions: [{rev, kind, at, by, status, target, source?, related?, removed?}]}`. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/history'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  await requireUser(request, 'read');
  return Response.json({ revisions: await getRowHistory(slug, rowId) });
});
