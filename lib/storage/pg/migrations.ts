/**
 * The PostgreSQL schema as versioned migrations, applied in order by `npm run db:migrate` (lib/storage/pg/migrate.ts)
 * inside one transaction each, recorded in `schema_migrations`. Never edit a released migration: add the next one.
 * Kept as code rather than .sql files so the server bundle carries them without reading the disk.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, rows, notes, history, events, publishing, glossary and memory',
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row a document: its head (the document without rows) and the summary the library lists.
CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  head jsonb NOT NULL,
  title text NOT NULL,
  title_folded text NOT NULL,
  target_title text NOT NULL DEFAULT '',
  target_title_folded text NOT NULL DEFAULT '',
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  updated_at text NOT NULL,
  row_count integer NOT NULL,
  n_untranslated integer NOT NULL DEFAULT 0,
  n_draft integer NOT NULL DEFAULT 0,
  n_translated integer NOT NULL DEFAULT 0,
  n_needs_changes integer NOT NULL DEFAULT 0,
  n_approved integer NOT NULL DEFAULT 0,
  words_translated integer NOT NULL DEFAULT 0,
  words_total integer NOT NULL DEFAULT 0,
  published boolean NOT NULL DEFAULT false,
  -- The id of the document's latest event; also its version, which caches compare.
  event_seq bigint NOT NULL DEFAULT 0
);
CREATE INDEX documents_updated ON documents (updated_at DESC, slug);
CREATE INDEX documents_title_trgm ON documents USING gin (title_folded gin_trgm_ops);
CREATE INDEX documents_target_title_trgm ON documents USING gin (target_title_folded gin_trgm_ops);

-- One row a document row: a save writes this row only.
CREATE TABLE rows (
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id text NOT NULL,
  position bigint NOT NULL,
  rev integer NOT NULL,
  text_rev integer NOT NULL,
  status text NOT NULL,
  words integer NOT NULL,
  is_title boolean NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (document_id, id)
);
CREATE INDEX rows_position ON rows (document_id, position);

CREATE TABLE notes (
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id text NOT NULL,
  row_id text NOT NULL,
  position bigint NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (document_id, id)
);
CREATE INDEX notes_row ON notes (document_id, row_id);

CREATE TABLE revisions (
  -- The order revisions were recorded in (an export writes them back in it).
  seq bigserial,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  row_id text NOT NULL,
  rev integer NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (document_id, row_id, rev)
);

-- The document's stream: seq is gapless per document and given under the document row's lock, so events commit
-- in the order of their ids. Old events are pruned (a reader that far behind refetches).
CREATE TABLE events (
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (document_id, seq)
);

CREATE TABLE published (
  document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  snapshot jsonb NOT NULL,
  withdrawn boolean NOT NULL DEFAULT false
);

CREATE TABLE glossary (
  id text PRIMARY KEY,
  position bigint NOT NULL,
  data jsonb NOT NULL
);

CREATE TABLE memory (
  id text PRIMARY KEY,
  key text NOT NULL UNIQUE,
  position bigint NOT NULL,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  source_folded text NOT NULL,
  target_folded text NOT NULL,
  updated_at text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX memory_source_trgm ON memory USING gin (source_folded gin_trgm_ops);
CREATE INDEX memory_target_trgm ON memory USING gin (target_folded gin_trgm_ops);

-- Versions of whole-table stores (glossary, memory): a process's cache of them is valid while the version is.
CREATE TABLE store_versions (
  name text PRIMARY KEY,
  version bigint NOT NULL
);
INSERT INTO store_versions (name, version) VALUES ('glossary', 0), ('memory', 0);
`,
  },
  {
    version: 2,
    name: 'presence: who has a document open, and where',
    sql: `
-- One row an open editor page. Unlogged: presence is rebuilt by the pages themselves after a crash.
CREATE UNLOGGED TABLE presence (
  slug text NOT NULL,
  client text NOT NULL,
  user_name text NOT NULL,
  row_id text,
  joined_at timestamptz NOT NULL,
  at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (slug, client)
);
CREATE INDEX presence_expires ON presence (expires_at);
`,
  },
  {
    version: 3,
    name: 'users, their API tokens and ended sessions; sign-in failure counters',
    sql: `
-- The people who may sign in (the users file's records as rows). id is made when a user is added: a name removed
-- and added again is another user, so old cookies (which name the id) are refused.
CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  position bigserial,
  role text NOT NULL,
  display_name text,
  password_hash text NOT NULL,
  session_version integer NOT NULL DEFAULT 1,
  created_at text NOT NULL
);

CREATE TABLE user_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  position bigserial,
  hash text NOT NULL,
  created_at text NOT NULL,
  expires_at text
);
CREATE INDEX user_tokens_user ON user_tokens (user_id);

-- Sessions signed out before their cookie expires (until), so a copy of the cookie stays refused.
CREATE TABLE ended_sessions (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id text NOT NULL,
  position bigserial,
  until timestamptz NOT NULL,
  PRIMARY KEY (user_id, session_id)
);

-- Failed sign-ins and waits, shared by every app server (rate-limiter-flexible's PostgreSQL table layout).
CREATE TABLE sign_in_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
`,
  },
];

/** The schema version this code needs. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
