import { requireUser } from '@/lib/auth/current-user';
import { updateNoteRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { changeNote, removeNote } from '@/lib/service/notes';

export const dynamic = 'force-dynamic';

type Ctx = RouteContext<'/api/documents/[slug]/notes/[noteId]'>;

/** Edits (author only), resolves or reopens a note: `{body?, status?, visibility?}`. */
export const PATCH = withErrors(async (request: Request, ctx: Ctx) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const noteId = parseIdParam(params.noteId, 'note');
  const user = await requireUser(request, 'comment');
  const body = await readJsonBody(request, updateNoteRequestSchema, BODY_LIMITS.row);
  return Response.json(await changeNote(slug, noteId, body, user));
});

/** Deletes a note and its thread (its author, or an editor). */
export const DELETE = withErrors(async (request: Request, ctx: Ctx) => {
  const params = await ctx.params;
  const slug = parseSlugParam(params.slug);
  const noteId = parseIdParam(params.noteId, 'note');
  const user = await requireUser(request, 'comment');
  await removeNote(slug, noteId, user);
  return Response.json({ deleted: noteId });
});
