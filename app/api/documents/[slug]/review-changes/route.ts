import { requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getReviewChanges } from '@/lib/service/review';

export const dynamic = 'force-dynamic';

/**
 * The rows whose English changed since the signed-in person last reviewed them (the last approval, or their own
 * last status change, whichever is later): `{changes: [{rowId, since, target, rev, changedBy, changedAt}], names}`.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/review-changes'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'read');
  return Response.json(await getReviewChanges(slug, user.name));
});
