import { can, canSetStatus, ModelError, type Action, type RowStatus } from '@/lib/model';
import { getPublicOrigin } from '@/lib/http/origin';
import { DEMO_USERS, isDevelopment } from './demo';
import { getSession, type SessionData } from './session';
import { getTokenId, isTokenExpired, matchesToken } from './tokens';
import { getUserStore } from './user-store';
import type { SessionUser } from './users-file';

/** A person making a request, and how they proved it. */
export interface RequestUser extends SessionUser {
  via: 'cookie' | 'token';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function fromToken(header: string): Promise<RequestUser> {
  const token = header.replace(/^Bearer\s+/i, '').trim();
  const id = getTokenId(token);
  const found = id ? await getUserStore().findToken(id) : null;
  if (found && matchesToken(token, found.token)) {
    if (isTokenExpired(found.token)) {
      throw new ModelError('unauthenticated', `the API token expired on ${found.token.expiresAt}; make a new one with \`npm run user -- token NAME\``);
    }
    return { name: found.user.name, role: found.user.role, via: 'token' };
  }
  throw new ModelError('unauthenticated', 'the API token is not valid; make a new one with `npm run user -- token NAME`');
}

/** The person a session cookie names, if the session still counts: same user (not removed and added again), same session version, not signed out. */
async function fromCookie(cookie: NonNullable<SessionData['user']>): Promise<RequestUser | null> {
  const store = getUserStore();
  if (cookie.demo) {
    const demo = DEMO_USERS.find((d) => d.name === cookie.name);
    return demo && isDevelopment() && !(await store.list()) ? { ...demo, via: 'cookie' } : null;
  }
  const user = await store.get(cookie.name);
  if (!user || user.id !== cookie.id || user.sessionVersion !== cookie.version) return null;
  if (!cookie.sid || user.endedSessions.some((s) => s.id === cookie.sid)) return null;
  return { name: user.name, role: user.role, via: 'cookie' };
}

/**
 * The person behind a request: a `Bearer` token, else the session cookie. Both are checked against the users
 * store each time, so a removed user, a new role or password, a signed-out session, a revoked or expired token
 * take effect at once. Demo people exist only on a development server without a users file.
 */
export async function getCurrentUser(request?: Request): Promise<RequestUser | null> {
  const authorization = request?.headers.get('authorization');
  if (authorization && /^Bearer\s/i.test(authorization)) return fromToken(authorization);
  const cookie = (await getSession()).user;
  return cookie ? fromCookie(cookie) : null;
}

/**
 * Cookie-authenticated writes must come from this site: a cross-site form or script cannot use the cookie.
 * Token requests carry their credential explicitly and need no such check. Signing in and out go through it too,
 * so another site cannot sign a visitor in as someone else, or out. The `Origin` must be the app's public origin
 * exactly: scheme, host and port (lib/http/origin.ts).
 */
export function checkSameOrigin(request: Request): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw new ModelError('forbidden', 'cross-site requests may not change anything');
  const origin = request.headers.get('origin');
  if (!origin) return;
  let from: string;
  try {
    from = new URL(origin).origin;
  } catch {
    throw new ModelError('forbidden', 'the request came from an unknown origin');
  }
  if (from !== getPublicOrigin(request.headers)) throw new ModelError('forbidden', 'cross-site requests may not change anything');
}

/** The signed-in person, allowed to do `action`; 401 when nobody is signed in, 403 when the role may not. */
export async function requireUser(request: Request, action: Action): Promise<RequestUser> {
  const user = await getCurrentUser(request);
  if (!user) throw new ModelError('unauthenticated', 'sign in first, or send an API token as "Authorization: Bearer …"');
  if (user.via === 'cookie') checkSameOrigin(request);
  if (!can(user.role, action)) throw new ModelError('forbidden', `a ${user.role} may not do this (${action})`);
  return user;
}

/** Checks that `user` may set a row to `status`; 403 otherwise. */
export function requireStatusChange(user: RequestUser, status: RowStatus): void {
  if (!canSetStatus(user.role, status)) throw new ModelError('forbidden', `a ${user.role} may not mark a row "${status}"`);
}
