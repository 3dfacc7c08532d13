import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { ModelError } from '@/lib/model';
import { BODY_LIMITS, parseJsonBody, readBodyText } from '@/lib/http/body';
import { parseSlugParam } from '@/lib/http/params';
import { withErrors } from '@/lib/http/responses';
import { applyXliffImportToDocument, previewXliffImport } from '@/lib/service/xliff-import';

export const dynamic = 'force-dynamic';

/** A confirmation: the file again, and the units the person chose with the row revisions the preview showed. */
const confirmSchema = z.strictObject({
  xliff: z.string().min(1, 'must not be empty'),
  units: z.array(z.strictObject({ id: z.string().min(1).max(200), rev: z.number().int().min(1) })).max(50_000),
});

/**
 * Brings translations back from a CAT tool: `?format=xliff` with the XLIFF file as the body answers a per-unit
 * report and changes nothing; `&confirm=1` applies every unit that matched. A JSON body `{xliff, units: [{id,
 * rev}]}` applies only those units, and only where the row is still at that revision. Translators and editors.
 */
export const POST = withErrors(async (request: Request, ctx: RouteContext<'/api/documents/[slug]/import'>) => {
  const slug = parseSlugParam((await ctx.params).slug);
  const user = await requireUser(request, 'edit-target');
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'xliff';
  if (format !== 'xliff') throw new ModelError('invalid', `unknown import format "${format}"; use format=xliff`);
  const isJson = /^application\/json\b/i.test(request.headers.get('content-type') ?? '');
  // JSON escaping makes a confirmation larger than its file; the file inside it is held to the same limit.
  const text = await readBodyText(request, isJson ? BODY_LIMITS.importConfirmation : BODY_LIMITS.import);
  if (isJson) {
    const body = parseJsonBody(text, confirmSchema);
    if (new TextEncoder().encode(body.xliff).byteLength > BODY_LIMITS.import) {
      throw new ModelError('too-large', `the XLIFF file is larger than ${BODY_LIMITS.import / 1024} KB`);
    }
    const selection = new Map(body.units.map((u) => [u.id, u.rev]));
    return Response.json(await applyXliffImportToDocument(slug, body.xliff, user, selection));
  }
  const confirm = url.searchParams.get('confirm');
  if (confirm === '1' || confirm === 'true') return Response.json(await applyXliffImportToDocument(slug, text, user));
  return Response.json(await previewXliffImport(slug, text, user.role));
});
