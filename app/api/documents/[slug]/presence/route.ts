import { requireUser } from '@/lib/auth/current-user';
import { presenceRequestSchema } from '@/lib/model';
import { readJsonBody } from '@/lib/http/body';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { setPresence } from '@/lib/service/live';

export const dynamic = 'force-dynamic';

/** Where this editor page is: `{client, rowId | null}` → `{ok: true}`. Everyone on the document hears it as a presence event. */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/presence'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'read');
  const body = await readJsonBody(request, presenceRequestSchema, 1024);
  await setPresence(slug, user, body.client, body.rowId);
  return Response.json({ ok: true });
});
