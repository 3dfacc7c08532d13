import { requireUser } from '@/lib/auth/current-user';
import { replyRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { changeReply, removeNote } from '@/lib/service/notes';

export const dynamic = 'force-dynamic';

type Ctx = RouteContext<'/api/documents/[slug]/notes/[noteId]/replies/[replyId]'>;

function parseParams(p: { slug: string; noteId: string; replyId: string }) {
  return { slug: parseSlugParam(p.slug), noteId: parseIdParam(p.noteId, 'note'), replyId: parseIdParam(p.replyId, 'reply') };
}

/** Edits a reply (its author only): `{body}`. */
export const PATCH = withErrors(async (request: Request, ctx: Ctx) => {
  const { slug, noteId, replyId } = parseParams(await ctx.params);
  const user = await requireUser(request, 'comment');
  const { body } = await readJsonBody(request, replyRequestSchema, BODY_LIMITS.row);
  return Response.json(await changeReply(slug, noteId, replyId, body, user));
});

/** Deletes a reply (its author, or an editor). */
export const DELETE = withErrors(async (request: Request, ctx: Ctx) => {
  const { slug, noteId, replyId } = parseParams(await ctx.params);
  const user = await requireUser(request, 'comment');
  await removeNote(slug, noteId, user, replyId);
  return Response.json({ deleted: replyId });
});
