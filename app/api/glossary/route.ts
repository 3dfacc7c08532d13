import { requireUser } from '@/lib/auth/current-user';
import { createGlossaryEntryRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/responses';
import { addGlossaryTerm, listGlossary } from '@/lib/service/glossary';

export const dynamic = 'force-dynamic';

/** The glossary, sorted by term (anyone signed in). */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  return Response.json({ entries: await listGlossary() });
});

/** Adds a term: `{term, rendering, note?}` → 201 with the entry; 409 when the term is there already. */
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request, 'edit-glossary');
  const body = await readJsonBody(request, createGlossaryEntryRequestSchema, BODY_LIMITS.row);
  return Response.json(await addGlossaryTerm(body, user), { status: 201 });
});
