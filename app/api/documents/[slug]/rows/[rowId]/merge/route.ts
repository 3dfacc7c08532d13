import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { mergeDocumentRow } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

const mergeRequestSchema = z.strictObject({
  baseRev: z.number().int().min(1),
  nextBaseRev: z.number().int().min(1).optional(),
});

/** Merges a row with the next one: `{baseRev, nextBaseRev?}` → `{row, removedId}`. */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/merge'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  const user = await requireUser(request, 'align');
  const { baseRev, nextBaseRev } = await readJsonBody(request, mergeRequestSchema, BODY_LIMITS.row);
  const result = await mergeDocumentRow(slug, rowId, baseRev, nextBaseRev, user.name);
  return Response.json(result);
});
