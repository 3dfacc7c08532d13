import {
  exportTmx,
  getRowSourceText,
  ModelError,
  parseTmx,
  memoryInputFromRow,
  memoryInputsFromDocument,
  type BilingualDocument,
  type ConcordanceHit,
  type Row,
  type SkippedTu,
  type MemoryEntryInput,
  type MemoryMatch,
} from '@/lib/model';
import { now } from '@/lib/clock';
import { getDocumentStore, getMemoryStore, type MemoryUpsertCounts } from '@/lib/storage';

/** The translation memory's use cases, shared by the routes, the row save and the scripts. */

/** The language pair of the memory's TMX import and of free-text lookups. */
export const DEFAULT_PAIR = { sourceLang: 'ar', targetLang: 'en' } as const;

/**
 * Puts a row's pair into the memory when the row is translated or approved. Called after the row is saved: a
 * failure here (a hand-broken memory file, a full disk) is logged and never fails the save.
 */
export async function feedRow(doc: Pick<BilingualDocument, 'slug' | 'sourceLang' | 'targetLang'>, row: Row, user: string | null): Promise<void> {
  const input = memoryInputFromRow(doc, row);
  if (!input) return;
  try {
    await getMemoryStore().upsert([input], user);
  } catch (e) {
    console.error(`translation memory: row ${row.id} of ${doc.slug} was saved but not remembered:`, e);
  }
}

/**
 * Puts the pairs of several rows saved together (an XLIFF import) into the memory in one write, as a save of each
 * would; like feedRow, a failure is logged and never fails what was saved.
 */
export async function feedRows(doc: Pick<BilingualDocument, 'slug' | 'sourceLang' | 'targetLang'>, rows: readonly Row[], user: string | null): Promise<void> {
  const inputs = rows.map((row) => memoryInputFromRow(doc, row)).filter((e): e is MemoryEntryInput => e !== null);
  if (!inputs.length) return;
  try {
    await getMemoryStore().upsert(inputs, user);
  } catch (e) {
    console.error(`translation memory: ${inputs.length} rows of ${doc.slug} were saved but not remembered:`, e);
  }
}

/**
 * Builds the memory from every translated or approved row of every document, oldest row first so the newest
 * translation of a repeated source wins. `replace` starts from an empty memory (dropping imported units);
 * otherwise the rows are added to what is there.
 */
export async function rebuildMemory(user: string | null, options: { replace?: boolean } = {}): Promise<MemoryUpsertCounts & { documents: number }> {
  const store = getDocumentStore();
  const { documents } = await store.list();
  const rows: { input: MemoryEntryInput; at: string }[] = [];
  for (const summary of documents) {
    const doc = await store.get(summary.slug);
    const inputs = memoryInputsFromDocument(doc);
    const at = new Map(doc.rows.map((r) => [r.id, r.updatedAt]));
    for (const input of inputs) rows.push({ input, at: at.get(input.origin.rowId!) ?? doc.updatedAt });
  }
  rows.sort((a, b) => a.at.localeCompare(b.at));
  const memory = getMemoryStore();
  const inputs = rows.map((r) => r.input);
  const counts = options.replace ? await memory.replaceAll(inputs, user) : await memory.upsert(inputs, user);
  return { ...counts, documents: documents.length };
}

/** The best matches (70% and up, at most 3) for a row's source; the row's own entry is left out (lib/model/memory/match.ts). */
export async function matchesForRow(slug: string, rowId: string): Promise<{ query: string; matches: MemoryMatch[] }> {
  const doc = await getDocumentStore().get(slug);
  const row = doc.rows.find((r) => r.id === rowId);
  if (!row) throw new ModelError('not-found', `row ${rowId} does not exist in ${slug}`);
  const query = getRowSourceText(row);
  return { query, matches: await getMemoryStore().findMatches(query, { sourceLang: doc.sourceLang, targetLang: doc.targetLang, self: { slug, rowId } }) };
}

/** The best matches for a text in the given pair. */
export async function matchesForText(query: string, pair: { sourceLang: string; targetLang: string } = DEFAULT_PAIR): Promise<{ query: string; matches: MemoryMatch[] }> {
  return { query, matches: await getMemoryStore().findMatches(query, pair) };
}

/** Memory entries containing `query` in their source or translation. */
export async function searchMemory(query: string, limit: number): Promise<{ hits: ConcordanceHit[]; total: number }> {
  return getMemoryStore().concordance(query, limit);
}

/** The whole memory as TMX 1.4b. */
export async function exportMemoryTmx(): Promise<{ xml: string; count: number }> {
  const entries = await getMemoryStore().list();
  return { xml: exportTmx(entries, { now: now() }), count: entries.length };
}

/**
 * Adds the units of a TMX file to the memory (the default pair, Arabic → English). A bad file changes nothing; a
 * unit that cannot be used is reported with its reason.
 */
export async function importMemoryTmx(xml: string, user: string | null): Promise<MemoryUpsertCounts & { units: number; skipped: SkippedTu[] }> {
  const parsed = parseTmx(xml, DEFAULT_PAIR);
  const counts = await getMemoryStore().upsert(parsed.entries, user);
  return { ...counts, units: parsed.units, skipped: parsed.skipped };
}
