import { requireUser } from '@/lib/auth/current-user';
import { createNoteRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { addNote, listNotes } from '@/lib/service/notes';

export const dynamic = 'force-dynamic';

/** The document's notes, re-anchored against its current text. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/notes'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  return Response.json({ notes: await listNotes(slug) });
});

/** Adds a note: `{rowId, side, quote?, position?, body, visibility?}` → 201 with the note. */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/notes'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'comment');
  const body = await readJsonBody(request, createNoteRequestSchema, BODY_LIMITS.row);
  return Response.json(await addNote(slug, body, user), { status: 201 });
});
