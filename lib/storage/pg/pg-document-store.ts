import type pg from 'pg';
import {
  countSourceWords,
  describeCommit,
  foldTitle,
  getDocumentSummary,
  getParagraphText,
  getRevisions,
  getRowHistory,
  isDoneStatus,
  LIBRARY_PAGE_SIZE,
  ModelError,
  noteSchema,
  NOTES_SCHEMA_VERSION,
  notesFileSchema,
  parseDocument,
  parseWith,
  publishedSnapshotSchema,
  revisionOf,
  rowSchema,
  settleDocumentRows,
  settleTextRev,
  slugSchema,
  type BilingualDocument,
  type DocumentEventBody,
  type DocumentSummary,
  type LibraryPage,
  type LibraryQuery,
  type Note,
  type PublishedSnapshot,
  type Row,
  type RowRevision,
  type RowsDiff,
  type RowStatus,
} from '@/lib/model';
import type { BrokenDocument, CommitMeta, DocumentChange, DocumentStore, NotesChange, RowChange } from '../document-store';
import { KeyedLock } from '../keyed-lock';
import type { Database, Queryable } from './database';
import { PgEventBus, EVENTS_CHANNEL, NOTIFY_EVENTS_MAX_BYTES, notifyPayload } from './pg-events';
import { now as clockNow } from '@/lib/clock';

/** Rows are placed this far apart, so a split can put a row between two without moving the others. */
const POSITION_GAP = 65_536;
/** Events kept per document: a reader further behind than this refetches. */
const EVENTS_KEPT = 1000;

const STATUS_COLUMNS: Record<RowStatus, string> = {
  untranslated: 'n_untranslated',
  draft: 'n_draft',
  translated: 'n_translated',
  'needs-changes': 'n_needs_changes',
  approved: 'n_approved',
};

type Head = Omit<BilingualDocument, 'rows' | 'updatedAt'>;

/** A row change waiting for its document's next transaction. */
interface RowJob {
  rowId: string;
  change: RowChange<unknown>;
  meta: CommitMeta;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface DocRow {
  id: string;
  head: Head;
  updated_at: string;
  event_seq: string;
}

function headOf(doc: BilingualDocument): Head {
  const { rows: _rows, updatedAt: _updatedAt, ...head } = doc;
  return head;
}

function isTitleRow(row: Row): boolean {
  return row.source.some((b) => b.kind === 'title');
}

function targetTitleOf(row: Row): string {
  return row.target.content.map(getParagraphText).join(' ').trim();
}

function checkSlug(slug: string): void {
  if (!slugSchema.safeParse(slug).success) throw new ModelError('invalid', `"${slug}" is not a valid document slug`);
}

function notFound(slug: string): ModelError {
  return new ModelError('not-found', `document "${slug}" does not exist`);
}

/** The columns of a row, for the bulk statements (unnest of arrays). */
function rowColumns(rows: readonly { row: Row; position: number }[]) {
  return [
    rows.map((r) => r.row.id),
    rows.map((r) => r.position),
    rows.map((r) => r.row.rev),
    rows.map((r) => r.row.textRev ?? r.row.rev),
    rows.map((r) => r.row.status),
    rows.map((r) => countSourceWords(r.row.source)),
    rows.map((r) => isTitleRow(r.row)),
    rows.map((r) => JSON.stringify(r.row)),
  ];
}

/** The columns of revisions, for the bulk statements. */
function revisionColumns(list: readonly RowRevision[]) {
  return [list.map((r) => r.rowId), list.map((r) => r.rev), list.map((r) => r.kind), list.map((r) => JSON.stringify(r))];
}

/**
 * A batch of row saves written in one statement: the rows, their baselines (kept when already there) and
 * revisions (replacing one of the same number; a revision's kind is never "baseline"), the summary's deltas, the events with the ids the document's row
 * gives them (under its row lock, held to the commit, so ids commit in order), old events pruned when the ids cross
 * a hundred, and the NOTIFY (sent at commit), carrying the events when they fit. Every sub-statement runs once
 * whatever the others return.
 */
const SAVE_ROWS_SQL = `
WITH saved AS (
  UPDATE rows AS r SET rev = u.rev, text_rev = u.text_rev, status = u.status, data = u.data
    FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::jsonb[]) AS u (id, rev, text_rev, status, data)
   WHERE r.document_id = $1 AND r.id = u.id
),
revised AS (
  -- Baselines first, then revisions, in one insert: their seq is the order they were recorded in.
  INSERT INTO revisions (document_id, row_id, rev, kind, data)
  SELECT $1, v.row_id, v.rev, v.kind, v.data
    FROM unnest($7::text[], $8::int[], $9::text[], $10::jsonb[]) WITH ORDINALITY AS v (row_id, rev, kind, data, n)
   ORDER BY v.n
  ON CONFLICT (document_id, row_id, rev) DO UPDATE SET kind = EXCLUDED.kind, data = EXCLUDED.data WHERE EXCLUDED.kind <> 'baseline'
),
doc AS (
  UPDATE documents SET
    updated_at = CASE WHEN $13::text IS NULL THEN updated_at ELSE GREATEST(updated_at, $13::text) END,
    n_untranslated = n_untranslated + $14, n_draft = n_draft + $15, n_translated = n_translated + $16,
    n_needs_changes = n_needs_changes + $17, n_approved = n_approved + $18,
    words_translated = words_translated + $19,
    target_title = COALESCE($20, target_title), target_title_folded = COALESCE($21, target_title_folded),
    event_seq = event_seq + cardinality($11::text[])
   WHERE id = $1
  RETURNING event_seq AS last, event_seq - cardinality($11::text[]) AS before
),
stored AS (
  INSERT INTO events (document_id, seq, type, data)
  SELECT $1, doc.before + e.n, e.type, e.data || jsonb_build_object('id', doc.before + e.n)
    FROM doc, unnest($11::text[], $12::jsonb[]) WITH ORDINALITY AS e (type, data, n)
),
pruned AS (
  DELETE FROM events USING doc
   WHERE events.document_id = $1 AND doc.last / 100 <> doc.before / 100 AND events.seq <= doc.last - $24
)
SELECT pg_notify($23, CASE WHEN octet_length(p.full) <= ${NOTIFY_EVENTS_MAX_BYTES} THEN p.full ELSE p.short END)
  FROM (SELECT json_build_object('slug', $22::text, 'id', doc.last, 'events',
                 (SELECT json_agg(e.data || jsonb_build_object('id', doc.before + e.n) ORDER BY e.n) FROM unnest($12::jsonb[]) WITH ORDINALITY AS e (data, n)))::text AS full,
               json_build_object('slug', $22::text, 'id', doc.last)::text AS short
          FROM doc) p`;

/**
 * Documents in PostgreSQL: a document is a row of `documents` (its head and library summary) with its rows, notes,
 * revisions and events as rows of their own tables. A row save locks and writes that row (`UPDATE … WHERE rev =`),
 * its notes, a revision and an event, in one transaction; saves to different rows of a document run side by side
 * and meet only at the end, on the document's row, where the summary counts and the event id move on. Whole-document
 * changes (split, merge, import) take the document's advisory lock exclusively; row and note changes take it
 * shared, so they never see half of one. Several app servers can share the database: events travel by NOTIFY.
 */
export class PgDocumentStore implements DocumentStore {
  readonly events: PgEventBus;
  /** Documents as last read, by their event_seq: a cache the database's version check keeps honest. */
  private readonly cache = new Map<string, { seq: string; doc: BilingualDocument }>();
  /** Per document, the row changes waiting for its next transaction, and the lock that runs those one at a time. */
  private readonly rowBatches = new Map<string, RowJob[]>();
  private readonly rowLock = new KeyedLock();

