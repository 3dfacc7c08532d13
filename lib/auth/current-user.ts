import { can, canSetStatus, ModelError, type Action, type RowStatus } from '@/lib/model';
import { DEMO_USERS, isDevelopment } from './demo';
import { getSession } from './session';
import { getTokenId, matchesToken } from './tokens';
import { readUsers, type SessionUser } from './users-file';

/** A person making a request, and how they proved it. */
export interface RequestUser extends SessionUser {
  via: 'cookie' | 'token';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function fromToken(header: string): Promise<RequestUser> {
  const token = header.replace(/^Bearer\s+/i, '').trim();
  const id = getTokenId(token);
  const users = id ? await readUsers() : null;
  for (const user of users?.users ?? []) {
    const record = user.tokens.find((t) => t.id === id);
    if (record && matchesToken(token, record)) return { name: user.name, role: user.role, via: 'token' };
  }
  throw new ModelError('unauthenticated', 'the API token is not valid; make a new one with `npm run user -- token NAME`');
}

/**
 * The person behind a request: a `Bearer` token, else the session cookie. A cookie's person is checked
 * against the users file each time, so a removed user or a changed role takes effect at once. Demo people
 * exist only on a development server without a users file.
 */
export async function getCurrentUser(request?: Request): Promise<RequestUser | null> {
  const authorization = request?.headers.get('authorization');
  if (authorization && /^Bearer\s/i.test(authorization)) return fromToken(authorization);
  const session = await getSession();
  const user = session.user;
  if (!user) return null;
  if (user.demo) {
    const demo = DEMO_USERS.find((d) => d.name === user.name);
    return demo && isDevelopment() && !(await readUsers()) ? { ...demo, via: 'cookie' } : null;
  }
  const record = (await readUsers())?.users.find((u) => u.name === user.name);
  return record ? { name: record.name, role: record.role, via: 'cookie' } : null;
}

/**
 * Cookie-authenticated writes must come from this site: a cross-site form or script cannot use the cookie.
 * Token requests carry their credential explicitly and need no such check. Signing in and out go through it too,
 * so another site cannot sign a visitor in as someone else, or out.
 */
export function checkSameOrigin(request: Request): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw new ModelError('forbidden', 'cross-site requests may not change anything');
  const origin = request.headers.get('origin');
  if (!origin) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ModelError('forbidden', 'the request came from an unknown origin');
  }
  if (originHost !== host) throw new ModelError('forbidden', 'cross-site requests may not change anything');
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
