import {
  baseLang,
  concordance,
  emptyMemory,
  findMatches,
  foldArabic,
  parseMemory,
  parseWith,
  memoryEntrySchema,
  memoryKey,
  MEMORY_SCHEMA_VERSION,
  upsertEntries,
  type ConcordanceHit,
  type MatchOptions,
  type MemoryEntry,
  type MemoryEntryInput,
  type MemoryMatch,
} from '@/lib/model';
import { newRowId } from '../ids';
import type { MemoryUpsertCounts, MemoryStore } from '../memory-store';
import type { Database, Queryable } from './database';
import { now as clockNow } from '@/lib/clock';

const LABEL = 'database: memory';
/** Candidates scored per fuzzy lookup: those the trigram index finds most similar. */
const CANDIDATES = 200;
/** Trigram similarity below which an entry is not even a candidate (word scores of 70% sit far above it). */
const TRIGRAM_FLOOR = 0.2;

/** A text as the trigram index holds it: Arabic folded, Latin lower-cased, spaces single. */
function foldForIndex(text: string): string {
  return foldArabic(text).text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** memoryKey for a text column: PostgreSQL text cannot hold the NUL memoryKey separates its parts with. */
function dbKey(entry: Pick<MemoryEntry, 'sourceLang' | 'targetLang' | 'source'>): string {
  return memoryKey(entry).split('\u0000').join('\u001f');
}

function columns(entries: readonly { entry: MemoryEntry; position: number }[]) {
  return [
    entries.map((e) => e.entry.id),
    entries.map((e) => dbKey(e.entry)),
    entries.map((e) => e.position),
    entries.map((e) => baseLang(e.entry.sourceLang)),
    entries.map((e) => baseLang(e.entry.targetLang)),
    entries.map((e) => foldForIndex(e.entry.source)),
    entries.map((e) => foldForIndex(e.entry.target)),
    entries.map((e) => e.entry.updatedAt),
    entries.map((e) => JSON.stringify(e.entry)),
  ];
}

/**
 * The translation memory as a table, one row an entry (unique by its folded source and language pair). Fuzzy
 * matches and concordance ask a trigram index (pg_trgm) for candidates and score them with lib/model, as the file
 * store scores every entry. Writes lock the memory's version row; `list` is cached while the version holds.
 */
export class PgMemoryStore implements MemoryStore {
  private cache: { version: string; entries: readonly MemoryEntry[] } | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => string = clockNow,
  ) {}

  async list(): Promise<readonly MemoryEntry[]> {
    const { rows } = await this.db.query<{ version: string; entries: string | null }>(
      `SELECT v.version, CASE WHEN v.version = $1 THEN NULL ELSE (SELECT json_agg(m.data ORDER BY m.position, m.id)::text FROM memory m) END AS entries
         FROM store_versions v WHERE v.name = 'memory'`,
      [this.cache?.version ?? '-1'],
    );
    const found = rows[0]!;
    if (this.cache && this.cache.version === found.version) return this.cache.entries;
    const entries = parseMemory({ schemaVersion: MEMORY_SCHEMA_VERSION, entries: JSON.parse(found.entries ?? '[]') }, LABEL).entries;
    this.cache = { version: found.version, entries };
    return entries;
  }

  async findMatches(query: string, options: MatchOptions): Promise<MemoryMatch[]> {
    const folded = foldForIndex(query);
    if (!folded) return [];
    const pair = options.sourceLang && options.targetLang ? [baseLang(options.sourceLang), baseLang(options.targetLang)] : [null, null];
    const rows = await this.db.tx(async (client) => {
      await client.query(`SET LOCAL pg_trgm.similarity_threshold = ${TRIGRAM_FLOOR}`);
      const found = await client.query<{ data: MemoryEntry }>(
        `SELECT data FROM memory
          WHERE source_folded % $1 AND ($2::text IS NULL OR (source_lang = $2 AND target_lang = $3))
          ORDER BY similarity(source_folded, $1) DESC LIMIT ${CANDIDATES}`,
        [folded, pair[0], pair[1]],
      );
      return found.rows;
    });
    const candidates = rows.map((r) => parseWith(memoryEntrySchema, r.data, LABEL, 'corrupt'));
    return findMatches(query, candidates, options);
  }

  async concordance(query: string, limit: number): Promise<{ hits: ConcordanceHit[]; total: number }> {
    const needle = foldForIndex(query);
    if (!needle) return { hits: [], total: 0 };
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The index narrows by the folded, lower-cased text; lib/model decides (and finds the spans to highlight).
    const { rows } = await this.db.query<{ data: MemoryEntry; total: string }>(
      `SELECT data, count(*) OVER () AS total FROM memory WHERE source_folded LIKE $1 OR target_folded LIKE $1
        ORDER BY updated_at DESC LIMIT $2`,
      [like, Math.max(limit * 4, 200)],
    );
    const entries = rows.map((r) => parseWith(memoryEntrySchema, r.data, LABEL, 'corrupt'));
    const found = concordance(query, entries, { limit });
    const candidates = Number(rows[0]?.total ?? 0);
    return { hits: found.hits, total: candidates > rows.length ? Math.max(found.total, candidates) : found.total };
  }

  private async lock(client: Queryable): Promise<void> {
    await client.query(`SELECT version FROM store_versions WHERE name = 'memory' FOR UPDATE`);
  }

  private async bump(client: Queryable): Promise<void> {
    await client.query(`UPDATE store_versions SET version = version + 1 WHERE name = 'memory'`);
  }

  upsert(inputs: readonly MemoryEntryInput[], user: string | null): Promise<MemoryUpsertCounts> {
    if (!inputs.length) return Promise.resolve({ added: 0, replaced: 0, unchanged: 0 });
    return this.db.tx(async (client) => {
      await this.lock(client);
      // Only the entries the inputs can touch: those of their keys.
      const keys = [...new Set(inputs.map((i) => dbKey({ ...i, source: i.source.trim() })))];
      const { rows } = await client.query<{ data: MemoryEntry }>('SELECT data FROM memory WHERE key = ANY($1::text[]) ORDER BY position, id', [keys]);
      const existing = { ...emptyMemory(), entries: rows.map((r) => parseWith(memoryEntrySchema, r.data, LABEL, 'corrupt')) };
      const out = upsertEntries(existing, inputs, { now: this.now(), user, newId: newRowId });
      if (out.changed) {
        const before = new Map(existing.entries.map((e) => [e.id, e]));
        const changed = out.memory.entries.filter((e) => before.get(e.id) !== e);
        const { rows: max } = await client.query<{ max: string | null }>('SELECT max(position) AS max FROM memory');
        let next = Number(max[0]?.max ?? 0);
        await client.query(
          `INSERT INTO memory (id, key, position, source_lang, target_lang, source_folded, target_folded, updated_at, data)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
           ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key, source_lang = EXCLUDED.source_lang, target_lang = EXCLUDED.target_lang,
             source_folded = EXCLUDED.source_folded, target_folded = EXCLUDED.target_folded, updated_at = EXCLUDED.updated_at, data = EXCLUDED.data`,
          columns(changed.map((entry) => ({ entry, position: before.has(entry.id) ? 0 : ++next }))),
        );
        await this.bump(client);
      }
      return { added: out.added, replaced: out.replaced, unchanged: out.unchanged };
    });
  }

  replaceAll(inputs: readonly MemoryEntryInput[], user: string | null): Promise<MemoryUpsertCounts> {
    return this.db.tx(async (client) => {
      await this.lock(client);
      const { rows } = await client.query<{ data: MemoryEntry }>('SELECT data FROM memory ORDER BY position, id');
      const old = new Map(rows.map((r) => parseWith(memoryEntrySchema, r.data, LABEL, 'corrupt')).map((e) => [memoryKey(e), e]));
      const fresh = upsertEntries(emptyMemory(), inputs, { now: this.now(), user, newId: newRowId });
      const entries = fresh.memory.entries.map((e) => {
        const was = old.get(memoryKey(e));
        if (!was) return e;
        return was.source === e.source && was.target === e.target && was.origin.slug === e.origin.slug && was.origin.rowId === e.origin.rowId ? was : { ...e, id: was.id };
      });
      const replaced = entries.filter((e) => old.has(memoryKey(e)) && old.get(memoryKey(e)) !== e).length;
      const unchanged = entries.filter((e) => old.get(memoryKey(e)) === e).length;
      await this.replaceEntries(client, entries);
      return { added: entries.length - replaced - unchanged, replaced, unchanged };
    });
  }

  /** Replaces every entry with these, in this order (a rebuild, or an import of a content folder). */
  async replaceEntries(client: Queryable, entries: readonly MemoryEntry[]): Promise<void> {
    const valid = parseMemory({ schemaVersion: MEMORY_SCHEMA_VERSION, entries }, 'memory').entries;
    await client.query('DELETE FROM memory');
    await client.query(
      `INSERT INTO memory (id, key, position, source_lang, target_lang, source_folded, target_folded, updated_at, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
      columns(valid.map((entry, i) => ({ entry, position: i + 1 }))),
    );
    await this.bump(client);
  }

  /** Replaces the whole memory in its own transaction (scripts). */
  importAll(entries: readonly MemoryEntry[]): Promise<void> {
    return this.db.tx(async (client) => {
      await this.lock(client);
      await this.replaceEntries(client, entries);
    });
  }

  async close(): Promise<void> {}
}
