import { requireUser } from '@/lib/auth/current-user';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { cutIntoBlocks } from '@/lib/model';
import { getDocument } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

/**
 * The document's rows as JSON lines (application/x-ndjson), each line an array of up to 250 rows in order: what
 * the editor page loads its rows from, so each row travels once and the browser parses it a block at a time
 * (the page itself carries the document's other fields). Streamed, so the first rows arrive before the last
 * are written.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  const blocks = cutIntoBlocks((await getDocument(slug)).rows);
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next >= blocks.length) return controller.close();
      controller.enqueue(encoder.encode(`${JSON.stringify(blocks[next++])}\n`));
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'private, no-store', 'x-row-blocks': String(blocks.length) },
  });
});
