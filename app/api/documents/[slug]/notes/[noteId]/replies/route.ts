import { requireUser } from '@/lib/auth/current-user';
import { replyRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { replyToNote } from '@/lib/service/notes';

export const dynamic = 'force-dynamic';

/** Replies to a note: `{body}` → 201 `{note, reply}`. */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/notes/[noteId]/replies'>) => {
  const { slug, noteId } = await ctx.params;
  const user = await requireUser(request, 'comment');
  const { body } = await readJsonBody(request, replyRequestSchema, BODY_LIMITS.row);
  return Response.json(await replyToNote(parseSlugParam(slug), parseIdParam(noteId, 'note'), body, user), { status: 201 });
});
