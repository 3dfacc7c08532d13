/**
 * The PostgreSQL store's commands:
 *   npm run db:start     create (first time) and start a local cluster in .data/postgres on a free port, migrate it,
 *                        copy content/ into it when it is empty, and print its DATABASE_URL
 *   npm run db:stop      stop that cluster
 *   npm run db:migrate   apply the schema migrations to DATABASE_URL (idempotent; refuses a newer schema)
 *   npm run db:import -- [FOLDER] [--replace] [--users FILE]
 *                        copy a content folder (default: CONTENT_DIR or content/) into the database, and the users
 *                        file (default: USERS_FILE or .data/users.json, when there is one): each user replaces the
 *                        one of the same name, so importing again changes nothing; --replace removes the others
 *   npm run db:export -- FOLDER [--users FILE | --skip-users]
 *                        write the database out as a content folder (the same JSON files), and its users as a users
 *                        file (default: USERS_FILE or .data/users.json; never over an existing file)
 * DATABASE_URL defaults to the local cluster's. PG_PORT fixes the port of a new cluster; PG_BIN the server binaries.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getUsersFilePath, readUsers, writeUsers } from '@/lib/auth/users-file';
import { getContentDir } from '@/lib/storage';
import { exportContent, importContent } from '@/lib/storage/pg/content-copy';
import { Database } from '@/lib/storage/pg/database';
import { migrate } from '@/lib/storage/pg/migrate';
import { PgUserStore } from '@/lib/storage/pg/pg-user-store';
import { findFreePort, startCluster, stopCluster } from './harness/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data', 'postgres');
const urlFile = path.join(root, '.data', 'postgres.url');

/** Copies the users file's people into the database (see importUsers); a missing file changes nothing. */
async function importUsersFile(db: Database, file: string, replace: boolean): Promise<string> {
  const users = await readUsers(file);
  if (!users) return `no users file at ${file}: users unchanged`;
  const n = await new PgUserStore(db).importUsers(users.users, { replace });
  return `imported ${n} user(s) from ${file}`;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL?.trim() || (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : '');
  if (!url) throw new Error('no database: set DATABASE_URL=postgres://… or run "npm run db:start" first');
  return url;
}

async function start(): Promise<void> {
  if (existsSync(path.join(dataDir, 'postmaster.pid')) && existsSync(urlFile)) {
    console.log(`already running\nDATABASE_URL=${readFileSync(urlFile, 'utf8').trim()}`);
    return;
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = Number(process.env.PG_PORT) || (await findFreePort());
  const cluster = await startCluster({ dataDir, port });
  writeFileSync(urlFile, `${cluster.url}\n`);
  await migrate(cluster.url, (line) => console.log(line));
  const db = new Database(cluster.url);
  try {
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM documents');
    if (Number(rows[0]!.n) === 0 && existsSync(getContentDir())) {
      const counts = await importContent(db, getContentDir());
      console.log(`copied ${counts.documents} document(s), ${counts.glossary} glossary term(s) and ${counts.memory} memory entries from ${path.relative(root, getContentDir()) || '.'}`);
    }
    // The people of the users file move in with the content the first time; after that the database keeps them.
    const { rows: users } = await db.query<{ n: string }>('SELECT count(*) AS n FROM users');
    if (Number(users[0]!.n) === 0 && existsSync(getUsersFilePath())) console.log(await importUsersFile(db, getUsersFilePath(), false));
  } finally {
    await db.close();
  }
  console.log(`PostgreSQL is running in ${path.relative(root, dataDir)} on port ${port}\nDATABASE_URL=${cluster.url}`);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false }, users: { type: 'string' }, 'skip-users': { type: 'boolean', default: false } },
  });
  switch (command) {
    case 'start':
      return start();
    case 'stop': {
      const stopped = stopCluster(dataDir);
      rmSync(urlFile, { force: true });
      console.log(stopped ? 'PostgreSQL stopped' : 'PostgreSQL was not running');
      return;
    }
    case 'migrate': {
      const done = await migrate(databaseUrl(), (line) => console.log(line));
      console.log(done.length ? `schema is now at version ${done.at(-1)}` : 'schema is up to date');
      return;
    }
    case 'import': {
      const folder = path.resolve(positionals[0] ?? getContentDir());
      await migrate(databaseUrl());
      const db = new Database(databaseUrl());
      try {
        const c = await importContent(db, folder, { replace: values.replace });
        console.log(`imported ${c.documents} document(s), ${c.notes} note(s), ${c.revisions} revision(s), ${c.published} publication(s), ${c.glossary} glossary term(s), ${c.memory} memory entries`);
        console.log(await importUsersFile(db, path.resolve(values.users ?? getUsersFilePath()), values.replace));
      } finally {
        await db.close();
      }
      return;
    }
    case 'export': {
      if (!positionals[0]) throw new Error('usage: npm run db:export -- FOLDER [--users FILE | --skip-users]');
      const usersFile = values['skip-users'] ? null : path.resolve(values.users ?? getUsersFilePath());
      // Checked first: nothing is written when the users cannot be.
      if (usersFile && existsSync(usersFile)) throw new Error(`${usersFile} exists: pass --users NEW_FILE, or --skip-users`);
      const db = new Database(databaseUrl());
      try {
        const c = await exportContent(db, path.resolve(positionals[0]));
        console.log(`exported ${c.documents} document(s), ${c.notes} note(s), ${c.revisions} revision(s), ${c.published} publication(s), ${c.glossary} glossary term(s), ${c.memory} memory entries`);
        const users = usersFile ? await new PgUserStore(db).list() : null;
        if (usersFile && users) {
          await writeUsers({ schemaVersion: 2, users }, usersFile);
          console.log(`exported ${users.length} user(s) to ${usersFile}`);
        } else if (usersFile) console.log('no users in the database: no users file written');
      } finally {
        await db.close();
      }
      return;
    }
    default:
      throw new Error('usage: tsx scripts/db.ts start|stop|migrate|import|export');
  }
}

main().catch((e: unknown) => {
  console.error(`db: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
