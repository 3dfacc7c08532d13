import { requireUser } from '@/lib/auth/current-user';
import { publishRequestSchema } from '@/lib/model';
import { BODY_LIMITS, parseJsonBody, readBodyText } from '@/lib/http/body';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { getPublishState, publishDocument, unpublishDocument } from '@/lib/service/publish';

export const dynamic = 'force-dynamic';

/** Whether the document is published, which version, and how many rows changed since: `{published, version, …}`. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/publish'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  return Response.json(await getPublishState(slug));
});

/**
 * Publishes the document as it is now (editors): an optional body `{credit?, sourceUrl?}` sets the source credit.
 * 201 for a first publication, 200 for a new version; `{version, publishedAt, url}`.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/publish'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'publish');
  const text = (await readBodyText(request, BODY_LIMITS.publish)).trim();
  // No body at all is a publication that keeps the last credit.
  const body = parseJsonBody(text || '{}', publishRequestSchema);
  const { snapshot, replaced } = await publishDocument(slug, body, user.name);
  return Response.json(
    { version: snapshot.version, publishedAt: snapshot.publishedAt, url: `/read/${slug}`, rows: snapshot.rows.length, notes: snapshot.notes.length },
    { status: replaced ? 200 : 201 },
  );
});

/** Takes the published page down (editors); 404 when it is not published. */
export const DELETE = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/publish'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'publish');
  const withdrawn = await unpublishDocument(slug, user.name);
  return Response.json({ published: false, version: withdrawn.version });
});
