import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { BODY_LIMITS, readOptionalJsonBody } from '@/lib/http/body';
import { parseIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { undoPretranslation } from '@/lib/service/pretranslate';

export const dynamic = 'force-dynamic';

/**
 * Undoes a run (editors): its rows nobody changed since go back to untranslated, in one write:
 * `{reverted: [row…], kept: [rowId…]}`. 404 when no row holds a draft of the run; 409 while it is running.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/pretranslate/[runId]/undo'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const runId = parseIdParam(params.runId, 'run');
  const user = await requireUser(request, 'pretranslate');
  await readOptionalJsonBody(request, z.strictObject({}), BODY_LIMITS.row);
  return Response.json(await undoPretranslation(slug, runId, user.name));
});
