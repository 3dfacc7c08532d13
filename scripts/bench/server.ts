/**
 * The production build and server the benchmark measures: `next build` into its own dist folder, then
 * `next start` on a fixed port with the benchmark's content folder and a signed-in editor.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { buildApp as buildInto, hasBuild as hasBuildIn, startNext } from '../harness/next-app';
import { writeTestUser } from '../harness/users';

/** The build the benchmark measures; BENCH_DIST_DIR points it at another (e.g. the tests' .next-test with --no-build). */
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR || '.next-bench';

export function hasBuild(root: string): boolean {
  return hasBuildIn(root, BENCH_DIST_DIR);
}

/** Builds the app into BENCH_DIST_DIR. */
export function buildApp(root: string): Promise<number> {
  return buildInto(root, BENCH_DIST_DIR);
}

export interface Server {
  url: string;
  pid: number | undefined;
  /** The session cookie of the benchmark's editor, signed in through the real sign-in route. */
  cookie: string;
  /** The last few kB the server printed. */
  log(): string;
  stop(): Promise<void>;
}

/** Signs in through POST /api/session and returns the cookie to send. */
async function signIn(url: string, name: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`could not sign in the benchmark's editor: ${response.status} ${await response.text()}`);
  return cookie;
}

/** Starts `next start` on 127.0.0.1:port with a benchmark editor, waits for /api/health, and signs in. */
export async function startServer(root: string, port: number, contentDir: string): Promise<Server> {
  // The users file sits beside the content folder, never inside it.
  const usersDir = `${contentDir}-users`;
  const user = await writeTestUser(path.join(usersDir, 'users.json'), 'bench-editor', 'editor');
  const removeUsers = () => rm(usersDir, { recursive: true, force: true });
  let next;
  try {
    next = await startNext({
      root,
      port,
      distDir: BENCH_DIST_DIR,
      contentDir,
      usersFile: user.usersFile,
      sessionSecret: randomBytes(32).toString('base64url'),
    });
  } catch (e) {
    await removeUsers();
    throw e;
  }
  const server: Server = {
    url: next.url,
    pid: next.pid,
    cookie: '',
    log: next.log,
    stop: async () => {
      await next.stop();
      await removeUsers();
    },
  };
  try {
    server.cookie = await signIn(next.url, user.name, user.password);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}
