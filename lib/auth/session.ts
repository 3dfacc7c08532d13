import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { getSessionSecret } from './secret';
import { SESSION_COOKIE } from './cookie-name';
import type { SessionUser } from './users-file';

export interface SessionData {
  user?: SessionUser;
}

export { SESSION_COOKIE } from './cookie-name';

async function getOptions(): Promise<SessionOptions> {
  return {
    password: await getSessionSecret(),
    cookieName: SESSION_COOKIE,
    ttl: 60 * 60 * 24 * 14,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.SESSION_COOKIE_SECURE === 'true',
      path: '/',
    },
  };
}

/** The sealed session cookie of this request (iron-session: encrypted and signed). */
export async function getSession() {
  return getIronSession<SessionData>(await cookies(), await getOptions());
}
