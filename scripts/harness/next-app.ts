/**
 * The production build and `next start` for the scripts that drive a real server (benchmark, crash and load
 * tests): build into a dist folder of their own, start node directly on Next's CLI (so the pid is the server's
 * own, and SIGKILL reaches the process that writes the files), wait for /api/health.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

export function hasBuild(root: string, distDir: string): boolean {
  return existsSync(path.join(root, distDir, 'BUILD_ID'));
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
 * them. Those are side effects of a script's private build: put the files back as they were, but only when that
 * is all that changed (someone may have edited tsconfig.json meanwhile).
 */
async function undoBuildSideEffects(
  root: string,
  distDir: string,
  before: { tsconfig: string | null; nextEnv: string | null },
): Promise<void> {
  const tsconfigFile = path.join(root, 'tsconfig.json');
  const after = await readOrNull(tsconfigFile);
  if (before.tsconfig !== null && after !== null && after !== before.tsconfig) {
    try {
      const a = JSON.parse(after) as { include?: string[] };
      const b = JSON.parse(before.tsconfig) as { include?: string[] };
      a.include = a.include?.filter((p) => !p.startsWith(`${distDir}/`) || b.include?.includes(p));
      if (isDeepStrictEqual(a, b)) {
        await writeFile(tsconfigFile, before.tsconfig);
        console.log(`restored tsconfig.json (next build had added ${distDir}/ type folders to it)`);
      } else {
        console.warn("tsconfig.json changed during the build beyond the build's own additions; left as is");
      }
    } catch {
      console.warn('tsconfig.json is not plain JSON after the build; left as is');
    }
  }
  const nextEnvFile = path.join(root, 'next-env.d.ts');
  const nextEnv = await readOrNull(nextEnvFile);
  if (before.nextEnv !== null && nextEnv !== null && nextEnv !== before.nextEnv && nextEnv.includes(`./${distDir}/`)) {
    await writeFile(nextEnvFile, before.nextEnv);
  }
}

/** Builds the app into `distDir`; returns the milliseconds it took. */
export async function buildApp(root: string, distDir: string): Promise<number> {
  const before = {
    tsconfig: await readOrNull(path.join(root, 'tsconfig.json')),
    nextEnv: await readOrNull(path.join(root, 'next-env.d.ts')),
  };
  const started = Date.now();
  try {
    await run(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    });
  } finally {
    await undoBuildSideEffects(root, distDir, before);
  }
  return Date.now() - started;
}

/** Uses the build in `distDir`, building it first when it is missing (and saying so). */
export async function ensureBuild(root: string, distDir: string, who: string): Promise<void> {
  if (hasBuild(root, distDir)) return;
  console.log(`${who}: no build in ${distDir}/ — building it now (next build, about a minute)…`);
  const ms = await buildApp(root, distDir);
  console.log(`${who}: built ${distDir}/ in ${(ms / 1000).toFixed(1)} s`);
}

export async function isAnswering(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

export interface NextServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first answer of /api/health. */
  startMs: number;
  /** The last few kB the server printed. */
  log(): string;
  /** Sends `signal` and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface StartOptions {
  root: string;
  port: number;
  distDir: string;
  contentDir: string;
  usersFile: string;
  sessionSecret: string;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** More environment for the server (DATABASE_URL, TRUST_PROXY, APP_ORIGIN…). */
  env?: Record<string, string>;
}

/** Starts `next start` on 127.0.0.1:port and waits until /api/health answers. */
export async function startNext(options: StartOptions): Promise<NextServer> {
  const url = `http://127.0.0.1:${options.port}`;
  if (await isAnswering(`${url}/api/health`)) {
    throw new Error(`something already answers on ${url}: stop it first (a stale server would serve another build)`);
  }
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [path.join(options.root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(options.port), '-H', '127.0.0.1'],
    {
      cwd: options.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CONTENT_DIR: options.contentDir,
        USERS_FILE: options.usersFile,
        SESSION_SECRET: options.sessionSecret,
        NEXT_DIST_DIR: options.distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        ...options.env,
      },
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const server: NextServer = {
    url,
    pid: child.pid ?? -1,
    startMs: 0,
    log: () => log,
    kill: (signal) => killChild(child, signal),
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await killChild(child, 'SIGTERM');
      clearTimeout(timer);
    },
  };

  const deadline = started + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, Promise.resolve(null)]);
    if (failed) throw new Error(`could not start next: ${failed.message}`);
    if (exited(child)) throw new Error(`next start exited early (${child.signalCode ?? `exit ${child.exitCode}`}):\n${log}`);
    if (await isAnswering(`${url}/api/health`)) {
      server.startMs = Date.now() - started;
      return server;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  await server.stop();
  throw new Error(`next start did not answer ${url}/api/health within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s:\n${log}`);
}
