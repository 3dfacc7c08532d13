import { requireUser } from '@/lib/auth/current-user';
import { parseRowIdParam, parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { orderBlocksFrom } from '@/lib/model';
import { getDocument } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

/**
 * The document's rows as JSON lines (application/x-ndjson), each line an array of up to 250 rows in order: what
 * the editor page loads its rows from, so each row travels once and the browser parses it a block at a time
 * (the page itself carries the document's other fields). Streamed, so the first rows arrive before the last
 * are written.
 *
 * `?first=<rowId>` (a page opening at a linked row) sends that row's block first, then the blocks after it,
 * then those before it; `x-rows-before` says how many rows come before the first line's, `x-row-count` how
 * many there are in all, so the page can show the row and place the rest as they arrive.
 */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/rows'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const first = new URL(request.url).searchParams.get('first');
  const firstId = first === null ? null : parseRowIdParam(first);
  await requireUser(request, 'read');
  const { rows } = await getDocument(slug);
  const { blocks, rowsBefore } = orderBlocksFrom(rows, firstId);
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next >= blocks.length) return controller.close();
      // Each block after the first waits its turn behind other requests: writing megabytes in one run of
      // promise jobs kept the server from answering anyone else (the same page's script files among them).
      if (next > 0) await new Promise((resolve) => setImmediate(resolve));
      controller.enqueue(encoder.encode(`${JSON.stringify(blocks[next++])}\n`));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'private, no-store',
      'x-row-blocks': String(blocks.length),
      'x-rows-before': String(rowsBefore),
      'x-row-count': String(rows.length),
    },
  });
});
