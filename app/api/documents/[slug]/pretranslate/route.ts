import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { BODY_LIMITS, readOptionalJsonBody } from '@/lib/http/body';
import { parseSlugParam } from '@/lib/http/params';
import { parseQuery } from '@/lib/http/query';
import { API_CSP, withErrors } from '@/lib/http/responses';
import { listPretranslations, pretranslateOptionsSchema, startPretranslation } from '@/lib/service/pretranslate';

export const dynamic = 'force-dynamic';

/** The runs whose drafts are in the document, and the one running now: `{active, runs}`. Anyone signed in. */
export const GET = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/pretranslate'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  await requireUser(request, 'read');
  parseQuery(request, z.strictObject({}));
  return Response.json(await listPretranslations(slug));
});

/**
 * Pre-translates the untranslated rows (editors): `{useMemory?, minScore?, useMt?, rowIds?}`, `{}` for the defaults.
 * Answers 200 at once with a stream of JSON lines (application/x-ndjson): `start` (with the run id), a `row` line per
 * row filled, failed or skipped, `progress` lines, and `done` (or `error`). Closing the connection cancels the run,
 * as does `DELETE …/pretranslate/:runId`; rows filled until then stay and `POST …/:runId/undo` takes them back.
 * Problems found before it starts (bad options, a run already going) are the usual 4xx.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/pretranslate'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'pretranslate');
  const options = await readOptionalJsonBody(request, pretranslateOptionsSchema, BODY_LIMITS.row);
  const controller = new AbortController();
  request.signal.addEventListener('abort', () => controller.abort(), { once: true });
  const { runId, events } = await startPretranslation(slug, options, user.name, controller.signal);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(out) {
      const next = await events.next();
      if (next.done) out.close();
      else out.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
    },
    async cancel() {
      // The client went away: stop the run (its generator writes what it has and unregisters).
      controller.abort();
      for await (const _ of events) {
        // Drained so the rows found before the cancel are written and the run ends.
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-run-id': runId,
      'content-security-policy': API_CSP,
    },
  });
});
