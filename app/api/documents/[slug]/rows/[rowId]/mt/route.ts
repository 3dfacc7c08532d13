import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { toMtErrorResponse } from '@/lib/http/mt-errors';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { suggestForRow } from '@/lib/service/mt';

export const dynamic = 'force-dynamic';

/**
 * The machine translation of a row, to offer beside its memory matches: `{rowId, provider, model, target}`.
 * Anyone signed in. A provider that fails answers 502/503/504 with `{error: {code: "mt-…", message, retryAfter?}}`;
 * 503 `mt-not-configured` when there is no provider.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/[rowId]/mt'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const rowId = parseRowIdParam(params.rowId);
  await requireUser(request, 'read');
  parseQuery(request, z.strictObject({}));
  try {
    return Response.json(await suggestForRow(slug, rowId, request.signal));
  } catch (e) {
    return toMtErrorResponse(e);
  }
});
