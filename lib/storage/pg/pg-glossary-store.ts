import {
  addGlossaryEntry,
  deleteGlossaryEntry,
  GLOSSARY_SCHEMA_VERSION,
  parseGlossaryFile,
  updateGlossaryEntry,
  type CreateGlossaryEntryRequest,
  type GlossaryEntry,
  type UpdateGlossaryEntryRequest,
} from '@/lib/model';
import { mergeGlossaryRecords, type GlossaryImportResult, type ParsedGlossaryFile } from '@/lib/model/glossary-io';
import type { GlossaryChangeMeta, GlossaryStore } from '../glossary-store';
import { newRowId } from '../ids';
import type { Database } from './database';

const LABEL = 'database: glossary';

/**
 * The glossary as a table, one row an entry, in the order entries were added. Changes lock the glossary's version
 * row, so they run one after another across app servers; each process caches the entries while the version holds.
 */
export class PgGlossaryStore implements GlossaryStore {
  private cache: { version: string; entries: GlossaryEntry[] } | null = null;

  constructor(private readonly db: Database) {}

  async list(): Promise<GlossaryEntry[]> {
    const { rows } = await this.db.query<{ version: string; entries: string | null }>(
      `SELECT v.version, CASE WHEN v.version = $1 THEN NULL ELSE (SELECT json_agg(g.data ORDER BY g.position)::text FROM glossary g) END AS entries
         FROM store_versions v WHERE v.name = 'glossary'`,
      [this.cache?.version ?? '-1'],
    );
    const found = rows[0]!;
    if (this.cache && this.cache.version === found.version) return this.cache.entries;
    const entries = parseGlossaryFile({ schemaVersion: GLOSSARY_SCHEMA_VERSION, entries: JSON.parse(found.entries ?? '[]') }, LABEL).entries;
    this.cache = { version: found.version, entries };
    return entries;
  }

  private change<T>(make: (entries: GlossaryEntry[]) => { entries: GlossaryEntry[] | null; result: T }): Promise<T> {
    return this.db.tx(async (client) => {
      await client.query(`SELECT version FROM store_versions WHERE name = 'glossary' FOR UPDATE`);
      const { rows } = await client.query<{ entries: string | null }>('SELECT json_agg(data ORDER BY position)::text AS entries FROM glossary');
      const before = parseGlossaryFile({ schemaVersion: GLOSSARY_SCHEMA_VERSION, entries: JSON.parse(rows[0]?.entries ?? '[]') }, LABEL).entries;
      const out = make(before);
      if (!out.entries) return out.result;
      const after = parseGlossaryFile({ schemaVersion: GLOSSARY_SCHEMA_VERSION, entries: out.entries }, 'glossary', 'invalid').entries;
      const keep = new Set(after.map((e) => e.id));
      await client.query('DELETE FROM glossary WHERE NOT (id = ANY($1::text[]))', [[...keep]]);
      await client.query(
        `INSERT INTO glossary (id, position, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])
         ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, data = EXCLUDED.data`,
        [after.map((e) => e.id), after.map((_, i) => i), after.map((e) => JSON.stringify(e))],
      );
      await client.query(`UPDATE store_versions SET version = version + 1 WHERE name = 'glossary'`);
      return out.result;
    });
  }

  add(request: CreateGlossaryEntryRequest, meta: GlossaryChangeMeta): Promise<GlossaryEntry> {
    return this.change((entries) => {
      const out = addGlossaryEntry(entries, request, { ...meta, newId: newRowId });
      return { entries: out.entries, result: out.entry };
    });
  }

  update(id: string, request: UpdateGlossaryEntryRequest, meta: GlossaryChangeMeta): Promise<GlossaryEntry> {
    return this.change((entries) => {
      const out = updateGlossaryEntry(entries, id, request, meta);
      return { entries: out.entries, result: out.entry };
    });
  }

  delete(id: string): Promise<void> {
    return this.change((entries) => ({ entries: deleteGlossaryEntry(entries, id), result: undefined }));
  }

  importEntries(file: ParsedGlossaryFile, meta: GlossaryChangeMeta): Promise<Omit<GlossaryImportResult, 'entries'>> {
    return this.change((entries) => {
      const { entries: next, ...result } = mergeGlossaryRecords(entries, file, { ...meta, newId: newRowId });
      return { entries: result.added + result.replaced > 0 ? next : null, result };
    });
  }

  /** Replaces the whole glossary (an import of a content folder). */
  replaceAll(entries: GlossaryEntry[]): Promise<void> {
    return this.change(() => ({ entries, result: undefined }));
  }
}
