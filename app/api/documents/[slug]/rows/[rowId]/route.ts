import { rowPatchSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { updateRow } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

/** Saves one row: `{target?, status?, baseRev}` → the new row, or 409 with the current row. */
export const PATCH = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]'>) => {
  const { slug, rowId } = await ctx.params;
  const body = await readJsonBody(request, rowPatchSchema, BODY_LIMITS.row);
  const row = await updateRow(parseSlugParam(slug), parseRowIdParam(rowId), body, null);
  return Response.json(row);
});