  constructor(private readonly db: Database) {
    this.events = new PgEventBus(db);
  }

  // ------------------------------------------------------------------------------------------------ reading

  private summaryOf(r: Record<string, unknown>): DocumentSummary {
    const statusCounts = Object.fromEntries(Object.entries(STATUS_COLUMNS).map(([s, c]) => [s, Number(r[c])])) as Record<RowStatus, number>;
    const rowCount = Number(r.row_count);
    return {
      slug: r.slug as string,
      title: r.title as string,
      targetTitle: r.target_title as string,
      sourceLang: r.source_lang as string,
      targetLang: r.target_lang as string,
      rowCount,
      statusCounts,
      progress: rowCount ? (statusCounts.translated + statusCounts.approved) / rowCount : 0,
      words: { translated: Number(r.words_translated), total: Number(r.words_total) },
      updatedAt: r.updated_at as string,
      published: r.published as boolean,
    };
  }

  private static readonly SUMMARY_COLUMNS =
    'slug, title, target_title, source_lang, target_lang, row_count, n_untranslated, n_draft, n_translated, n_needs_changes, n_approved, words_translated, words_total, updated_at, published';

  async list(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }> {
    const { rows } = await this.db.query(`SELECT ${PgDocumentStore.SUMMARY_COLUMNS} FROM documents ORDER BY updated_at DESC, slug`);
    return { documents: rows.map((r) => this.summaryOf(r)), broken: [] };
  }

  async findDocuments(query: LibraryQuery): Promise<LibraryPage & { broken: BrokenDocument[] }> {
    const pageSize = query.pageSize ?? LIBRARY_PAGE_SIZE;
    const page = query.page ?? 1;
    const q = foldTitle(query.q ?? '');
    const order =
      query.sort === 'title'
        ? 'title_folded COLLATE "C", slug COLLATE "C"'
        : query.sort === 'progress'
          ? '(CASE WHEN words_total > 0 THEN words_translated::float8 / words_total ELSE 0 END), slug COLLATE "C"'
          : 'updated_at COLLATE "C" DESC, slug COLLATE "C"';
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = q ? 'WHERE title_folded LIKE $1 OR target_title_folded LIKE $1' : 'WHERE $1::text IS NOT NULL';
    const { rows } = await this.db.query(
      `SELECT ${PgDocumentStore.SUMMARY_COLUMNS}, count(*) OVER () AS total FROM documents ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`,
      [like, pageSize, (page - 1) * pageSize],
    );
    let total = Number(rows[0]?.total ?? 0);
    if (!rows.length && page > 1) {
      const counted = await this.db.query(`SELECT count(*) AS total FROM documents ${where}`, [like]);
      total = Number(counted.rows[0]?.total ?? 0);
    }
    return { documents: rows.map((r) => this.summaryOf(r)), total, page, pageSize, broken: [] };
  }

