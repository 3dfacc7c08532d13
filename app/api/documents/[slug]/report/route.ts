import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { getDocumentReport } from '@/lib/service/analysis';

export const dynamic = 'force-dynamic';

/** Words by where their draft came from, and the post-editing effort of each origin. Anyone signed in. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/report'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  parseQuery(request, z.strictObject({}));
  return Response.json(await getDocumentReport(slug));
});
