import path from 'node:path';
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
import type { GlossaryChangeMeta, GlossaryStore } from './glossary-store';
import { newRowId } from './ids';
import { SingleJsonFile } from './single-json-file';

const GLOSSARY_FILE = 'glossary.json';
/** The file as messages name it, whatever the content folder. */
const LABEL = `content/${GLOSSARY_FILE}`;

/**
 * The glossary as `<root>/glossary.json`. The parsed entries are cached against the file's mtime and size, so a
 * hand edit is picked up and the editor page does not re-parse the file on every load.
 */
export class FileGlossaryStore implements GlossaryStore {
  private readonly store: SingleJsonFile<GlossaryEntry[]>;

  constructor(readonly root: string) {
    this.store = new SingleJsonFile({
      file: path.join(root, GLOSSARY_FILE),
      label: LABEL,
      parse: (raw, label) => parseGlossaryFile(raw, label).entries,
      // Written as the schema gives it back (trimmed, keys in order).
      check: (entries, label) => parseGlossaryFile({ schemaVersion: GLOSSARY_SCHEMA_VERSION, entries }, label, 'invalid'),
      empty: () => [],
    });
  }

  list(): Promise<GlossaryEntry[]> {
    return this.store.read();
  }

  private change<T>(make: (entries: GlossaryEntry[]) => { entries: GlossaryEntry[]; result: T }): Promise<T> {
    return this.store.change((entries) => {
      const out = make(entries);
      return { next: out.entries, result: out.result };
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
    return this.store.change((entries) => {
      const { entries: next, ...result } = mergeGlossaryRecords(entries, file, { ...meta, newId: newRowId });
      return { ...(result.added + result.replaced > 0 && { next }), result };
    });
  }
}
