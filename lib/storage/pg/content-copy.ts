import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  countSourceWords,
  getDocumentSummary,
  GLOSSARY_SCHEMA_VERSION,
  isModelError,
  ModelError,
  NOTES_SCHEMA_VERSION,
  notesFileSchema,
  parseDocument,
  parseGlossaryFile,
  parseHistoryLines,
  parseMemory,
  parseWith,
  publishedSnapshotSchema,
  rowRevisionSchema,
  foldTitle,
  slugSchema,
  MEMORY_SCHEMA_VERSION,
  type BilingualDocument,
  type PublishedSnapshot,
  type RowRevision,
} from '@/lib/model';
import { FileDocumentStore, HISTORY_FILE } from '../file-store';
import { readJsonFile, writeJsonAtomic } from '../json-file';
import type { Database } from './database';
import { PgGlossaryStore } from './pg-glossary-store';
import { PgMemoryStore } from './pg-memory-store';

/** What a copy moved. */
export interface CopyCounts {
  documents: number;
  notes: number;
  revisions: number;
  published: number;
  glossary: number;
  memory: number;
}

async function readIfThere<T>(file: string, label: string, parse: (raw: unknown) => T): Promise<T | null> {
  try {
    return parse(await readJsonFile(file, label));
  } catch (e) {
    if (isModelError(e, 'not-found')) return null;
    throw e;
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Copies a content folder into the database (`npm run db:import`): every document with its rows, notes, row
 * history and published (or withdrawn) snapshot, the glossary and the memory, as they are in the files. Everything
 * is validated first; nothing is written unless all of it is valid, and the whole copy is one transaction. A slug
 * already in the database is refused unless `replace`, which deletes the database's documents, glossary and memory
 * first.
 */
export async function importContent(db: Database, root: string, options: { replace?: boolean } = {}): Promise<CopyCounts> {
  const files = new FileDocumentStore(root);
  const { documents, broken } = await files.list();
  if (broken.length) throw new ModelError('corrupt', `cannot import: ${broken.map((b) => b.error).join('; ')}`);
  const items: { doc: BilingualDocument; notes: unknown[]; published: PublishedSnapshot | null; withdrawn: PublishedSnapshot | null; history: RowRevision[] }[] = [];
  for (const { slug } of documents) {
    const folder = path.join(root, 'documents', slug);
    const doc = await files.get(slug);
    const notes = await files.getNotes(slug);
    const label = (name: string) => `content/documents/${slug}/${name}`;
    const snapshot = (name: string) => readIfThere(path.join(folder, name), label(name), (raw) => parseWith(publishedSnapshotSchema, raw, label(name), 'corrupt'));
    const historyText = await readText(path.join(folder, HISTORY_FILE));
    items.push({ doc, notes, published: await snapshot('published.json'), withdrawn: await snapshot('withdrawn.json'), history: historyText ? parseHistoryLines(historyText).revisions : [] });
  }
  await files.close();
  const glossary = await readIfThere(path.join(root, 'glossary.json'), 'content/glossary.json', (raw) => parseGlossaryFile(raw, 'content/glossary.json').entries);
  const memory = await readIfThere(path.join(root, 'memory.json'), 'content/memory.json', (raw) => parseMemory(raw, 'content/memory.json').entries);

  const counts: CopyCounts = { documents: 0, notes: 0, revisions: 0, published: 0, glossary: glossary?.length ?? 0, memory: memory?.length ?? 0 };
  await db.tx(async (client) => {
    if (options.replace) {
      await client.query('DELETE FROM documents');
      await client.query('DELETE FROM glossary');
      await client.query('DELETE FROM memory');
    } else {
      const taken = await client.query<{ slug: string }>('SELECT slug FROM documents WHERE slug = ANY($1::text[])', [items.map((i) => i.doc.slug)]);
      if (taken.rows.length) {
        throw new ModelError('exists', `the database already holds ${taken.rows.map((r) => r.slug).join(', ')}: use --replace to replace its content`);
      }
    }
    for (const item of items) {
      const { doc } = item;
      const s = getDocumentSummary(doc, item.published !== null);
      const { rows: _rows, updatedAt, ...headJson } = doc;
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO documents (slug, head, title, title_folded, target_title, target_title_folded, source_lang, target_lang, updated_at, row_count,
                                n_untranslated, n_draft, n_translated, n_needs_changes, n_approved, words_translated, words_total, published)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
        [
          doc.slug,
          JSON.stringify(headJson),
          s.title,
          foldTitle(s.title),
          s.targetTitle,
          foldTitle(s.targetTitle),
          doc.sourceLang,
          doc.targetLang,
          updatedAt,
          s.rowCount,
          s.statusCounts.untranslated,
          s.statusCounts.draft,
          s.statusCounts.translated,
          s.statusCounts['needs-changes'],
          s.statusCounts.approved,
          s.words.translated,
          s.words.total,
          item.published !== null,
        ],
      );
      const id = inserted.rows[0]!.id;
      await client.query(
        `INSERT INTO rows (document_id, id, position, rev, text_rev, status, words, is_title, data)
         SELECT $1, u.id, u.ord * 65536, u.rev, u.text_rev, u.status, u.words, u.is_title, u.data
           FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::int[], $7::bool[], $8::jsonb[]) WITH ORDINALITY
                AS u (id, rev, text_rev, status, words, is_title, data, ord)`,
        [
          id,
          doc.rows.map((r) => r.id),
          doc.rows.map((r) => r.rev),
          doc.rows.map((r) => r.textRev ?? r.rev),
          doc.rows.map((r) => r.status),
          doc.rows.map((r) => countSourceWords(r.source)),
          doc.rows.map((r) => r.source.some((b) => b.kind === 'title')),
          doc.rows.map((r) => JSON.stringify(r)),
        ],
      );
      const notes = item.notes as { id: string; rowId: string }[];
      if (notes.length) {
        await client.query(
          `INSERT INTO notes (document_id, id, row_id, position, data)
           SELECT $1, u.id, u.row_id, u.ord, u.data FROM unnest($2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS u (id, row_id, data, ord)`,
          [id, notes.map((n) => n.id), notes.map((n) => n.rowId), notes.map((n) => JSON.stringify(n))],
        );
      }
      if (item.history.length) {
        for (const r of item.history) {
          await client.query(
            `INSERT INTO revisions (document_id, row_id, rev, kind, data) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (document_id, row_id, rev) DO UPDATE SET kind = EXCLUDED.kind, data = EXCLUDED.data`,
            [id, r.rowId, r.rev, r.kind, JSON.stringify(r)],
          );
        }
      }
      const snapshot = item.published ?? item.withdrawn;
      if (snapshot) await client.query('INSERT INTO published (document_id, snapshot, withdrawn) VALUES ($1, $2, $3)', [id, JSON.stringify(snapshot), !item.published]);
      counts.documents++;
      counts.notes += notes.length;
      counts.revisions += item.history.length;
      if (item.published) counts.published++;
    }
    if (glossary) {
      await client.query(`INSERT INTO glossary (id, position, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])`, [
        glossary.map((e) => e.id),
        glossary.map((_, i) => i),
        glossary.map((e) => JSON.stringify(e)),
      ]);
      await client.query(`UPDATE store_versions SET version = version + 1 WHERE name = 'glossary'`);
    }
    if (memory) await new PgMemoryStore(db).replaceEntries(client, memory);
  });
  return counts;
}

/**
 * Writes the database back as a content folder (`npm run db:export`): the same JSON files the file store writes
 * (document.json, notes.json when a document has notes, published.json or withdrawn.json, history.jsonl when it has
 * revisions, glossary.json and memory.json when they have entries), so importing a folder and exporting it gives
 * the same files. The folder must be empty or not exist.
 */
export async function exportContent(db: Database, root: string): Promise<CopyCounts> {
  await mkdir(root, { recursive: true });
  const present = await readdir(root);
  if (present.length) throw new ModelError('exists', `${root} is not empty: export into a new folder`);
  const counts: CopyCounts = { documents: 0, notes: 0, revisions: 0, published: 0, glossary: 0, memory: 0 };
  const { rows: docs } = await db.query<{ id: string; slug: string; head: object; updated_at: string }>('SELECT id, slug, head, updated_at FROM documents ORDER BY slug');
  for (const d of docs) {
    if (!slugSchema.safeParse(d.slug).success) throw new ModelError('corrupt', `database: "${d.slug}" is not a valid slug`);
    const folder = path.join(root, 'documents', d.slug);
    await mkdir(folder, { recursive: true });
    const { rows } = await db.query<{ rows: string; notes: string | null; history: string | null; snapshot: unknown; withdrawn: boolean | null }>(
      `SELECT (SELECT json_agg(r.data ORDER BY r.position)::text FROM rows r WHERE r.document_id = $1) AS rows,
              (SELECT json_agg(n.data ORDER BY n.position, n.id)::text FROM notes n WHERE n.document_id = $1) AS notes,
              (SELECT json_agg(v.data ORDER BY v.seq)::text FROM revisions v WHERE v.document_id = $1) AS history,
              p.snapshot, p.withdrawn
         FROM (SELECT 1) one LEFT JOIN published p ON p.document_id = $1`,
      [d.id],
    );
    const r = rows[0]!;
    const doc = parseDocument({ ...d.head, updatedAt: d.updated_at, rows: JSON.parse(r.rows) }, `database: document "${d.slug}"`);
    await writeJsonAtomic(path.join(folder, 'document.json'), doc);
    const notes = JSON.parse(r.notes ?? '[]') as unknown[];
    if (notes.length) {
      const file = parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes }, `database: notes of "${d.slug}"`, 'corrupt');
      await writeJsonAtomic(path.join(folder, 'notes.json'), file);
      counts.notes += notes.length;
    }
    const history = JSON.parse(r.history ?? '[]') as RowRevision[];
    if (history.length) {
      const lines = history.map((h) => JSON.stringify(parseWith(rowRevisionSchema, h, `database: history of "${d.slug}"`, 'corrupt')));
      await writeFile(path.join(folder, HISTORY_FILE), lines.join('\n') + '\n', 'utf8');
      counts.revisions += history.length;
    }
    if (r.snapshot) {
      const snapshot = parseWith(publishedSnapshotSchema, r.snapshot, `database: published "${d.slug}"`, 'corrupt');
      await writeJsonAtomic(path.join(folder, r.withdrawn ? 'withdrawn.json' : 'published.json'), snapshot);
      if (!r.withdrawn) counts.published++;
    }
    counts.documents++;
  }
  const glossary = await new PgGlossaryStore(db).list();
  if (glossary.length) {
    await writeJsonAtomic(path.join(root, 'glossary.json'), parseGlossaryFile({ schemaVersion: GLOSSARY_SCHEMA_VERSION, entries: glossary }, 'glossary'));
    counts.glossary = glossary.length;
  }
  const memory = await new PgMemoryStore(db).list();
  if (memory.length) {
    await writeJsonAtomic(path.join(root, 'memory.json'), parseMemory({ schemaVersion: MEMORY_SCHEMA_VERSION, entries: memory }, 'memory'));
    counts.memory = memory.length;
  }
  return counts;
}
