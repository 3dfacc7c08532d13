import { z } from 'zod';
import { checkSameOrigin, getCurrentUser } from '@/lib/auth/current-user';
import { isNoUsersError, signIn, signInDemo, signOut } from '@/lib/auth/sign-in';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { getClientAddress } from '@/lib/http/origin';
import { parseQuery } from '@/lib/http/query';
import { errorResponse, withErrors } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

const signInSchema = z.union([
  z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
  z.strictObject({ demo: z.string().min(1).max(64) }),
]);

const signOutQuerySchema = z.strictObject({ everywhere: z.literal('1').optional() });

/** Who is signed in: `{user: {name, role, demo?} | null}`. */
export const GET = withErrors(async (request: Request) => {
  const user = await getCurrentUser(request);
  return Response.json({ user: user && { name: user.name, role: user.role, ...(user.demo && { demo: true }) } });
});

/**
 * Signs in with a name and password (lib/auth/sign-in.ts: rate-limited, 429 with Retry-After), or, on a
 * development server with no users file, as one of the demo people. A server with no users refuses with 503
 * `no-users`, saying how to add one.
 */
export const POST = withErrors(async (request: Request) => {
  checkSameOrigin(request);
  const body = await readJsonBody(request, signInSchema, BODY_LIMITS.row);
  if ('demo' in body) return Response.json({ user: await signInDemo(body.demo) });
  try {
    return Response.json({ user: await signIn(body, getClientAddress(request.headers)) });
  } catch (e) {
    if (isNoUsersError(e)) return errorResponse(503, 'no-users', e.message);
    throw e;
  }
});

/** Signs out, ending the session on the server; `?everywhere=1` ends every session of the person. */
export const DELETE = withErrors(async (request: Request) => {
  checkSameOrigin(request);
  const { everywhere } = parseQuery(request, signOutQuerySchema);
  await signOut({ everywhere: everywhere === '1' });
  return Response.json({ user: null });
});
