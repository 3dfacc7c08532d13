import { requireUser } from '@/lib/auth/current-user';
import { can, ModelError, restoreRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { restoreRowRevision } from '@/lib/service/review';

export const dynamic = 'force-dynamic';

/**
 * Restores the English of an earlier revision as a new revision: `{rev, baseRev}` → the new row, or 409 with the
 * current row when `baseRev` is stale. Changing the English needs a translator or editor.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/restore'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  const user = await requireUser(request, 'read');
  if (!can(user.role, 'edit-target')) throw new ModelError('forbidden', `a ${user.role} may not change the translation`);
  const body = await readJsonBody(request, restoreRequestSchema, BODY_LIMITS.row);
  return Response.json(await restoreRowRevision(slug, rowId, body, user.name));
});
