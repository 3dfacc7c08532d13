import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { splitDocumentRow } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

const splitRequestSchema = z.strictObject({
  sourceIndex: z.number().int().min(1),
  targetIndex: z.number().int().min(0),
  baseRev: z.number().int().min(1),
});

/** Splits a row: `{sourceIndex, targetIndex, baseRev}` → `{rows: [first, second]}`. */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/split'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  const user = await requireUser(request, 'align');
  const { sourceIndex, targetIndex, baseRev } = await readJsonBody(request, splitRequestSchema, BODY_LIMITS.row);
  const result = await splitDocumentRow(slug, rowId, { sourceIndex, targetIndex }, baseRev, user.name);
  return Response.json(result);
});
