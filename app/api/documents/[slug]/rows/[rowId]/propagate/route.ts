import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { BODY_LIMITS, readOptionalJsonBody } from '@/lib/http/body';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { fillRepetitions } from '@/lib/service/repetitions';

export const dynamic = 'force-dynamic';

/**
 * Fills the untranslated repetitions of a translated or approved row with its translation, as drafts:
 * `{filled: [row…]}` (empty when there is nothing to fill). Translators and editors.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/propagate'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  const user = await requireUser(request, 'edit-target');
  await readOptionalJsonBody(request, z.strictObject({}), BODY_LIMITS.row);
  return Response.json(await fillRepetitions(slug, rowId, user.name));
});
