import type { CreateGlossaryEntryRequest, GlossaryEntry, UpdateGlossaryEntryRequest } from '@/lib/model';
import type { ApiRequest } from './http';
import { glossaryRoutes } from './routes';
import type { Deleted } from './types';

/** The glossary shared by all documents. */
export function glossaryApi(request: ApiRequest) {
  return {
    /** Every entry, sorted by term. */
    listGlossary: async () => (await request<{ entries: GlossaryEntry[] }>(glossaryRoutes.list())).entries,

    /** Adds a term; a term that is there already (however written) is a 409 `exists`. */
    addGlossaryTerm: (body: CreateGlossaryEntryRequest) => request<GlossaryEntry>(glossaryRoutes.list(), { method: 'POST', json: body }),

    /** Changes a term; an empty note removes it. */
    updateGlossaryTerm: (id: string, patch: UpdateGlossaryEntryRequest) =>
      request<GlossaryEntry>(glossaryRoutes.entry(id), { method: 'PATCH', json: patch }),

    /** Removes a term. */
    deleteGlossaryTerm: (id: string) => request<Deleted>(glossaryRoutes.entry(id), { method: 'DELETE' }),
  };
}
