import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { getDocumentSummary, isModelError, slugSchema, type BilingualDocument, type DocumentSummary } from '@/lib/model';
import type { BrokenDocument } from './document-store';
import { readJsonFile, writeJsonAtomic } from './json-file';

/** The index's own file in the content folder: a cache, rebuilt when missing, stale or unreadable. */
export const LIBRARY_INDEX_FILE = '.library-index.json';
const INDEX_VERSION = 1;
/** Writes of the index wait this long for more changes: it is a cache, the documents' mtimes keep it honest. */
const SAVE_AFTER_MS = 1000;

interface Entry {
  mtimeMs: number;
  size: number;
  /** published.json's mtime, or null when the document is not published. */
  publishedMs: number | null;
  /**
   * The document folder's mtime when published.json was last looked for (absent in indexes written before it).
   * published.json comes and goes only as an entry of that folder (written by rename, copied in or removed by
   * hand), which moves the folder's mtime: while it stays, published.json is not looked for again. Looking for
   * a file that is not there costs an error object each time, for every unpublished document of every listing.
   */
  folderMs?: number;
  summary?: DocumentSummary;
  error?: string;
  /** A document just written, summarized when next listed (summing a large document's words is not free). */
  doc?: BilingualDocument;
}

interface FileStat {
  mtimeMs: number;
  size: number;
}

async function statOrNull(file: string): Promise<FileStat | null> {
  try {
    const s = await stat(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

/**
 * The library's summaries of the file store, so listing does not parse every document: an entry per document
 * with the mtime and size of its document.json (and of published.json) it was made from. Listing checks each
 * document's files with `stat` and re-reads only the ones that changed (hand edits included); broken documents are
 * listed with their error. Kept in memory and written to `.library-index.json` shortly after changes.
 */
export class LibraryIndex {
  private entries: Map<string, Entry> | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly readDocument: (slug: string) => Promise<BilingualDocument>,
  ) {}

  private get file(): string {
    return path.join(this.root, LIBRARY_INDEX_FILE);
  }

  private async load(): Promise<Map<string, Entry>> {
    if (this.entries) return this.entries;
    const entries = new Map<string, Entry>();
    try {
      const raw = (await readJsonFile(this.file, LIBRARY_INDEX_FILE)) as { version?: number; entries?: Record<string, Entry> };
      if (raw?.version === INDEX_VERSION && raw.entries && typeof raw.entries === 'object') {
        for (const [slug, entry] of Object.entries(raw.entries)) {
          if (entry && typeof entry.mtimeMs === 'number' && typeof entry.size === 'number') entries.set(slug, entry);
        }
      }
    } catch (e) {
      // Missing or unreadable: rebuilt from the documents.
      if (!isModelError(e)) console.warn(`${LIBRARY_INDEX_FILE}: rebuilding the library index (${(e as Error).message})`);
    }
    this.entries = entries;
    return entries;
  }

  /** Every document's summary and every broken document, each checked against its files. */
  async list(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }> {
    const entries = await this.load();
    const documentsDir = path.join(this.root, 'documents');
    let names: string[];
    try {
      names = (await readdir(documentsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      names = [];
    }
    const slugs = names.filter((n) => slugSchema.safeParse(n).success).sort();
    let changed = false;
    const results = await Promise.all(
      slugs.map(async (slug) => {
        const folder = path.join(documentsDir, slug);
        const [doc, dir] = await Promise.all([statOrNull(path.join(folder, 'document.json')), statOrNull(folder)]);
        if (!doc || !dir) return null;
        const entry = entries.get(slug);
        const folderMs = dir.mtimeMs;
        const publishedMs =
          entry && entry.folderMs === folderMs ? entry.publishedMs : ((await statOrNull(path.join(folder, 'published.json')))?.mtimeMs ?? null);
        if (entry && entry.mtimeMs === doc.mtimeMs && entry.size === doc.size) {
          const same = entry.publishedMs === publishedMs;
          if (same && !entry.doc && entry.folderMs === folderMs) return { slug, entry };
          // The document is as summarized: a publication put in or taken out changes only the summary's flag.
          const published = publishedMs !== null;
          const summary = entry.doc ? getDocumentSummary(entry.doc, published) : entry.summary && { ...entry.summary, published };
          if (summary || same) {
            changed = true;
            return { slug, entry: { mtimeMs: entry.mtimeMs, size: entry.size, publishedMs, folderMs, ...(summary ? { summary } : { error: entry.error }) } };
          }
        }
        changed = true;
        const fresh = await this.summarize(slug, doc, publishedMs);
        return fresh && { slug, entry: { ...fresh, folderMs } };
      }),
    );
    const documents: DocumentSummary[] = [];
    const broken: BrokenDocument[] = [];
    const present = new Set<string>();
    for (const r of results) {
      if (!r) continue;
      present.add(r.slug);
      entries.set(r.slug, r.entry);
      if (r.entry.summary) documents.push(r.entry.summary);
      else broken.push({ slug: r.slug, error: r.entry.error ?? 'unreadable' });
    }
    for (const slug of [...entries.keys()]) {
      if (!present.has(slug)) {
        entries.delete(slug);
        changed = true;
      }
    }
    if (changed) this.scheduleSave();
    documents.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { documents, broken };
  }

  /** A document read and summarized, or its error; null when it is gone. */
  private async summarize(slug: string, file: FileStat, publishedMs: number | null): Promise<Entry | null> {
    try {
      const doc = await this.readDocument(slug);
      return { mtimeMs: file.mtimeMs, size: file.size, publishedMs, summary: getDocumentSummary(doc, publishedMs !== null) };
    } catch (e) {
      if (isModelError(e, 'not-found')) return null;
      return { mtimeMs: file.mtimeMs, size: file.size, publishedMs, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Records a document the store just wrote (or published), so the next listing need not read it. */
  async record(slug: string, doc: BilingualDocument): Promise<void> {
    const entries = await this.load();
    const folder = path.join(this.root, 'documents', slug);
    // The folder first: a change after it is seen by the next listing (a newer folder mtime), never missed.
    const dir = await statOrNull(folder);
    const [file, published] = await Promise.all([statOrNull(path.join(folder, 'document.json')), statOrNull(path.join(folder, 'published.json'))]);
    if (!file || !dir) return;
    entries.set(slug, { mtimeMs: file.mtimeMs, size: file.size, publishedMs: published?.mtimeMs ?? null, folderMs: dir.mtimeMs, doc });
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, SAVE_AFTER_MS);
    this.saveTimer.unref();
  }

  /** Writes the index now and stops writing it later (the store is closing). */
  async close(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.closed = true;
    await this.save();
  }

  /** Writes the index now (tests; the timer otherwise). */
  async save(): Promise<void> {
    if (!this.entries) return;
    try {
      const entries = Object.fromEntries(
        [...this.entries].map(([slug, e]) => [slug, { ...e, doc: undefined, summary: e.summary ?? (e.doc && getDocumentSummary(e.doc, e.publishedMs !== null)) }]),
      );
      await writeJsonAtomic(this.file, { version: INDEX_VERSION, entries });
    } catch (e) {
      console.warn(`${LIBRARY_INDEX_FILE}: could not write the library index (${(e as Error).message}); it is rebuilt when needed`);
    }
  }
}
