/**
 * The PostgreSQL pass of the end-to-end tests (E2E_STORE=postgres, `npm run test:e2e:pg`): the specs read and reset
 * the database the server under test uses, as the file pass reads and resets its content folder. Synchronous (through
 * psql) because the specs' disk helpers are: a spec reads "what is stored" the same way in both passes.
 * scripts/e2e-server.mjs starts the cluster and keeps a copy of the seed content in e2e_seed_* tables for resets.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findPgBin } from '../scripts/harness/postgres.mjs';

/** True in the PostgreSQL pass. */
export function usesDatabase(): boolean {
  return process.env.E2E_STORE === 'postgres';
}

function databaseUrl(): string {
  const dir = process.env.E2E_PG_DIR;
  if (!dir) throw new Error('E2E_PG_DIR is not set: run the PostgreSQL pass through playwright.config.ts');
  return fs.readFileSync(`${dir}.url`, 'utf8').trim();
}

/**
 * The environment of `npm run user` (scripts/user.ts) in a spec: the test people's users file, or in the
 * PostgreSQL pass the database, where the servers read the people.
 */
export function userScriptEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, USERS_FILE: process.env.E2E_USERS_FILE, ...(usesDatabase() && { DATABASE_URL: databaseUrl() }), ...extra };
}

/** Runs SQL with psql and returns its unaligned output; `vars` become psql variables (quoted with :'name'). */
export function sql(statement: string, vars: Record<string, string> = {}): string {
  const bin = findPgBin();
  if (!bin) throw new Error('psql not found');
  const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl()];
  for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
  return execFileSync(path.join(bin, 'psql'), args, { input: statement, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** A document as stored (head, updatedAt and rows), or throws when it is not there. */
export function readStoredDocument<T>(slug: string): T {
  const out = sql(
    `SELECT (d.head || jsonb_build_object('updatedAt', d.updated_at,
              'rows', (SELECT jsonb_agg(r.data ORDER BY r.position) FROM rows r WHERE r.document_id = d.id)))::text
       FROM documents d WHERE d.slug = :'slug'`,
    { slug },
  );
  if (!out) throw new Error(`no document ${slug} in the database`);
  return JSON.parse(out) as T;
}

/** The notes of a document as the file would hold them, or null when it has none. */
export function readStoredNotesRaw(slug: string): string {
  return sql(
    `SELECT COALESCE((SELECT jsonb_build_object('schemaVersion', 1, 'notes', jsonb_agg(n.data ORDER BY n.position, n.id))::text
       FROM notes n JOIN documents d ON d.id = n.document_id WHERE d.slug = :'slug' HAVING count(*) > 0), '')`,
    { slug },
  );
}

/** Replaces a document's notes, as a hand edit of notes.json would. */
export function writeStoredNotes(slug: string, notes: { id: string; rowId: string }[]): void {
  sql(
    `BEGIN;
     DELETE FROM notes WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     INSERT INTO notes (document_id, id, row_id, position, data)
       SELECT d.id, n.value->>'id', n.value->>'rowId', n.ordinality, n.value
         FROM documents d, jsonb_array_elements(:'notes'::jsonb) WITH ORDINALITY n WHERE d.slug = :'slug';
     UPDATE documents SET event_seq = event_seq + 1 WHERE slug = :'slug';
     COMMIT;`,
    { slug, notes: JSON.stringify(notes) },
  );
}

/** Puts a seed document back as it was when the server started (rows, notes, publication; its history cleared). */
export function resetStoredDocument(slug: string): void {
  sql(
    `BEGIN;
     SELECT pg_advisory_xact_lock(id) FROM documents WHERE slug = :'slug';
     DELETE FROM rows WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     DELETE FROM notes WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     DELETE FROM revisions WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     DELETE FROM published WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     INSERT INTO rows SELECT * FROM e2e_seed_rows WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     INSERT INTO notes SELECT * FROM e2e_seed_notes WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     INSERT INTO published SELECT * FROM e2e_seed_published WHERE document_id = (SELECT id FROM documents WHERE slug = :'slug');
     UPDATE documents d SET head = s.head, title = s.title, title_folded = s.title_folded, target_title = s.target_title,
         target_title_folded = s.target_title_folded, updated_at = s.updated_at, row_count = s.row_count,
         n_untranslated = s.n_untranslated, n_draft = s.n_draft, n_translated = s.n_translated, n_needs_changes = s.n_needs_changes,
         n_approved = s.n_approved, words_translated = s.words_translated, words_total = s.words_total, published = s.published,
         event_seq = d.event_seq + 1
       FROM e2e_seed_documents s WHERE s.id = d.id AND d.slug = :'slug';
     COMMIT;`,
    { slug },
  );
}

/** Removes a document the test made. */
export function removeStoredDocument(slug: string): void {
  sql(`DELETE FROM documents WHERE slug = :'slug'`, { slug });
}

/** A fingerprint of everything stored (one query): equal fingerprints mean nothing was written. */
export function storedFingerprint(): Record<string, string> {
  const tables = ['documents', 'rows', 'notes', 'revisions', 'published', 'glossary', 'memory'];
  const columns = tables.map((t) => `'${t}', (SELECT md5(COALESCE(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x)`).join(', ');
  return JSON.parse(sql(`SELECT json_build_object(${columns})::text`)) as Record<string, string>;
}
