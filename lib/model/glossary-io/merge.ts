import { ModelError } from '../errors';
import { createGlossaryEntryRequestSchema, type GlossaryEntry } from '../glossary';
import { getGlossaryKey } from '../glossary-terms';
import { formatIssues } from '../validate';
import type { ParsedGlossaryFile, SkippedRecord } from './records';

export interface GlossaryImportResult {
  entries: GlossaryEntry[];
  /** Records read from the file (usable or not). */
  records: number;
  added: number;
  /** Terms already in the glossary whose rendering or note the file changed. */
  replaced: number;
  unchanged: number;
  skipped: SkippedRecord[];
}

/**
 * Merges an imported file into the glossary. Each record is checked as a new entry would be; a term already in
 * the glossary (after folding, article aside) gets the file's rendering, and its note when the file has one; a
 * term the file holds twice is taken the first time. A file with no usable record is refused, so a wrong file
 * changes nothing.
 */
export function mergeGlossaryRecords(
  entries: readonly GlossaryEntry[],
  file: ParsedGlossaryFile,
  ctx: { now: string; user: string; newId: () => string },
): GlossaryImportResult {
  const next = [...entries];
  const byKey = new Map(next.map((e, i) => [getGlossaryKey(e.term), i]));
  const ids = new Set(next.map((e) => e.id));
  const seen = new Set<string>();
  const skipped: SkippedRecord[] = [...file.skipped];
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  for (const record of file.records) {
    const checked = createGlossaryEntryRequestSchema.safeParse({ term: record.term, rendering: record.rendering, note: record.note });
    if (!checked.success) {
      skipped.push({ at: record.at, reason: 'invalid', message: `${record.at}: ${formatIssues(checked.error)}` });
      continue;
    }
    const { term, rendering, note } = checked.data;
    const key = getGlossaryKey(term);
    if (seen.has(key)) {
      skipped.push({ at: record.at, reason: 'duplicate', message: `${record.at}: "${term}" is in the file already` });
      continue;
    }
    seen.add(key);
    const at = byKey.get(key);
    if (at !== undefined) {
      const old = next[at]!;
      const newNote = note || old.note;
      if (old.rendering === rendering && old.note === newNote) {
        unchanged++;
        continue;
      }
      next[at] = { id: old.id, term: old.term, rendering, ...(newNote && { note: newNote }), updatedAt: ctx.now, updatedBy: ctx.user };
      replaced++;
      continue;
    }
    let id = ctx.newId();
    while (ids.has(id)) id = ctx.newId();
    ids.add(id);
    byKey.set(key, next.length);
    next.push({ id, term, rendering, ...(note && { note }), updatedAt: ctx.now, updatedBy: ctx.user });
    added++;
  }
  if (added + replaced + unchanged === 0) {
    const first = skipped[0];
    throw new ModelError('invalid', `the file holds no entry with both an Arabic term and an English rendering${first ? ` (${first.message})` : ''}; nothing was imported`);
  }
  return { entries: next, records: file.records.length + file.skipped.length, added, replaced, unchanged, skipped };
}
