import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { ModelError } from '@/lib/model';
import { BODY_LIMITS, readBodyText } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { importGlossary } from '@/lib/service/glossary';

export const dynamic = 'force-dynamic';

/**
 * Brings a TBX or CSV file (the body; `?format=tbx|csv`) into the glossary. Translators and editors. Answers the
 * counts (`records, added, replaced, unchanged`), each entry left out with its place and reason (`skipped`), and
 * the glossary as it now is (`entries`). A file that does not parse or holds no usable entry is 400 and changes
 * nothing.
 */
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request, 'edit-glossary');
  const { format } = parseQuery(request, z.strictObject({ format: z.enum(['tbx', 'csv'], { error: 'must be tbx or csv' }) }));
  const text = await readBodyText(request, BODY_LIMITS.import);
  if (!text.trim()) throw new ModelError('invalid', `the request body is empty: send the ${format.toUpperCase()} file as the body`);
  return Response.json(await importGlossary(text, format, user));
});
