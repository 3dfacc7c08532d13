import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { searchMemory } from '@/lib/service/memory';

export const dynamic = 'force-dynamic';

const querySchema = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/**
 * Concordance: memory entries whose Arabic (diacritics and letter forms ignored) or English (any case) contains
 * `q`, newest first, with where it occurs. Any signed-in person.
 */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  const { q, limit } = parseQuery(request, querySchema);
  return Response.json(await searchMemory(q, limit ?? 50));
});
