/**
 * The production build and server the benchmark measures: `next build` into its own dist folder, then
 * `next start` on a fixed port with the benchmark's content folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { hashPassword } from '@/lib/auth/passwords';
import { writeUsers } from '@/lib/auth/users-file';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

export const BENCH_DIST_DIR = '.next-bench';

export function hasBuild(root: string): boolean {
  return existsSync(path.join(root, BENCH_DIST_DIR, 'BUILD_ID'));
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} ${args[1] ?? ''} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * `next build` adds its dist folder's type folders to tsconfig.json's `include` and points next-env.d.ts at
 * them. Those are side effects of the benchmark's private build: put the files back as they were, but only when
 * that is all that changed (someone may have edited tsconfig.json meanwhile).
 */
async function undoBuildSideEffects(root: string, before: { tsconfig: string | null; nextEnv: string | null }): Promise<void> {
  const tsconfigFile = path.join(root, 'tsconfig.json');
  const after = await readOrNull(tsconfigFile);
  if (before.tsconfig !== null && after !== null && after !== before.tsconfig) {
    try {
      const a = JSON.parse(after) as { include?: string[] };
      const b = JSON.parse(before.tsconfig) as { include?: string[] };
      a.include = a.include?.filter((p) => !p.startsWith(`${BENCH_DIST_DIR}/`));
      if (isDeepStrictEqual(a, b)) {
        await writeFile(tsconfigFile, before.tsconfig);
        console.log(`bench: restored tsconfig.json (next build had added ${BENCH_DIST_DIR}/ type folders to it)`);
      } else {
        console.warn('bench: tsconfig.json changed during the build beyond the build\'s own additions; left as is');
      }
    } catch {
      console.warn('bench: tsconfig.json is not plain JSON after the build; left as is');
    }
  }
  const nextEnvFile = path.join(root, 'next-env.d.ts');
  const nextEnv = await readOrNull(nextEnvFile);
  if (before.nextEnv !== null && nextEnv !== null && nextEnv !== before.nextEnv && nextEnv.includes(`./${BENCH_DIST_DIR}/`)) {
    await writeFile(nextEnvFile, before.nextEnv);
  }
}

/** Builds the app into BENCH_DIST_DIR. */
export async function buildApp(root: string): Promise<number> {
  const before = {
    tsconfig: await readOrNull(path.join(root, 'tsconfig.json')),
    nextEnv: await readOrNull(path.join(root, 'next-env.d.ts')),
  };
  const started = Date.now();
  try {
    await run(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    });
  } finally {
    await undoBuildSideEffects(root, before);
  }
  return Date.now() - started;
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

async function isAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A users file with one editor for the benchmark, beside the content folder; returns its path and password. */
async function makeBenchUser(contentDir: string): Promise<{ usersFile: string; name: string; password: string }> {
  const usersFile = path.join(`${contentDir}-users`, 'users.json');
  const password = randomBytes(18).toString('base64url');
  const name = 'bench-editor';
  const now = new Date().toISOString();
  await writeUsers(
    { schemaVersion: 1, users: [{ name, role: 'editor', passwordHash: await hashPassword(password), tokens: [], createdAt: now }] },
    usersFile,
  );
  return { usersFile, name, password };
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
  const url = `http://127.0.0.1:${port}`;
  const user = await makeBenchUser(contentDir);
  if (await isAnswering(`${url}/api/health`)) {
    throw new Error(`something already answers on ${url}: stop it first (the benchmark never reuses a server)`);
  }
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CONTENT_DIR: contentDir,
        USERS_FILE: user.usersFile,
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        NEXT_DIST_DIR: BENCH_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
      },
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server: Server = {
    url,
    pid: child.pid,
    cookie: '',
    log: () => log,
    stop: async () => {
      await stopChild(child);
      await rm(`${contentDir}-users`, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited early (${child.signalCode ?? `exit ${child.exitCode}`}):\n${log}`);
    }
    if (await isAnswering(`${url}/api/health`)) {
      server.cookie = await signIn(url, user.name, user.password);
      return server;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`next start did not answer ${url}/api/health within 60 s:\n${log}`);
}
