/**
 * The store a server-driving script (crash test, load test, store benchmarks) runs the app on: the content folder
 * and the users file, or PostgreSQL (a throwaway cluster holding a copy of both, as `npm run db:import` makes it).
 * The script reads back what is stored through the app's own store code either way.
 */
import { readUsers } from '@/lib/auth/users-file';
import type { BilingualDocument } from '@/lib/model';
import { FileDocumentStore, type DocumentStore } from '@/lib/storage';
import { importContent } from '@/lib/storage/pg/content-copy';
import { Database } from '@/lib/storage/pg/database';
import { migrate } from '@/lib/storage/pg/migrate';
import { PgDocumentStore } from '@/lib/storage/pg/pg-document-store';
import { PgUserStore } from '@/lib/storage/pg/pg-user-store';
import { startThrowawayCluster } from './postgres.mjs';

export type StoreKind = 'file' | 'postgres';

export interface StoreUnderTest {
  kind: StoreKind;
  /** Extra environment of `next start` (for PostgreSQL: DATABASE_URL, and a users file that is not there). */
  env: Record<string, string>;
  /** A fresh reader of what is stored (no cache shared with an earlier read). */
  reader(): DocumentStore;
  /** Reads one document as stored. */
  read(slug: string): Promise<BilingualDocument>;
  stop(): Promise<void>;
}

/** `--store postgres` or `STORE=postgres` picks PostgreSQL; the file store otherwise. */
export function storeKindFromArgs(argv = process.argv, env = process.env): StoreKind {
  const i = argv.indexOf('--store');
  const value = i >= 0 ? argv[i + 1] : env.STORE;
  if (!value || value === 'file') return 'file';
  if (value === 'postgres' || value === 'pg') return 'postgres';
  throw new Error(`--store must be file or postgres, not "${value}"`);
}

/**
 * Prepares the store over a content folder and a users file already filled: for PostgreSQL, starts a cluster (fsync
 * on: saves are as durable as in production), migrates it and copies the folder and the users in. The servers
 * then get a users file that does not exist, so signing in works only through the database's users.
 */
export async function openStoreUnderTest(kind: StoreKind, contentDir: string, usersFile: string): Promise<StoreUnderTest> {
  if (kind === 'file') {
    return {
      kind,
      env: {},
      reader: () => new FileDocumentStore(contentDir),
      read: (slug) => new FileDocumentStore(contentDir).get(slug),
      stop: async () => {},
    };
  }
  const cluster = await startThrowawayCluster({ fast: false });
  try {
    await migrate(cluster.url);
    const db = new Database(cluster.url, { max: 2 });
    await importContent(db, contentDir);
    const users = await readUsers(usersFile);
    if (!users?.users.length) throw new Error(`no users in ${usersFile} to copy into the database`);
    await new PgUserStore(db).importUsers(users.users);
    const readers: Database[] = [db];
    return {
      kind,
      env: { DATABASE_URL: cluster.url, USERS_FILE: `${usersFile}.not-read-on-postgres` },
      reader: () => {
        const reader = new Database(cluster.url, { max: 2 });
        readers.push(reader);
        return new PgDocumentStore(reader);
      },
      read: (slug) => new PgDocumentStore(db).get(slug),
      stop: async () => {
        for (const r of readers) await r.close().catch(() => undefined);
        cluster.stop();
      },
    };
  } catch (e) {
    cluster.stop();
    throw e;
  }
}
