import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { exportMemoryTmx } from '@/lib/service/memory';

export const dynamic = 'force-dynamic';

/** The whole translation memory as a TMX 1.4b download. Any signed-in person. */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  parseQuery(request, z.strictObject({}));
  const { xml } = await exportMemoryTmx();
  return new Response(xml, {
    headers: {
      'content-type': 'application/x-tmx+xml; charset=utf-8',
      'content-disposition': 'attachment; filename="translation-memory.tmx"',
      'x-content-type-options': 'nosniff',
    },
  });
});