  async has(slug: string): Promise<boolean> {
    checkSlug(slug);
    const { rowCount } = await this.db.query('SELECT 1 FROM documents WHERE slug = $1', [slug]);
    return rowCount === 1;
  }

  async get(slug: string): Promise<BilingualDocument> {
    checkSlug(slug);
    const version = await this.db.query<{ event_seq: string }>('SELECT event_seq FROM documents WHERE slug = $1', [slug]);
    if (!version.rows.length) {
      this.cache.delete(slug);
      throw notFound(slug);
    }
    const cached = this.cache.get(slug);
    if (cached && cached.seq === version.rows[0]!.event_seq) return cached.doc;
    // One statement, so the head and the rows are of one moment; the rows come as one JSON text to parse.
    const { rows } = await this.db.query<{ head: Head; updated_at: string; event_seq: string; rows: string }>(
      `SELECT d.head, d.updated_at, d.event_seq,
              (SELECT json_agg(r.data ORDER BY r.position)::text FROM rows r WHERE r.document_id = d.id) AS rows
         FROM documents d WHERE d.slug = $1`,
      [slug],
    );
    const found = rows[0];
    if (!found) throw notFound(slug);
    const doc = parseDocument({ ...found.head, updatedAt: found.updated_at, rows: JSON.parse(found.rows ?? '[]') }, `database: document "${slug}"`);
    this.cache.set(slug, { seq: found.event_seq, doc });
    return doc;
  }

