import { requireStatusChange, requireUser } from '@/lib/auth/current-user';
import { bulkStatusRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { setDocumentRowsStatus } from '@/lib/service/bulk-status';

export const dynamic = 'force-dynamic';

/**
 * Sets one status on many rows: `{status, rowIds}` → `{rows}` (the rows that changed). The caller's role must
 * allow the status; every row must exist and may take it (no English: not translated or approved), or nothing
 * changes and the error names the row.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows/status'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'read');
  const body = await readJsonBody(request, bulkStatusRequestSchema, BODY_LIMITS.row);
  requireStatusChange(user, body.status);
  const rows = await setDocumentRowsStatus(slug, body.rowIds, body.status, user.name);
  return Response.json({ rows });
});
