/**
 * The API's paths, built in one place. Slugs and ids are restricted to `[a-z0-9-]` by the model; they are encoded
 * anyway, so a bad one reaches the server as the bad value it is (and is refused there), never as another path.
 */
const seg = encodeURIComponent;

export const documentRoutes = {
  list: () => '/api/documents',
  document: (slug: string) => `/api/documents/${seg(slug)}`,
  /** With `first`, the block holding that row comes first (see the route). */
  rows: (slug: string, first?: string | null) => `/api/documents/${seg(slug)}/rows${first ? `?first=${seg(first)}` : ''}`,
  row: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}`,
  rowsStatus: (slug: string) => `/api/documents/${seg(slug)}/rows/status`,
  split: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}/split`,
  merge: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}/merge`,
  notes: (slug: string) => `/api/documents/${seg(slug)}/notes`,
  note: (slug: string, noteId: string) => `/api/documents/${seg(slug)}/notes/${seg(noteId)}`,
  replies: (slug: string, noteId: string) => `/api/documents/${seg(slug)}/notes/${seg(noteId)}/replies`,
  reply: (slug: string, noteId: string, replyId: string) => `/api/documents/${seg(slug)}/notes/${seg(noteId)}/replies/${seg(replyId)}`,
  publish: (slug: string) => `/api/documents/${seg(slug)}/publish`,
  export: (slug: string) => `/api/documents/${seg(slug)}/export`,
  import: (slug: string) => `/api/documents/${seg(slug)}/import`,
  analysis: (slug: string) => `/api/documents/${seg(slug)}/analysis`,
  report: (slug: string) => `/api/documents/${seg(slug)}/report`,
  history: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}/history`,
  restore: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}/restore`,
  reviewChanges: (slug: string) => `/api/documents/${seg(slug)}/review-changes`,
  rowMt: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}/mt`,
  propagate: (slug: string, rowId: string) => `/api/documents/${seg(slug)}/rows/${seg(rowId)}/propagate`,
  events: (slug: string) => `/api/documents/${seg(slug)}/events`,
  presence: (slug: string) => `/api/documents/${seg(slug)}/presence`,
  pretranslate: (slug: string) => `/api/documents/${seg(slug)}/pretranslate`,
  pretranslation: (slug: string, runId: string) => `/api/documents/${seg(slug)}/pretranslate/${seg(runId)}`,
  undoPretranslation: (slug: string, runId: string) => `/api/documents/${seg(slug)}/pretranslate/${seg(runId)}/undo`,
} as const;

export const glossaryRoutes = {
  list: () => '/api/glossary',
  entry: (id: string) => `/api/glossary/${seg(id)}`,
  import: () => '/api/glossary/import',
  export: () => '/api/glossary/export',
} as const;

export const mtRoutes = {
  status: () => '/api/mt',
} as const;

/** The translation memory's routes: the only place their paths are written. */
export const memoryRoutes = {
  matches: () => '/api/memory/matches',
  concordance: () => '/api/memory/concordance',
  export: () => '/api/memory/export',
  import: () => '/api/memory/import',
} as const;

export const sessionRoutes = {
  session: () => '/api/session',
  health: () => '/api/health',
} as const;

/** A path with query parameters; undefined ones are left out. */
export function withQueryString(path: string, query: Record<string, string | number | undefined> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
