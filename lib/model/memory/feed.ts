import type { BilingualDocument, Row } from '../schema';
import { getTargetText, isTargetEmpty } from '../target';
import { parseWith } from '../validate';
import { memoryEntrySchema, memoryKey, type MemoryEntry, type MemoryEntryInput, type TranslationMemory } from './schema';

/** Feeding the memory: the pairs finished rows give it, and adding pairs one per source. */

/** The plain text of a row's original: its blocks, one per line. */
export function getRowSourceText(row: Row): string {
  return row.source.map((b) => b.text).join('\n');
}

/** The pair a row gives the memory, or null when it has none to give (not finished, or empty). */
export function memoryInputFromRow(doc: Pick<BilingualDocument, 'slug' | 'sourceLang' | 'targetLang'>, row: Row): MemoryEntryInput | null {
  if (row.status !== 'translated' && row.status !== 'approved') return null;
  if (isTargetEmpty(row.target)) return null;
  return {
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    source: getRowSourceText(row).trim(),
    target: getTargetText(row.target).trim(),
    origin: { slug: doc.slug, rowId: row.id },
  };
}

/** Every pair a document gives the memory, in row order. */
export function memoryInputsFromDocument(doc: BilingualDocument): MemoryEntryInput[] {
  return doc.rows.map((row) => memoryInputFromRow(doc, row)).filter((e): e is MemoryEntryInput => e !== null);
}

export interface UpsertContext {
  now: string;
  user: string | null;
  newId: () => string;
}

export interface UpsertResult {
  memory: TranslationMemory;
  added: number;
  replaced: number;
  /** Already in the memory with the same translation. */
  unchanged: number;
  /** False when nothing changed, so there is nothing to write. */
  changed: boolean;
}

/**
 * Adds pairs to the memory: a pair whose folded source and languages are already there replaces that entry's
 * translation (keeping its id); later inputs win over earlier ones. Inputs are validated like the file.
 */
export function upsertEntries(memory: TranslationMemory, inputs: readonly MemoryEntryInput[], ctx: UpsertContext): UpsertResult {
  const entries = [...memory.entries];
  const byKey = new Map(entries.map((e, i) => [memoryKey(e), i]));
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  for (const raw of inputs) {
    const input = { ...raw, source: raw.source.trim(), target: raw.target.trim() };
    const key = memoryKey(input);
    const at = byKey.get(key);
    if (at !== undefined) {
      const old = entries[at]!;
      // The same pair again: nothing to do, unless a document's row now claims it (an imported unit has no origin
      // and leaves the entry's alone).
      if (old.target === input.target && old.source === input.source && (!input.origin.slug || sameOrigin(old.origin, input.origin))) {
        unchanged++;
        continue;
      }
      entries[at] = parseWith(memoryEntrySchema, { ...old, ...input, updatedAt: ctx.now, updatedBy: ctx.user }, 'memory entry');
      if (old.target === input.target) unchanged++;
      else replaced++;
      continue;
    }
    const entry = parseWith(memoryEntrySchema, { id: ctx.newId(), ...input, updatedAt: ctx.now, updatedBy: ctx.user }, 'memory entry');
    byKey.set(key, entries.length);
    entries.push(entry);
    added++;
  }
  const changed = entries.length !== memory.entries.length || entries.some((e, i) => e !== memory.entries[i]);
  return { memory: changed ? { ...memory, entries } : memory, added, replaced, unchanged, changed };
}

function sameOrigin(a: MemoryEntry['origin'], b: MemoryEntry['origin']): boolean {
  return a.slug === b.slug && a.rowId === b.rowId;
}
