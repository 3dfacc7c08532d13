import { requireUser } from '@/lib/auth/current-user';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getRowHistoryForPeople } from '@/lib/service/review';

export const dynamic = 'force-dynamic';

/**
 * A row's revisions, oldest first, and the display names of who made them:
 * `{revisions: [{rev, kind, at, by, status, target, source?, related?, removed?, reason?}], names: {user: name}}`.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/history'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  await requireUser(request, 'read');
  return Response.json(await getRowHistoryForPeople(slug, rowId));
});
