import type { CreateGlossaryEntryRequest, GlossaryEntry, UpdateGlossaryEntryRequest } from '@/lib/model';
import type { GlossaryImportResult, ParsedGlossaryFile } from '@/lib/model/glossary-io';

/** Who makes a change to the glossary, and when. */
export interface GlossaryChangeMeta {
  now: string;
  user: string;
}

/**
 * Where the glossary lives (one per content folder). Route handlers and pages go through this interface only.
 * Reads validate the file; a missing file is an empty glossary; a broken one throws ModelError 'corrupt' naming
 * the field. Changes run one after another, so two that arrive together never lose either.
 */
export interface GlossaryStore {
  /** Every entry, in the file's order. */
  list(): Promise<GlossaryEntry[]>;
  /** Adds an entry with a new id; a term already there (after folding) throws ModelError 'exists'. */
  add(request: CreateGlossaryEntryRequest, meta: GlossaryChangeMeta): Promise<GlossaryEntry>;
  /** Changes an entry; 'not-found' for an unknown id, 'exists' when the new term is another entry's. */
  update(id: string, request: UpdateGlossaryEntryRequest, meta: GlossaryChangeMeta): Promise<GlossaryEntry>;
  /** Removes an entry; 'not-found' for an unknown id. */
  delete(id: string): Promise<void>;
  /**
   * Merges an imported file's entries in one write (lib/model/glossary-io/merge.ts); a file with no usable entry
   * throws 'invalid' and changes nothing.
   */
  importEntries(file: ParsedGlossaryFile, meta: GlossaryChangeMeta): Promise<Omit<GlossaryImportResult, 'entries'>>;
}
