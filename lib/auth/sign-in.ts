import { Sema } from 'async-sema';
import { isModelError, LIMITS, ModelError } from '@/lib/model';
import { DEMO_USERS, isDevelopment } from './demo';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords';
import { getSession, SESSION_TTL_SECONDS, startDemoSession, startSession } from './session';
import { getSharedSignInCounters } from '@/lib/storage';
import { CountingSignInLimiter, getMemoryCounters, type SignInLimiter } from './sign-in-limiter';
import { getUserStore, type UserStore } from './user-store';
import type { SessionUser } from './users-file';

/**
 * Password checks running at once. scrypt takes 128 MB and a thread of Node's shared pool for ~100 ms; without a
 * bound, 16 wrong sign-ins at once held the pool that file reads need and a plain GET went from 15 ms to 4–10 s.
 */
const checks = new Sema(LIMITS.signInConcurrentChecks);

async function checkPassword(password: string, hash: string): Promise<boolean> {
  if (checks.nrWaiting() >= LIMITS.signInQueue) {
    throw new ModelError('unavailable', 'too many sign-ins at once; try again in a few seconds', { retryAfter: 5 });
  }
  await checks.acquire();
  try {
    return await verifyPassword(password, hash);
  } finally {
    checks.release();
  }
}

let limiter: SignInLimiter | null = null;

/** The limiter of this server: counted in the database every app server shares (DATABASE_URL), else in memory. */
function getLimiter(): SignInLimiter {
  limiter ??= new CountingSignInLimiter(getSharedSignInCounters() ?? getMemoryCounters());
  return limiter;
}

/** Replaces the sign-in limiter (tests). */
export function setSignInLimiter(next: SignInLimiter): void {
  limiter = next;
}

/**
 * Checks a name and password from `address` and returns the user. Refused with 'rate-limited' (429, Retry-After)
 * while the name, the address or both have failed too often (LIMITS.signInFailures…), before any password is
 * checked; with 'unauthenticated' for a wrong name or password alike, after the same work either way (an unknown
 * name is checked against a hash of the same cost); with 'unavailable' when no users are set up (isNoUsersError).
 */
export async function verifySignIn(
  credentials: { name: string; password: string },
  address: string,
  store: UserStore = getUserStore(),
): Promise<SessionUser & { id: string; sessionVersion: number }> {
  const users = await store.list();
  if (!users) throw new ModelError('unavailable', 'no users are set up yet: run `npm run user -- add NAME --role editor` on the server', { noUsers: true });
  const attempt = { name: credentials.name, address };
  const wait = await getLimiter().attempt(attempt);
  if (wait) throw new ModelError('rate-limited', `too many failed sign-ins; try again in ${wait} s`, { retryAfter: wait });
  const user = users.find((u) => u.name === credentials.name);
  const ok = await checkPassword(credentials.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !ok) throw new ModelError('unauthenticated', 'wrong name or password');
  await getLimiter().succeed(attempt);
  return { name: user.name, role: user.role, id: user.id, sessionVersion: user.sessionVersion };
}

/** True for the refusal of a server with no users set up, which the sign-in route answers as 503 `no-users`. */
export function isNoUsersError(e: unknown): e is ModelError {
  return isModelError(e, 'unavailable') && (e.details as { noUsers?: unknown } | undefined)?.noUsers === true;
}

/** Signs in with a name and password (see verifySignIn) and starts a session: the sealed cookie is set. */
export async function signIn(credentials: { name: string; password: string }, address: string): Promise<SessionUser> {
  const user = await verifySignIn(credentials, address);
  await startSession(user);
  return { name: user.name, role: user.role };
}

/** Signs in as a demo person: only on a development server without a users file. */
export async function signInDemo(name: string): Promise<SessionUser> {
  const demo = DEMO_USERS.find((d) => d.name === name);
  if (!demo || !isDevelopment() || (await getUserStore().list())) {
    throw new ModelError('forbidden', 'demo sign-in exists only on a development server without a users file');
  }
  await startDemoSession(demo.name);
  return demo;
}

/**
 * Signs out: the session ends on the server too (a copy of the cookie is refused from now on), or with
 * `everywhere`, every session of the person. The cookie is cleared either way.
 */
export async function signOut(options: { everywhere?: boolean } = {}, store: UserStore = getUserStore()): Promise<void> {
  const session = await getSession();
  const current = session.user;
  if (current?.sid && !current.demo) {
    const user = await store.get(current.name);
    const valid = user && user.id === current.id && user.sessionVersion === current.version && !user.endedSessions.some((s) => s.id === current.sid);
    if (valid && options.everywhere) await store.endAllSessions(user.name);
    else if (valid) await store.endSession(user.name, current.sid, new Date(Date.now() + SESSION_TTL_SECONDS * 1000));
  }
  session.destroy();
}
