import { requireUser } from '@/lib/auth/current-user';
import { parseIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { cancelPretranslation } from '@/lib/service/pretranslate';

export const dynamic = 'force-dynamic';

/** Cancels a run in progress (editors): `{cancelled: true}`, or `{cancelled: false}` when it is not running. */
export const DELETE = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/pretranslate/[runId]'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const runId = parseIdParam(params.runId, 'run');
  await requireUser(request, 'pretranslate');
  return Response.json({ cancelled: cancelPretranslation(slug, runId) });
});
