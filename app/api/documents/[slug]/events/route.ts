import { can } from '@/lib/model';
import { getCurrentUser, requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { openDocumentEvents, parseClientId, parseLastEventId } from '@/lib/service/live';

export const dynamic = 'force-dynamic';

/**
 * The document's live events as Server-Sent Events (wire format in lib/service/live.ts). Signed-in people who may
 * read the document; `Last-Event-ID` (or `?lastEventId=`) replays what was missed; `?client=` names the editor page
 * for presence. The reader is checked again with every heartbeat, so someone removed or signed out stops hearing.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/events'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'read');
  const url = new URL(request.url);
  const lastEventId = parseLastEventId(request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'));
  const client = parseClientId(url.searchParams.get('client'));
  const stream = await openDocumentEvents({
    slug,
    user,
    lastEventId,
    client,
    signal: request.signal,
    mayStillRead: async () => {
      const now = await getCurrentUser(request).catch(() => null);
      return now !== null && now.name === user.name && can(now.role, 'read');
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Proxies (nginx) must pass events on as they come.
      'x-accel-buffering': 'no',
    },
  });
});
