// A local PostgreSQL cluster from the machine's server binaries (Debian's `postgresql`: initdb and pg_ctl under
// /usr/lib/postgresql/<version>/bin), for `npm run db:start`, the tests and the benchmarks. As root the server runs
// as the `postgres` user (initdb refuses root) through runuser. Plain JavaScript so playwright's web server, Vitest
// and the TypeScript scripts can all use it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The newest server binaries on the machine (PG_BIN overrides), or null. */
export function findPgBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  for (const base of ['/usr/lib/postgresql', '/usr/local/lib/postgresql']) {
    try {
      const versions = fs
        .readdirSync(base)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a));
      for (const v of versions) candidates.push(path.join(base, v, 'bin'));
    } catch {
      // Not there.
    }
  }
  for (const dir of ['/usr/local/pgsql/bin', '/opt/homebrew/bin', '/usr/local/bin', '/usr/bin']) candidates.push(dir);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

/** What to tell someone whose machine has no PostgreSQL server. */
export const NO_POSTGRES =
  'No PostgreSQL server binaries (initdb, pg_ctl) found: install them (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN to their folder.';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary, as the postgres user when we are root. */
function runPg(bin, args, options = {}) {
  const command = isRoot ? 'runuser' : bin;
  const argv = isRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const result = spawnSync(command, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args[0] ?? ''} failed: ${(result.stderr || result.stdout || String(result.error ?? '')).trim()}`);
  }
  return result.stdout;
}

/** Hands a folder to the postgres user (as root), so the server may write it. */
function giveToPostgres(dir) {
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port: from PG_PORTS ("55440-55449") when set, else one the system picks. */
export async function findFreePort() {
  const range = process.env.PG_PORTS?.match(/^(\d+)-(\d+)$/);
  if (range) {
    for (let p = Number(range[1]); p <= Number(range[2]); p++) if (await portIsFree(p)) return p;
    throw new Error(`no free port in PG_PORTS=${process.env.PG_PORTS}`);
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates (when the folder holds none) and starts a cluster in `dataDir` on `port`, creates `database`, and returns
 * its URL and a stop function. `fast` turns off fsync (throwaway test clusters only).
 */
export async function startCluster({ dataDir, port, database = 'bilingual', fast = false, bin = findPgBin() }) {
  if (!bin) throw new Error(NO_POSTGRES);
  fs.mkdirSync(dataDir, { recursive: true });
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  giveToPostgres(dataDir);
  if (fresh) {
    // A UTF-8 character type, so pg_trgm sees Arabic letters as letters (in the C locale it sees none); code point
    // order for text (C.UTF-8 sorts as the app does).
    let error;
    for (const locale of ['--locale=C.UTF-8', '--locale=en_US.UTF-8', '--no-locale']) {
      try {
        runPg(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', locale]);
        error = null;
        break;
      } catch (e) {
        error = e;
        for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
      }
    }
    if (error) throw error;
  }
  const options = [`-p ${port}`, `-k ${dataDir}`, `-c listen_addresses=127.0.0.1`, '-c max_connections=200'];
  if (fast) options.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
  runPg(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options.join(' '), '-l', path.join(dataDir, 'server.log'), '-w', '-t', '60', 'start'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    dataDir,
    /** Stops the server (fast shutdown); `remove` deletes the folder too. */
    stop: ({ remove = false } = {}) => {
      try {
        runPg(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { stdio: ['ignore', 'pipe', 'pipe'] });
      } finally {
        if (remove) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Stops a cluster whose folder is `dataDir`, if it runs. Returns whether it was running. */
export function stopCluster(dataDir, bin = findPgBin()) {
  if (!bin || !fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return false;
  runPg(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return true;
}

/** A throwaway cluster in a temporary folder (fsync off), removed on stop: for tests and benchmarks. */
export async function startThrowawayCluster({ fast = true } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bilingual-pg-'));
  const port = await findFreePort();
  try {
    const cluster = await startCluster({ dataDir, port, fast });
    return { ...cluster, stop: () => cluster.stop({ remove: true }) };
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Creates a fresh database on a running cluster (one per test suite) and returns its URL. */
export async function createDatabase(clusterUrl, name) {
  const admin = new pg.Client({ connectionString: clusterUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return clusterUrl.replace(/\/[^/]*$/, `/${name}`);
}
