import { randomBytes } from 'node:crypto';
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies, headers } from 'next/headers';
import { isSecureOrigin } from '@/lib/http/origin';
import { SESSION_COOKIE } from './cookie-name';
import { getSessionSecret } from './secret';
import type { UserRecord } from './users-file';

/**
 * What the sealed cookie holds: whom it is for and which session it is. `id` and `version` must still be the
 * user's in the users store, and `sid` must not have been signed out, for the cookie to count (current-user.ts).
 */
export interface SessionData {
  user?: {
    name: string;
    /** The user's id: a name removed and added again is another user. */
    id?: string;
    /** The user's session version when signing in. */
    version?: number;
    /** This session's id. */
    sid?: string;
    /** A development-mode demo person (no users file). */
    demo?: boolean;
  };
}

export { SESSION_COOKIE } from './cookie-name';

/** How long a session lasts. */
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;

async function getOptions(): Promise<SessionOptions> {
  return {
    password: await getSessionSecret(),
    cookieName: SESSION_COOKIE,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      // Whenever the app is served over https (APP_ORIGIN, or the request itself); SESSION_COOKIE_SECURE forces it.
      secure: process.env.SESSION_COOKIE_SECURE === 'true' || isSecureOrigin(await headers()),
      path: '/',
    },
  };
}

/** The sealed session cookie of this request (iron-session: encrypted and signed). */
export async function getSession() {
  return getIronSession<SessionData>(await cookies(), await getOptions());
}

/** Starts a new session for `user` (a fresh session id, the user's current session version) and sets its cookie. */
export async function startSession(user: Pick<UserRecord, 'name' | 'id' | 'sessionVersion'>): Promise<void> {
  const session = await getSession();
  session.user = { name: user.name, id: user.id, version: user.sessionVersion, sid: randomBytes(12).toString('base64url') };
  await session.save();
}

/** Starts a demo person's session (development only; the caller checks). */
export async function startDemoSession(name: string): Promise<void> {
  const session = await getSession();
  session.user = { name, demo: true };
  await session.save();
}
