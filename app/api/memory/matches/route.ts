import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { langSchema, LIMITS, rowIdSchema, slugSchema } from '@/lib/model';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { matchesForRow, matchesForText } from '@/lib/service/memory';

export const dynamic = 'force-dynamic';

const lookupSchema = z
  .strictObject({
    slug: slugSchema.optional(),
    rowId: rowIdSchema.optional(),
    q: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(LIMITS.memoryQueryChars, `must be at most ${LIMITS.memoryQueryChars.toLocaleString('en')} characters`)
      .optional(),
    sourceLang: langSchema.optional(),
    targetLang: langSchema.optional(),
  })
  .refine((q) => (q.slug !== undefined && q.rowId !== undefined && q.q === undefined) || (q.q !== undefined && q.slug === undefined && q.rowId === undefined), {
    message: 'give either slug and rowId (a row of a document) or q (a text)',
  })
  .refine((q) => q.q !== undefined || (q.sourceLang === undefined && q.targetLang === undefined), {
    message: 'sourceLang and targetLang go with q; a row has its document’s languages',
  });

function lookUp(lookup: z.infer<typeof lookupSchema>) {
  return lookup.q !== undefined
    ? matchesForText(lookup.q, { sourceLang: lookup.sourceLang ?? 'ar', targetLang: lookup.targetLang ?? 'en' })
    : matchesForRow(lookup.slug!, lookup.rowId!);
}

/**
 * The best translation-memory matches (70% and up, at most 3, best first) for a row's source
 * (`?slug=&rowId=`, the row's own entry left out) or for a text (`?q=`, Arabic → English unless
 * `&sourceLang=&targetLang=`). Any signed-in person. A long text does not fit in a URL: POST it.
 */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  return Response.json(await lookUp(parseQuery(request, lookupSchema)));
});

/** The same lookup with the parameters as a JSON body, `{q, sourceLang?, targetLang?}` or `{slug, rowId}`: a text of up to LIMITS.memoryQueryChars. */
export const POST = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  return Response.json(await lookUp(await readJsonBody(request, lookupSchema, BODY_LIMITS.row)));
});
