import { isModelError, sortGlossary, type CreateGlossaryEntryRequest, type GlossaryEntry, type UpdateGlossaryEntryRequest } from '@/lib/model';
import type { RequestUser } from '@/lib/auth/current-user';
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
