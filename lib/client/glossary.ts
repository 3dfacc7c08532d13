import type { CreateGlossaryEntryRequest, GlossaryEntry, UpdateGlossaryEntryRequest } from '@/lib/model';
import type { ApiRequest } from './http';
import { glossaryRoutes, withQueryString } from './routes';
import type { Deleted, GlossaryImportReport } from './types';

/** The glossary's exchange formats. */
export type GlossaryFileFormat = 'tbx' | 'csv';

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

    /** Brings a TBX or CSV file into the glossary; a file that does not parse is a 400 naming where, and changes nothing. */
    importGlossary: (file: string, format: GlossaryFileFormat) =>
      request<GlossaryImportReport>(glossaryRoutes.import(), {
        method: 'POST',
        body: file,
        contentType: format === 'csv' ? 'text/csv' : 'application/x-tbx+xml',
        query: { format },
      }),
  };
}

/** The address of the glossary as a TBX or CSV download, for a link. */
export function getGlossaryExportUrl(format: GlossaryFileFormat): string {
  return withQueryString(glossaryRoutes.export(), { format });
}
