import type { ConcordanceHit, MemoryMatch } from '@/lib/model';
import type { ApiRequest } from './http';
import { memoryRoutes } from './routes';
import type { MemoryImportReport } from './types';

/** What the memory is asked to match: a row of a document, or a text in a language pair (Arabic → English unless given). */
export type MemoryMatchQuery = { slug: string; rowId: string } | { q: string; sourceLang?: string; targetLang?: string };

/** The translation memory shared by all documents. */
export function memoryApi(request: ApiRequest) {
  return {
    /**
     * The best matches (70% and up, at most 3, best first); a row's own entry is left out. A text travels in a
     * POST body: up to LIMITS.memoryQueryChars of Arabic does not fit in an address (the server answers 431).
     */
    getMemoryMatches: (query: MemoryMatchQuery, options: { signal?: AbortSignal } = {}) =>
      request<{ query: string; matches: MemoryMatch[] }>(
        memoryRoutes.matches(),
        'q' in query ? { method: 'POST', json: query, signal: options.signal } : { query, signal: options.signal },
      ),

    /** Entries holding `q` in either language, newest first, with where it occurs. */
    searchMemory: (q: string, limit?: number) =>
      request<{ hits: ConcordanceHit[]; total: number }>(memoryRoutes.concordance(), { query: { q, limit } }),

    /** Adds a TMX file's units to the memory (translators and editors). */
    importMemoryTmx: (tmx: string) =>
      request<MemoryImportReport>(memoryRoutes.import(), { method: 'POST', body: tmx, contentType: 'application/x-tmx+xml' }),
  };
}

/** The address of the memory as a TMX download, for a link. */
export function getMemoryExportUrl(): string {
  return memoryRoutes.export();
}
