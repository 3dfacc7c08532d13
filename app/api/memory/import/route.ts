import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { ModelError } from '@/lib/model';
import { BODY_LIMITS, readBodyText } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { importMemoryTmx } from '@/lib/service/memory';

export const dynamic = 'force-dynamic';

/**
 * Adds a TMX file's Arabic → English units to the memory (the body is the file). Translators and editors. The
 * answer counts units added, replaced and unchanged, and lists each skipped unit with its reason; a file that is
 * not TMX (or not well-formed) is 400 and changes nothing.
 */
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request, 'edit-target');
  parseQuery(request, z.strictObject({}));
  const xml = await readBodyText(request, BODY_LIMITS.import);
  if (!xml.trim()) throw new ModelError('invalid', 'the request body is empty: send the TMX file as the body');
  return Response.json(await importMemoryTmx(xml, user.name));
});
