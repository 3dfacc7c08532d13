import { requireUser } from '@/lib/auth/current-user';
import { updateGlossaryEntryRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseIdParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { changeGlossaryTerm, removeGlossaryTerm } from '@/lib/service/glossary';

export const dynamic = 'force-dynamic';

type Ctx = RouteContext<'/api/glossary/[id]'>;

/** Changes a term: `{term?, rendering?, note?}` (an empty note removes it) → the entry. */
export const PATCH = withErrors(async (request: Request, ctx: Ctx) => {
  const { id } = await ctx.params;
  const user = await requireUser(request, 'edit-glossary');
  const entryId = parseIdParam(id, 'glossary entry');
  const body = await readJsonBody(request, updateGlossaryEntryRequestSchema, BODY_LIMITS.row);
  return Response.json(await changeGlossaryTerm(entryId, body, user));
});

/** Removes a term. */
export const DELETE = withErrors(async (request: Request, ctx: Ctx) => {
  const { id } = await ctx.params;
  await requireUser(request, 'edit-glossary');
  const entryId = parseIdParam(id, 'glossary entry');
  await removeGlossaryTerm(entryId);
  return Response.json({ deleted: entryId });
});
