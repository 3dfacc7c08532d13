/**
 * Benchmark documents: N aligned rows of ~40 words a side, built from the words of the seed article, written
 * into a temporary content folder through the real store (so they are valid `document.json` files).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DOCUMENT_SCHEMA_VERSION,
  emptyTarget,
  getParagraphText,
  parseDocument,
  type BilingualDocument,
  type Row,
} from '@/lib/model';
import { FileDocumentStore } from '@/lib/storage';

/** The row content repeats with this period, so row `i` looks like row `i + PERIOD` at every size. */
export const PERIOD = 50;
/** Index inside a period of the row the benchmark edits: even, so it is a translated row with a target. */
const EDITED_OFFSET = 24;

export const SEED_FILE = 'content/documents/putin-receives-haftar/document.json';

export interface WordLists {
  arabic: string[];
  english: string[];
}

/** The words of the seed article: its Arabic source blocks and its English translations. */
export async function loadSeedWords(root: string): Promise<WordLists> {
  const seed = parseDocument(JSON.parse(await readFile(path.join(root, SEED_FILE), 'utf8')), SEED_FILE);
  const split = (texts: string[]) => texts.join(' ').split(/\s+/u).filter(Boolean);
  const arabic = split(seed.rows.flatMap((r) => r.source.map((b) => b.text)));
  const english = split(seed.rows.flatMap((r) => r.target.content.map(getParagraphText)));
  if (arabic.length < 40 || english.length < 40) throw new Error(`${SEED_FILE}: too few words to build benchmark rows`);
  return { arabic, english };
}

function cycle(words: string[], start: number, count: number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(words[(start + k) % words.length]!);
  return out.join(' ');
}

/** Row ids are derived from the index: `r` + 9 digits, so runs are reproducible. */
export function benchRowId(i: number): string {
  return `r${String(i).padStart(9, '0')}`;
}

/** `bench-5000-rows`; further copies of one size (for --repeat, each run edits a fresh one) get `-2`, `-3`, …. */
export function benchSlug(rows: number, copy = 0): string {
  return copy ? `bench-${rows}-rows-${copy + 1}` : `bench-${rows}-rows`;
}

/**
 * The row the benchmark clicks and types into: in the middle of the document and always at the same place in
 * the content period, so the edited row (and so the bytes its save sends) is the same at every size.
 */
export function editedRowIndex(rows: number): number {
  const half = Math.floor(rows / 2);
  const index = half - (half % PERIOD) + EDITED_OFFSET;
  return index < rows ? index : half;
}

/** A document of `rows` rows: ~40 Arabic words a side; every other row translated (~40 English words). */
export function makeBenchDocument(rows: number, words: WordLists, now: string, copy = 0): BilingualDocument {
  const out: Row[] = [];
  for (let i = 0; i < rows; i++) {
    const j = i % PERIOD;
    const sourceWords = 36 + ((j * 7) % 9); // 36..44
    const targetWords = 36 + ((j * 5) % 9);
    const translated = j % 2 === 0;
    out.push({
      id: benchRowId(i),
      rev: 1,
      status: translated ? 'translated' : 'untranslated',
      source: [{ kind: 'paragraph', text: cycle(words.arabic, j * 41, sourceWords) }],
      target: translated
        ? { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: cycle(words.english, j * 43, targetWords) }] }] }
        : emptyTarget(),
      updatedAt: now,
      updatedBy: null,
    });
  }
  const doc: BilingualDocument = {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug: benchSlug(rows, copy),
    title: `${cycle(words.arabic, 0, 6)} (${rows})`,
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: now,
    updatedAt: now,
    rows: out,
  };
  return parseDocument(doc, `benchmark document of ${rows} rows`);
}

/** A small document the benchmark opens first in each browser context, so the app's code and fonts are cached. */
export const WARMUP_SLUG = 'bench-warmup';

/**
 * Writes `copies` documents per size into `contentDir` (as `documents/<slug>/document.json`): each run edits a
 * document of its own, so every run starts from the same content.
 */
export async function writeBenchDocuments(
  root: string,
  contentDir: string,
  sizes: number[],
  copies = 1,
): Promise<Map<number, BilingualDocument[]>> {
  const words = await loadSeedWords(root);
  const store = new FileDocumentStore(contentDir);
  const now = new Date().toISOString();
  const docs = new Map<number, BilingualDocument[]>();
  await store.create({ ...makeBenchDocument(10, words, now), slug: WARMUP_SLUG });
  for (const rows of sizes) {
    const list: BilingualDocument[] = [];
    for (let copy = 0; copy < copies; copy++) {
      const doc = makeBenchDocument(rows, words, now, copy);
      await store.create(doc);
      // Read back through a fresh store: what the server will load parses.
      await new FileDocumentStore(contentDir).get(doc.slug);
      list.push(doc);
    }
    docs.set(rows, list);
  }
  return docs;
}
