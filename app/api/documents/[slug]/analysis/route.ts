import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { analyzeDocument } from '@/lib/service/analysis';

export const dynamic = 'force-dynamic';

/**
 * Words by match band against the memory as it stands — repetitions, 100 %, 95–99, 85–94, 75–84, 50–74, new —
 * with each row's band and the repetition groups. Anyone signed in.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/analysis'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  parseQuery(request, z.strictObject({}));
  return Response.json(await analyzeDocument(slug));
});
