import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { parseQuery } from '@/lib/http/query';
import { withErrors } from '@/lib/http/responses';
import { getMtStatus } from '@/lib/service/mt';

export const dynamic = 'force-dynamic';

/** Whether machine translation is available: `{provider, model, problem}` (provider null when not configured). */
export const GET = withErrors(async (request: Request) => {
  await requireUser(request, 'read');
  parseQuery(request, z.strictObject({}));
  return Response.json(getMtStatus());
});
