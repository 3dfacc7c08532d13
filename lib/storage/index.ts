import path from 'node:path';
import type { SignInCounters } from '@/lib/auth/sign-in-limiter';
import type { UserStore } from '@/lib/auth/user-store';
import type { DocumentStore } from './document-store';
import type { EventBus } from './events';
import { FileGlossaryStore } from './file-glossary-store';
import { FileDocumentStore } from './file-store';
import type { GlossaryStore } from './glossary-store';
import { FileMemoryStore, type MemoryStore } from './memory-store';
import { Database } from './pg/database';
import { PgDocumentStore } from './pg/pg-document-store';
import { PgGlossaryStore } from './pg/pg-glossary-store';
import { PgMemoryStore } from './pg/pg-memory-store';
import { PgPresenceHub } from './pg/pg-presence';
import { getPgSignInCounters } from './pg/pg-sign-in-counters';
import { PgUserStore } from './pg/pg-user-store';
import { MemoryPresenceHub, type PresenceHub } from './presence';

export type { BrokenDocument, CommitMeta, DocumentChange, DocumentStore, NotesChange, RowChange } from './document-store';
export { openStream, type EventBus, type EventListener, type Replay } from './events';
export { FileDocumentStore } from './file-store';
export type { GlossaryChangeMeta, GlossaryStore } from './glossary-store';
export { FileGlossaryStore } from './file-glossary-store';
export { FileMemoryStore, type MemoryStore, type MemoryUpsertCounts } from './memory-store';
export { PRESENCE_TTL_MS, type PresenceEntry, type PresenceHub, type PresenceListener } from './presence';

/** The content folder: `CONTENT_DIR` when set (tests, deployments), else `content/` in the project. */
export function getContentDir(): string {
  return path.resolve(process.env.CONTENT_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), 'content'));
}

/** The PostgreSQL URL when `DATABASE_URL` selects the database store, else null (the JSON files). */
export function getDatabaseUrl(): string | null {
  const url = process.env.DATABASE_URL?.trim();
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/**
 * The stores of this server process, made once (kept on globalThis so dev-mode reloads share their locks, caches
 * and connections): the JSON files under the content folder by default, PostgreSQL when `DATABASE_URL` is a
 * postgres:// URL. Users and sign-in counters are here only for PostgreSQL: without it they live in the users file
 * and in memory (lib/auth), which pick these when they are there.
 */
interface Stores {
  documents: DocumentStore;
  glossary: GlossaryStore;
  memory: MemoryStore;
  presence: PresenceHub;
  users: UserStore | null;
  signInCounters: SignInCounters | null;
  database: Database | null;
}

const globalStores = globalThis as unknown as { __stores?: Stores };

function getStores(): Stores {
  if (!globalStores.__stores) {
    const url = getDatabaseUrl();
    if (url) {
      const database = new Database(url);
      globalStores.__stores = { documents: new PgDocumentStore(database), glossary: new PgGlossaryStore(database), memory: new PgMemoryStore(database), presence: new PgPresenceHub(database), users: new PgUserStore(database), signInCounters: getPgSignInCounters(database), database };
    } else {
      const root = getContentDir();
      globalStores.__stores = { documents: new FileDocumentStore(root), glossary: new FileGlossaryStore(root), memory: new FileMemoryStore(root), presence: new MemoryPresenceHub(), users: null, signInCounters: null, database: null };
    }
  }
  return globalStores.__stores;
}

export function getDocumentStore(): DocumentStore {
  return getStores().documents;
}

export function getGlossaryStore(): GlossaryStore {
  return getStores().glossary;
}

export function getMemoryStore(): MemoryStore {
  return getStores().memory;
}

/** The events of every document (SSE reads them; see lib/storage/events.ts for subscribing and replay). */
export function getEventBus(): EventBus {
  return getStores().documents.events;
}

/** Who has each document open, and where (SSE readers and the presence route). */
export function getPresenceHub(): PresenceHub {
  return getStores().presence;
}

/** The users in the database when DATABASE_URL selects PostgreSQL, else null (lib/auth/user-store.ts: the users file). */
export function getDatabaseUserStore(): UserStore | null {
  return getStores().users;
}

/** Sign-in failure counters every app server shares (PostgreSQL), else null (lib/auth counts in memory). */
export function getSharedSignInCounters(): SignInCounters | null {
  return getStores().signInCounters;
}

/** Closes the stores' connections and timers (scripts, so the process can end). */
export async function closeStores(): Promise<void> {
  const stores = globalStores.__stores;
  if (!stores) return;
  globalStores.__stores = undefined;
  await stores.documents.close();
  await stores.memory.close();
  await stores.presence.close();
  await stores.database?.close();
}
