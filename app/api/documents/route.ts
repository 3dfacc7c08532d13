import { requireUser } from '@/lib/auth/current-user';
import { createDocumentRequestSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { withErrors } from '@/lib/http/responses';
import { createDocument } from '@/lib/service/documents';
import { getDocumentStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

/** The library: every document's summary, and the ones whose files are broken. */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  const { documents, broken } = await getDocumentStore().list();
  return Response.json({ documents, broken });
});

/** Creates a document from Arabic text (plain or Markdown). Editors only. */
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request, 'create-document');
  const body = await readJsonBody(request, createDocumentRequestSchema, BODY_LIMITS.import);
  const doc = await createDocument(body, user.name);
  return Response.json({ slug: doc.slug, rows: doc.rows.length }, { status: 201 });
});
