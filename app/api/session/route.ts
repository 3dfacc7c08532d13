import { z } from 'zod';
import { checkSameOrigin, getCurrentUser } from '@/lib/auth/current-user';
import { DEMO_USERS, isDevelopment } from '@/lib/auth/demo';
import { verifyPassword } from '@/lib/auth/passwords';
import { getSession } from '@/lib/auth/session';
import { readUsers } from '@/lib/auth/users-file';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/body';
import { errorResponse, withErrors } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

const signInSchema = z.union([
  z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
  z.strictObject({ demo: z.string().min(1).max(64) }),
]);

/** Who is signed in: `{user: {name, role, demo?} | null}`. */
export const GET = withErrors(async (request: Request) => {
  const user = await getCurrentUser(request);
  return Response.json({ user: user && { name: user.name, role: user.role, ...(user.demo && { demo: true }) } });
});

/**
 * Signs in with a name and password from the users file, or, on a development server with no users file, as one
 * of the demo people. A production server with no users file refuses and says how to add one.
 */
export const POST = withErrors(async (request: Request) => {
  checkSameOrigin(request);
  const body = await readJsonBody(request, signInSchema, BODY_LIMITS.row);
  const users = await readUsers();
  const session = await getSession();
  if ('demo' in body) {
    const demo = DEMO_USERS.find((d) => d.name === body.demo);
    if (!demo || users || !isDevelopment()) {
      return errorResponse(403, 'forbidden', 'demo sign-in exists only on a development server without a users file');
    }
    session.user = demo;
    await session.save();
    return Response.json({ user: demo });
  }
  if (!users) {
    return errorResponse(503, 'no-users', 'no users are set up yet: run `npm run user -- add NAME --role editor` on the server');
  }
  const record = users.users.find((u) => u.name === body.name);
  // Hash even for unknown names so the answer takes as long either way.
  const ok = await verifyPassword(body.password, record?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
  if (!record || !ok) return errorResponse(401, 'unauthenticated', 'wrong name or password');
  session.user = { name: record.name, role: record.role };
  await session.save();
  return Response.json({ user: session.user });
});

/** Signs out. */
export const DELETE = withErrors(async (request: Request) => {
  checkSameOrigin(request);
  const session = await getSession();
  session.destroy();
  return Response.json({ user: null });
});
