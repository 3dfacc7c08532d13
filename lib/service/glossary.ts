import { isModelError, sortGlossary, type CreateGlossaryEntryRequest, type GlossaryEntry, type UpdateGlossaryEntryRequest } from '@/lib/model';
import type { RequestUser } from '@/lib/auth/current-user';
import { exportCsv, exportTbx, parseCsv, parseTbx, type GlossaryImportResult } from '@/lib/model/glossary-io';
import { getGlossaryStore } from '@/lib/storage';
import { now } from '@/lib/clock';

/** Every glossary entry, sorted by term. A broken glossary.json throws 'corrupt' naming the field. */
export async function listGlossary(): Promise<GlossaryEntry[]> {
  return sortGlossary(await getGlossaryStore().list());
}

/**
 * The glossary for the editor: a broken file must not keep anyone from translating, so it gives no terms (and
 * the error is logged; the glossary page shows it).
 */
export async function getGlossaryForEditor(): Promise<GlossaryEntry[]> {
  try {
    return await getGlossaryStore().list();
  } catch (e) {
    if (!isModelError(e, 'corrupt')) throw e;
    console.error(e.message);
    return [];
  }
}

export function addGlossaryTerm(request: CreateGlossaryEntryRequest, user: RequestUser): Promise<GlossaryEntry> {
  return getGlossaryStore().add(request, { now: now(), user: user.name });
}

export function changeGlossaryTerm(id: string, request: UpdateGlossaryEntryRequest, user: RequestUser): Promise<GlossaryEntry> {
  return getGlossaryStore().update(id, request, { now: now(), user: user.name });
}

export function removeGlossaryTerm(id: string): Promise<void> {
  return getGlossaryStore().delete(id);
}

/** The glossary exchange formats: TBX (ISO 30042, TBX-Basic) and CSV. */
export type GlossaryFormat = 'tbx' | 'csv';

/** The glossary as a file of `format`, sorted by term. */
export async function exportGlossary(format: GlossaryFormat): Promise<string> {
  const entries = await listGlossary();
  return format === 'tbx' ? exportTbx(entries) : exportCsv(entries);
}

/**
 * Brings a TBX or CSV file into the glossary (see lib/model/glossary-io): new terms added, known ones given the
 * file's rendering, entries without both languages or breaking the glossary's rules left out and reported. A file
 * that does not parse, or holds no usable entry, changes nothing.
 */
export async function importGlossary(text: string, format: GlossaryFormat, user: RequestUser): Promise<Omit<GlossaryImportResult, 'entries'> & { entries: GlossaryEntry[] }> {
  const file = format === 'tbx' ? parseTbx(text) : parseCsv(text);
  const result = await getGlossaryStore().importEntries(file, { now: now(), user: user.name });
  return { ...result, entries: await listGlossary() };
}