  async getNotes(slug: string): Promise<Note[]> {
    checkSlug(slug);
    const { rows } = await this.db.query<{ found: boolean; notes: string | null }>(
      `SELECT true AS found, (SELECT json_agg(n.data ORDER BY n.position, n.id)::text FROM notes n WHERE n.document_id = d.id) AS notes
         FROM documents d WHERE d.slug = $1`,
      [slug],
    );
    if (!rows.length) throw notFound(slug);
    return parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes: JSON.parse(rows[0]!.notes ?? '[]') }, `database: notes of "${slug}"`, 'corrupt').notes;
  }

  async getPublished(slug: string): Promise<PublishedSnapshot | null> {
    checkSlug(slug);
    const { rows } = await this.db.query<{ snapshot: unknown }>(
      'SELECT p.snapshot FROM published p JOIN documents d ON d.id = p.document_id WHERE d.slug = $1 AND NOT p.withdrawn',
      [slug],
    );
    if (!rows.length) return null;
    return parseWith(publishedSnapshotSchema, rows[0]!.snapshot, `database: published "${slug}"`, 'corrupt');
  }

  async getDocumentHistory(slug: string): Promise<RowRevision[]> {
    checkSlug(slug);
    const { rows } = await this.db.query<{ revisions: string | null }>(
      `SELECT (SELECT json_agg(v.data ORDER BY v.seq)::text FROM revisions v WHERE v.document_id = d.id) AS revisions
         FROM documents d WHERE d.slug = $1`,
      [slug],
    );
    if (!rows.length) throw notFound(slug);
    return JSON.parse(rows[0]!.revisions ?? '[]') as RowRevision[];
  }

  async getRowHistory(slug: string, rowId: string): Promise<RowRevision[]> {
    checkSlug(slug);
    const { rows } = await this.db.query<{ row: Row | null; revisions: string | null }>(
      `SELECT (SELECT r.data FROM rows r WHERE r.document_id = d.id AND r.id = $2) AS row,
              (SELECT json_agg(v.data ORDER BY v.rev)::text FROM revisions v WHERE v.document_id = d.id AND v.row_id = $2) AS revisions
         FROM documents d WHERE d.slug = $1`,
      [slug, rowId],
    );
    if (!rows.length) throw notFound(slug);
    const current = rows[0]!.row ? parseWith(rowSchema, rows[0]!.row, `database: row "${rowId}"`, 'corrupt') : undefined;
    return getRowHistory(JSON.parse(rows[0]!.revisions ?? '[]') as RowRevision[], rowId, current);
  }

  // ------------------------------------------------------------------------------------------------ writing

  /**
   * The document's id and head, with its advisory lock taken (shared for row and note changes) in the same
   * statement: the lock is granted before the statement returns, so the next statement sees every change made
   * under an exclusive lock before it.
   */
  private async lockDocument(client: Queryable, slug: string, mode: 'shared' | 'exclusive'): Promise<DocRow> {
    checkSlug(slug);
    const found = await client.query<DocRow>({
      name: `lock-document-${mode}`,
      text: `SELECT id, head, updated_at, event_seq, ${mode === 'shared' ? 'pg_advisory_xact_lock_shared(id)' : 'pg_advisory_xact_lock(id)'} AS locked FROM documents WHERE slug = $1`,
      values: [slug],
    });
    const doc = found.rows[0];
    if (!doc) throw notFound(slug);
    return doc;
  }

  /** Every row and note of a locked document. */
  private async loadState(client: Queryable, slug: string, doc: DocRow): Promise<{ doc: BilingualDocument; notes: Note[]; positions: Map<string, number> }> {
    const { rows } = await client.query<{ head: Head; rows: string; positions: string; notes: string | null; updated_at: string }>(
      `SELECT d.head, d.updated_at,
              (SELECT json_agg(r.data ORDER BY r.position)::text FROM rows r WHERE r.document_id = d.id) AS rows,
              (SELECT json_agg(json_build_array(r.id, r.position))::text FROM rows r WHERE r.document_id = d.id) AS positions,
              (SELECT json_agg(n.data ORDER BY n.position, n.id)::text FROM notes n WHERE n.document_id = d.id) AS notes
         FROM documents d WHERE d.id = $1`,
      [doc.id],
    );
    const r = rows[0]!;
    // The head as of now, under the lock (the one read while asking for the lock may be older).
    const parsed = parseDocument({ ...r.head, updatedAt: r.updated_at, rows: JSON.parse(r.rows ?? '[]') }, `database: document "${slug}"`);
    const notes = parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes: JSON.parse(r.notes ?? '[]') }, `database: notes of "${slug}"`, 'corrupt').notes;
    const positions = new Map<string, number>((JSON.parse(r.positions ?? '[]') as [string, string | number][]).map(([id, p]) => [id, Number(p)]));
    return { doc: parsed, notes, positions };
  }

  async create(doc: BilingualDocument, meta: { user: string | null } = { user: null }): Promise<void> {
    const valid = parseDocument({ ...doc, rows: doc.rows.map((r) => settleTextRev(undefined, r)) }, 'new document', 'invalid');
    await this.db.tx(async (client) => {
      const summary = getDocumentSummary(valid);
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO documents (slug, head, title, title_folded, target_title, target_title_folded, source_lang, target_lang, updated_at,
                                row_count, n_untranslated, n_draft, n_translated, n_needs_changes, n_approved, words_translated, words_total)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          valid.slug,
          JSON.stringify(headOf(valid)),
          summary.title,
          foldTitle(summary.title),
          summary.targetTitle,
          foldTitle(summary.targetTitle),
          valid.sourceLang,
          valid.targetLang,
          valid.updatedAt,
          summary.rowCount,
          summary.statusCounts.untranslated,
          summary.statusCounts.draft,
          summary.statusCounts.translated,
          summary.statusCounts['needs-changes'],
          summary.statusCounts.approved,
          summary.words.translated,
          summary.words.total,
        ],
      );
      const id = inserted.rows[0]?.id;
      if (!id) throw new ModelError('exists', `a document with the slug "${valid.slug}" already exists`);
      await this.insertRows(client, id, valid.rows.map((row, i) => ({ row, position: (i + 1) * POSITION_GAP })));
      await this.finish(client, { id, slug: valid.slug }, [{ type: 'document-created', title: valid.title }], { at: valid.createdAt, by: meta.user });
    });
  }

  private async insertRows(client: Queryable, documentId: string, rows: readonly { row: Row; position: number }[]): Promise<void> {
    if (!rows.length) return;
    await client.query(
      `INSERT INTO rows (document_id, id, position, rev, text_rev, status, words, is_title, data)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::int[], $8::bool[], $9::jsonb[])`,
      [documentId, ...rowColumns(rows)],
    );
  }

  update<T>(slug: string, change: (doc: BilingualDocument) => { doc: BilingualDocument; result: T }, meta?: CommitMeta): Promise<T> {
    return this.transact(slug, ({ doc }) => change(doc), meta);
  }

  /**
   * Row changes of one document that arrive while its previous batch is committing go together into the next
   * transaction (group commit, as the file store does): every transaction of a document meets the others on the
   * document's row, which it holds until its commit is flushed, so one commit for many saves is what lets saves keep
   * up. Each change still sees its row as the changes before it left it, and one that throws fails alone.
   */
  transactRow<T>(slug: string, rowId: string, change: RowChange<T>, meta: CommitMeta): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let batch = this.rowBatches.get(slug);
      if (!batch) {
        const jobs: RowJob[] = [];
        batch = jobs;
        this.rowBatches.set(slug, jobs);
        void this.rowLock.run(slug, () => this.commitRows(slug, jobs));
      }
      batch.push({ rowId, change: change as RowChange<unknown>, meta, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /**
   * Commits a batch of row changes in one transaction; settles every caller. Never throws. The transaction is five
   * round trips whatever the batch holds (BEGIN, the document's lock, its rows and notes, one statement writing
   * everything, COMMIT), plus the writes of notes that moved and a title check, when there are any: each round trip
   * waits for this process's event loop, which is busy with the next batch's requests meanwhile.
   */
  private async commitRows(slug: string, jobs: RowJob[]): Promise<void> {
    if (this.rowBatches.get(slug) === jobs) this.rowBatches.delete(slug);
    const outcomes = new Map<RowJob, { ok: true; result: unknown } | { ok: false; error: unknown }>();
    try {
      await this.db.tx(async (client) => {
        outcomes.clear();
        const doc = await this.lockDocument(client, slug, 'shared');
        const ids = [...new Set(jobs.map((j) => j.rowId))].sort();
        // Locks in id order, as every batch takes them: batches of two app servers never wait on each other in a circle.
        const locked = await client.query<{ rows: string | null; notes: string | null }>({
          name: 'lock-rows',
          text: `WITH r AS (SELECT id, data, position FROM rows WHERE document_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE),
                      n AS (SELECT data FROM notes WHERE document_id = $1 AND row_id = ANY($2::text[]) ORDER BY id FOR UPDATE)
                 SELECT (SELECT json_agg(json_build_array(r.id, r.data, r.position))::text FROM r) AS rows,
                        (SELECT json_agg(n.data)::text FROM n) AS notes`,
          values: [doc.id, ids],
        });
        const found = JSON.parse(locked.rows[0]?.rows ?? '[]') as [string, unknown, number][];
        const rows = new Map(found.map(([id, data]) => [id, parseWith(rowSchema, data, `database: row "${id}"`, 'corrupt')]));
        const positions = new Map(found.map(([id, , position]) => [id, Number(position)]));
        const firstRows = new Map(rows);
        const notesOf = new Map<string, Note[]>();
        for (const data of JSON.parse(locked.rows[0]?.notes ?? '[]') as unknown[]) {
          const note = parseWith(noteSchema, data, 'database: note', 'corrupt');
          notesOf.set(note.rowId, [...(notesOf.get(note.rowId) ?? []), note]);
        }
        const firstNotes = new Map(notesOf);
        const head = { ...doc.head, updatedAt: doc.updated_at } as BilingualDocument;
        const events: { body: DocumentEventBody; meta: CommitMeta }[] = [];
        const revisions: RowRevision[] = [];
        for (const job of jobs) {
          try {
            const row = rows.get(job.rowId);
            if (!row) throw new ModelError('not-found', `row "${job.rowId}" does not exist in "${slug}"`);
            const notes = notesOf.get(job.rowId) ?? [];
            const out = job.change({ doc: { ...head, rows: [row] }, row, notes });
            const changedRow = out.row && out.row !== row ? parseWith(rowSchema, settleTextRev(row, out.row), `row "${job.rowId}"`, 'invalid') : null;
            if (changedRow && changedRow.id !== job.rowId) throw new ModelError('invalid', "a row change cannot change the row's id");
            let nextNotes = notes;
            if (out.notes && out.notes !== notes) {
              if (out.notes.some((n) => n.rowId !== job.rowId || !notes.some((o) => o.id === n.id))) {
                throw new ModelError('invalid', 'a row change can only change the notes of its row');
              }
              nextNotes = out.notes.map((n) => parseWith(noteSchema, n, `note "${n.id}"`, 'invalid'));
            }
            const diff: RowsDiff = { changed: changedRow ? [{ before: row, after: changedRow }] : [], added: [], removed: [] };
            for (const body of describeCommit(diff, { before: notes, after: nextNotes }, job.meta.kind)) events.push({ body, meta: job.meta });
            revisions.push(...getRevisions(diff, job.meta.kind, job.meta));
            if (changedRow) rows.set(job.rowId, changedRow);
            if (nextNotes !== notes) notesOf.set(job.rowId, nextNotes);
            outcomes.set(job, { ok: true, result: out.result });
          } catch (error) {
            outcomes.set(job, { ok: false, error });
          }
        }
        if (!events.length) return;

        // What the batch changed, from the rows' and notes' first versions to their last.
        const changed = ids.filter((id) => rows.get(id) !== firstRows.get(id));
        for (const id of ids) {
          if (notesOf.get(id) !== firstNotes.get(id)) await this.writeNotes(client, doc.id, firstNotes.get(id) ?? [], notesOf.get(id) ?? []);
        }

        // The summary moves by the batch's changes: counts by status, words done, the title's translation.
        const delta = new Map<string, number>();
        let words = 0;
        let latest: string | null = null;
        for (const id of changed) {
          const before = firstRows.get(id)!;
          const after = rows.get(id)!;
          if (latest === null || after.updatedAt > latest) latest = after.updatedAt;
          if (before.status !== after.status) {
            delta.set(STATUS_COLUMNS[before.status], (delta.get(STATUS_COLUMNS[before.status]) ?? 0) - 1);
            delta.set(STATUS_COLUMNS[after.status], (delta.get(STATUS_COLUMNS[after.status]) ?? 0) + 1);
            words += ((isDoneStatus(after.status) ? 1 : 0) - (isDoneStatus(before.status) ? 1 : 0)) * countSourceWords(before.source);
          }
        }
        let targetTitle: string | null = null;
        const titles = changed.filter((id) => isTitleRow(rows.get(id)!)).sort((x, y) => positions.get(x)! - positions.get(y)!);
        if (titles.length) {
          const first = await client.query('SELECT 1 FROM rows WHERE document_id = $1 AND is_title AND position < $2 LIMIT 1', [doc.id, positions.get(titles[0]!)]);
          if (!first.rowCount) targetTitle = targetTitleOf(rows.get(titles[0]!)!);
        }

        const after = changed.map((id) => rows.get(id)!);
        // A baseline that a revision of the same number replaces is left out: one statement cannot write both.
        const revised = new Set(revisions.map((r) => `${r.rowId} ${r.rev}`));
        const baselines = changed.map((id) => revisionOf(firstRows.get(id)!, 'baseline')).filter((b) => !revised.has(`${b.rowId} ${b.rev}`));
        await client.query({
          name: 'commit-rows',
          text: SAVE_ROWS_SQL,
          values: [
            doc.id,
            changed,
            after.map((r) => r.rev),
            after.map((r) => r.textRev ?? r.rev),
            after.map((r) => r.status),
            after.map((r) => JSON.stringify(r)),
            ...revisionColumns([...baselines, ...revisions]),
            events.map((e) => e.body.type),
            events.map((e) => JSON.stringify({ ...e.body, slug, at: e.meta.now, by: e.meta.user })),
            latest,
            ...Object.values(STATUS_COLUMNS).map((column) => delta.get(column) ?? 0),
            words,
            targetTitle,
            targetTitle === null ? null : foldTitle(targetTitle),
            slug,
            EVENTS_CHANNEL,
            EVENTS_KEPT,
          ],
        });
      });
    } catch (e) {
      for (const job of jobs) job.reject(e);
      return;
    }
    for (const job of jobs) {
      const outcome = outcomes.get(job);
      if (!outcome) job.reject(new Error('the row change was not run'));
      else if (outcome.ok) job.resolve(outcome.result);
      else job.reject(outcome.error);
    }
  }

  async transactNotes<T>(slug: string, change: NotesChange<T>, meta: CommitMeta & { rows?: readonly string[] }): Promise<T> {
    return this.db.tx(async (client) => {
      const doc = await this.lockDocument(client, slug, 'shared');
      const noteRows = await client.query<{ data: Note; position: string }>('SELECT data, position FROM notes WHERE document_id = $1 ORDER BY id FOR UPDATE', [doc.id]);
      const ordered = noteRows.rows.map((n) => ({ note: n.data, position: Number(n.position) })).sort((a, b) => a.position - b.position || (a.note.id < b.note.id ? -1 : 1));
      const notes = parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes: ordered.map((o) => o.note) }, `database: notes of "${slug}"`, 'corrupt').notes;
      const rowIds = [...new Set(meta.rows ?? [])];
      const rows = rowIds.length
        ? (await client.query<{ data: Row }>('SELECT data FROM rows WHERE document_id = $1 AND id = ANY($2::text[]) ORDER BY position', [doc.id, rowIds])).rows.map((r) =>
            parseWith(rowSchema, r.data, 'database: row', 'corrupt'),
          )
        : [];
      const head = { ...doc.head, updatedAt: doc.updated_at } as BilingualDocument;
      const out = change({ doc: { ...head, rows }, notes });
      if (!out.notes || out.notes === notes) return out.result;
      const next = parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes: out.notes }, `notes of "${slug}"`, 'invalid').notes;
      const events = describeCommit({ changed: [], added: [], removed: [] }, { before: notes, after: next }, meta.kind);
      await this.writeNotes(client, doc.id, notes, next);
      if (events.length) await this.finish(client, { id: doc.id, slug }, events, { at: meta.now, by: meta.user });
      return out.result;
    });
  }

  async transact<T>(slug: string, change: DocumentChange<T>, meta: CommitMeta = { kind: 'other', now: clockNow(), user: null }): Promise<T> {
    return this.db.tx(async (client) => {
      const locked = await this.lockDocument(client, slug, 'exclusive');
      const state = await this.loadState(client, slug, locked);
      const out = change({ doc: state.doc, notes: state.notes });
      if (out.doc && out.doc.slug !== slug) throw new ModelError('invalid', 'a document cannot change its slug');
      let doc = state.doc;
      let diff: RowsDiff = { changed: [], added: [], removed: [] };
      if (out.doc && out.doc !== state.doc) {
        const settled = settleDocumentRows(state.doc, out.doc);
        doc = parseDocument(settled.doc, `document "${slug}"`, 'invalid');
        diff = settled.rows;
      }
      let notes = state.notes;
      if (out.notes && out.notes !== state.notes) {
        notes = parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes: out.notes }, `notes of "${slug}"`, 'invalid').notes;
      }
      const events = describeCommit(diff, { before: state.notes, after: notes }, meta.kind);
      const headChanged = doc !== state.doc && JSON.stringify(headOf(doc)) !== JSON.stringify(headOf(state.doc));
      if (!events.length && !headChanged) return out.result;
      if (doc !== state.doc) await this.writeRows(client, locked.id, state, doc, diff);
      await this.writeNotes(client, locked.id, state.notes, notes);
      await this.writeRevisions(client, locked.id, diff, meta);
      const sets: string[] = [];
      const params: unknown[] = [locked.id];
      if (doc !== state.doc) {
        const s = getDocumentSummary(doc);
        const values: [string, unknown][] = [
          ['head', JSON.stringify(headOf(doc))],
          ['title', s.title],
          ['title_folded', foldTitle(s.title)],
          ['target_title', s.targetTitle],
          ['target_title_folded', foldTitle(s.targetTitle)],
          ['source_lang', doc.sourceLang],
          ['target_lang', doc.targetLang],
          ['updated_at', doc.updatedAt],
          ['row_count', s.rowCount],
          ...Object.entries(STATUS_COLUMNS).map(([status, column]): [string, unknown] => [column, s.statusCounts[status as RowStatus]]),
          ['words_translated', s.words.translated],
          ['words_total', s.words.total],
        ];
        for (const [column, value] of values) {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        }
      }
      await this.finish(client, { id: locked.id, slug }, events.length ? events : [{ type: 'document-changed' }], { at: meta.now, by: meta.user }, sets, params);
      return out.result;
    });
  }

  /** Writes the rows that changed, were added or removed; positions of new rows fall between their neighbours. */
  private async writeRows(client: Queryable, documentId: string, before: { positions: Map<string, number> }, doc: BilingualDocument, diff: RowsDiff): Promise<void> {
    if (diff.removed.length) {
      await client.query('DELETE FROM rows WHERE document_id = $1 AND id = ANY($2::text[])', [documentId, diff.removed.map((r) => r.id)]);
    }
    // Positions: kept where they still increase along the new order; new rows take the midpoint of their
    // neighbours; when there is no room (or the order changed), every row is renumbered.
    const positions = new Map(before.positions);
    let renumber = false;
    let last = 0;
    const added = new Set(diff.added.map((a) => a.row.id));
    for (let i = 0; i < doc.rows.length && !renumber; i++) {
      const id = doc.rows[i]!.id;
      if (added.has(id)) {
        let next = Infinity;
        for (let j = i + 1; j < doc.rows.length; j++) {
          const p = positions.get(doc.rows[j]!.id);
          if (p !== undefined && !added.has(doc.rows[j]!.id)) {
            next = p;
            break;
          }
        }
        const p = next === Infinity ? last + POSITION_GAP : Math.floor((last + next) / 2);
        if (p <= last || p >= next) renumber = true;
        positions.set(id, p);
        last = p;
      } else {
        const p = positions.get(id)!;
        if (p <= last) renumber = true;
        last = p;
      }
    }
    if (renumber) {
      await client.query('DELETE FROM rows WHERE document_id = $1', [documentId]);
      await this.insertRows(client, documentId, doc.rows.map((row, i) => ({ row, position: (i + 1) * POSITION_GAP })));
      return;
    }
    const changed = diff.changed.map((c) => ({ row: c.after, position: positions.get(c.after.id)! }));
    if (changed.length) {
      await client.query(
        `UPDATE rows AS r SET position = u.position, rev = u.rev, text_rev = u.text_rev, status = u.status, words = u.words, is_title = u.is_title, data = u.data
           FROM unnest($2::text[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::int[], $8::bool[], $9::jsonb[])
                AS u (id, position, rev, text_rev, status, words, is_title, data)
          WHERE r.document_id = $1 AND r.id = u.id`,
        [documentId, ...rowColumns(changed)],
      );
    }
    await this.insertRows(client, documentId, diff.added.map((a) => ({ row: a.row, position: positions.get(a.row.id)! })));
  }

  /** Writes the notes that changed: new ones after the last, deleted ones removed, changed ones in place. */
  private async writeNotes(client: Queryable, documentId: string, before: readonly Note[], after: readonly Note[]): Promise<void> {
    if (before === after) return;
    const old = new Map(before.map((n) => [n.id, n]));
    const keep = new Set(after.map((n) => n.id));
    const gone = before.filter((n) => !keep.has(n.id)).map((n) => n.id);
    if (gone.length) await client.query('DELETE FROM notes WHERE document_id = $1 AND id = ANY($2::text[])', [documentId, gone]);
    const changed = after.filter((n) => old.has(n.id) && old.get(n.id) !== n && JSON.stringify(old.get(n.id)) !== JSON.stringify(n));
    if (changed.length) {
      await client.query(
        `UPDATE notes AS n SET row_id = u.row_id, data = u.data FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS u (id, row_id, data)
          WHERE n.document_id = $1 AND n.id = u.id`,
        [documentId, changed.map((n) => n.id), changed.map((n) => n.rowId), changed.map((n) => JSON.stringify(n))],
      );
    }
    const fresh = after.filter((n) => !old.has(n.id));
    if (fresh.length) {
      await client.query(
        `INSERT INTO notes (document_id, id, row_id, position, data)
         SELECT $1, u.id, u.row_id, COALESCE((SELECT max(position) FROM notes WHERE document_id = $1), 0) + u.ord, u.data
           FROM unnest($2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS u (id, row_id, data, ord)`,
        [documentId, fresh.map((n) => n.id), fresh.map((n) => n.rowId), fresh.map((n) => JSON.stringify(n))],
      );
    }
  }

  /** The revisions of a change; a row older than its history gets its baseline first (kept if already there). */
  private async writeRevisions(client: Queryable, documentId: string, diff: RowsDiff, meta: CommitMeta): Promise<void> {
    const baselines = [...diff.changed.map((c) => c.before), ...diff.removed].map((row) => revisionOf(row, 'baseline'));
    await this.insertRevisions(client, documentId, baselines, getRevisions(diff, meta.kind, meta));
  }

  /** Baselines are kept when the revision is already there; revisions replace an earlier one of the same number. */
  private async insertRevisions(client: Queryable, documentId: string, baselines: readonly RowRevision[], revisions: readonly RowRevision[]): Promise<void> {
    for (const [list, conflict] of [
      [baselines, 'DO NOTHING'],
      [revisions, 'DO UPDATE SET kind = EXCLUDED.kind, data = EXCLUDED.data'],
    ] as const) {
      if (!list.length) continue;
      await client.query(
        `INSERT INTO revisions (document_id, row_id, rev, kind, data)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::jsonb[])
         ON CONFLICT (document_id, row_id, rev) ${conflict}`,
        [documentId, list.map((r) => r.rowId), list.map((r) => r.rev), list.map((r) => r.kind), list.map((r) => JSON.stringify(r))],
      );
    }
  }

  /**
   * The end of every write: the document's row takes the summary changes and gives the events their ids (under its
   * row lock, held to the commit, so ids commit in order), the events are stored, old ones pruned, and a NOTIFY
   * (sent at commit) tells every app server.
   */
  private async finish(
    client: Queryable,
    doc: { id: string; slug: string },
    bodies: readonly DocumentEventBody[],
    meta: { at: string; by: string | null } | readonly { at: string; by: string | null }[],
    sets: string[] = [],
    params: unknown[] = [doc.id],
  ): Promise<void> {
    params.push(bodies.length);
    const updated = await client.query<{ event_seq: string }>(
      `UPDATE documents SET ${[...sets, `event_seq = event_seq + $${params.length}`].join(', ')} WHERE id = $1 RETURNING event_seq`,
      params,
    );
    const last = Number(updated.rows[0]!.event_seq);
    const first = last - bodies.length + 1;
    const metaOf = (i: number) => (Array.isArray(meta) ? meta[i] : meta) as { at: string; by: string | null };
    const events = bodies.map((body, i) => ({ ...body, id: first + i, slug: doc.slug, at: metaOf(i).at, by: metaOf(i).by }));
    await client.query(
      `INSERT INTO events (document_id, seq, type, data) SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::jsonb[])`,
      [doc.id, events.map((e) => e.id), events.map((e) => e.type), events.map((e) => JSON.stringify(e))],
    );
    if (Math.floor(last / 100) !== Math.floor((first - 1) / 100)) {
      await client.query('DELETE FROM events WHERE document_id = $1 AND seq <= $2', [doc.id, last - EVENTS_KEPT]);
    }
    await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, notifyPayload(doc.slug, last, events)]);
  }

  // ---------------------------------------------------------------------------------------------- publishing

  async publish(
    slug: string,
    make: (state: { doc: BilingualDocument; notes: Note[]; previous: PublishedSnapshot | null }) => PublishedSnapshot,
    meta: { user: string | null } = { user: null },
  ): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }> {
    return this.db.tx(async (client) => {
      const locked = await this.lockDocument(client, slug, 'exclusive');
      const state = await this.loadState(client, slug, locked);
      const found = await client.query<{ snapshot: unknown; withdrawn: boolean }>('SELECT snapshot, withdrawn FROM published WHERE document_id = $1', [locked.id]);
      let previous: PublishedSnapshot | null = null;
      if (found.rows.length) {
        try {
          previous = parseWith(publishedSnapshotSchema, found.rows[0]!.snapshot, `database: published "${slug}"`, 'corrupt');
        } catch {
          previous = null;
        }
      }
      const replaced = found.rows.length > 0 && !found.rows[0]!.withdrawn;
      const snapshot = parseWith(publishedSnapshotSchema, make({ doc: state.doc, notes: state.notes, previous }), `published "${slug}"`, 'invalid');
      if (snapshot.slug !== slug) throw new ModelError('invalid', 'a published snapshot cannot change its slug');
      await client.query(
        `INSERT INTO published (document_id, snapshot, withdrawn) VALUES ($1, $2, false)
         ON CONFLICT (document_id) DO UPDATE SET snapshot = EXCLUDED.snapshot, withdrawn = false`,
        [locked.id, JSON.stringify(snapshot)],
      );
      await this.finish(
        client,
        { id: locked.id, slug },
        [{ type: 'document-published', version: snapshot.version, publishedAt: snapshot.publishedAt }],
        { at: snapshot.publishedAt, by: meta.user },
        ['published = true'],
      );
      return { snapshot, replaced };
    });
  }

  async unpublish(slug: string, meta: { user: string | null } = { user: null }): Promise<PublishedSnapshot | null> {
    return this.db.tx(async (client) => {
      const locked = await this.lockDocument(client, slug, 'exclusive');
      const found = await client.query<{ snapshot: unknown }>('SELECT snapshot FROM published WHERE document_id = $1 AND NOT withdrawn', [locked.id]);
      if (!found.rows.length) return null;
      let snapshot: PublishedSnapshot | null = null;
      try {
        snapshot = parseWith(publishedSnapshotSchema, found.rows[0]!.snapshot, `database: published "${slug}"`, 'corrupt');
      } catch {
        // A broken snapshot still comes down; the version count restarts.
        await client.query('DELETE FROM published WHERE document_id = $1', [locked.id]);
      }
      if (snapshot) await client.query('UPDATE published SET withdrawn = true WHERE document_id = $1', [locked.id]);
      await this.finish(
        client,
        { id: locked.id, slug },
        [{ type: 'document-unpublished', version: snapshot?.version ?? 0 }],
        { at: clockNow(), by: meta.user },
        ['published = false'],
      );
      return snapshot;
    });
  }

  async close(): Promise<void> {
    await this.events.close();
  }
}

export type { pg };
