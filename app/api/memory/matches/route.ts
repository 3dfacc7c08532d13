import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { langSchema, rowIdSchema, slugSchema } from '@/lib/model';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { matchesForRow, matchesForText } from '@/lib/service/memory';

export const dynamic = 'force-dynamic';

const querySchema = z
  .strictObject({
    slug: slugSchema.optional(),
    rowId: rowIdSchema.optional(),
    q: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters').optional(),
    sourceLang: langSchema.optional(),
    targetLang: langSchema.optional(),
  })
  .refine((q) => (q.slug !== undefined && q.rowId !== undefined && q.q === undefined) || (q.q !== undefined && q.slug === undefined && q.rowId === undefined), {
    message: 'give either slug and rowId (a row of a document) or q (a text)',
  })
  .refine((q) => q.q !== undefined || (q.sourceLang === undefined && q.targetLang === undefined), {
    message: 'sourceLang and targetLang go with q; a row has its document’s languages',
  });

/**
 * The best translation-memory matches (70% and up, at most 3, best first) for a row's source
 * (`?slug=&rowId=`, the row's own entry left out) or for a text (`?q=`, Arabic → English unless
 * `&sourceLang=&targetLang=`). Any signed-in person.
 */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  const query = parseQuery(request, querySchema);
  const result =
    query.q !== undefined
      ? await matchesForText(query.q, { sourceLang: query.sourceLang ?? 'ar', targetLang: query.targetLang ?? 'en' })
      : await matchesForRow(query.slug!, query.rowId!);
  return Response.json(result);
});
