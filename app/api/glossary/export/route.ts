import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { exportGlossary } from '@/lib/service/glossary';

export const dynamic = 'force-dynamic';

const TYPES = {
  tbx: { type: 'application/x-tbx+xml; charset=utf-8', file: 'glossary.tbx' },
  csv: { type: 'text/csv; charset=utf-8', file: 'glossary.csv' },
} as const;

/** The glossary as a download: `?format=tbx` (TBX-Basic, ISO 30042) or `csv`. Anyone signed in. */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  const { format } = parseQuery(request, z.strictObject({ format: z.enum(['tbx', 'csv'], { error: 'must be tbx or csv' }) }));
  return new Response(await exportGlossary(format), {
    headers: {
      'content-type': TYPES[format].type,
      'content-disposition': `attachment; filename="${TYPES[format].file}"`,
      'x-content-type-options': 'nosniff',
    },
  });
});
