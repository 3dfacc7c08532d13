import { requireUser } from '@/lib/auth/current-user';
import { replyRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { replyToNote } from '@/lib/service/notes';

export const dynamic = 'force-dynamic';

/** Replies to a note: `{body}` → 201 `{note, reply}`. */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/notes/[noteId]/replies'>) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const noteId = parseIdParam(params.noteId, 'note');
  const user = await requireUser(request, 'comment');
  const { body } = await readJsonBody(request, replyRequestSchema, BODY_LIMITS.row);
  return Response.json(await replyToNote(slug, noteId, body, user), { status: 201 });
});
