import { requireStatusChange, requireUser } from '@/lib/auth/current-user';
import { can, ModelError, rowPatchSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { updateRow } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

/**
 * Saves one row: `{target?, status?, baseRev, anchors?, qaIgnored?}` → the new row, or 409 with the current row. Changing
 * the English or the ignored QA findings needs a translator or editor; each status needs a role allowed to set it.
 */
export const PATCH = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  const user = await requireUser(request, 'read');
  const body = await readJsonBody(request, rowPatchSchema, BODY_LIMITS.row);
  if (body.target !== undefined && !can(user.role, 'edit-target')) {
    throw new ModelError('forbidden', `a ${user.role} may not change the translation`);
  }
  if (body.qaIgnored !== undefined && !can(user.role, 'edit-target')) {
    throw new ModelError('forbidden', `a ${user.role} may not ignore quality findings`);
  }
  if (body.status !== undefined) requireStatusChange(user, body.status);
  const row = await updateRow(slug, rowId, body, user.name);
  return Response.json(row);
});
