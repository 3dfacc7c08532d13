/**
 * Who may call which API route: the answer each route gives to someone signed out, a translator, a reviewer and
 * an editor, for a well-formed request on a document that exists. e2e/permissions.spec.ts checks every cell
 * against the running app; the README's "Permissions" section is this table (scripts/readme-permissions.test.ts
 * keeps the two identical — `renderPermissionsTable()` prints it). A new route is one line here and one request
 * in the spec.
 */

export const CALLERS = ['signed-out', 'translator', 'reviewer', 'editor'] as const;
export type Caller = (typeof CALLERS)[number];

export interface Permission {
  /** Unique key the spec uses to find this row's request. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** What the request does, when the route answers differently by its body or by whose resource it is. */
  what?: string;
  /** Status for each caller, in the order of CALLERS. */
  expect: readonly [number, number, number, number];
}

export const PERMISSIONS = [
  { id: 'health', method: 'GET', path: '/api/health', expect: [200, 200, 200, 200] },
  { id: 'session-get', method: 'GET', path: '/api/session', expect: [200, 200, 200, 200] },
  { id: 'session-post', method: 'POST', path: '/api/session', what: 'sign in (right password)', expect: [200, 200, 200, 200] },
  { id: 'session-post-wrong', method: 'POST', path: '/api/session', what: 'sign in (wrong password)', expect: [401, 401, 401, 401] },
  { id: 'session-delete', method: 'DELETE', path: '/api/session', what: 'sign out', expect: [200, 200, 200, 200] },
  { id: 'documents-get', method: 'GET', path: '/api/documents', expect: [401, 200, 200, 200] },
  { id: 'documents-post', method: 'POST', path: '/api/documents', what: 'import a text', expect: [401, 403, 403, 201] },
  { id: 'documents-post-xliff', method: 'POST', path: '/api/documents', what: 'import an XLIFF file', expect: [401, 403, 403, 201] },
  { id: 'documents-post-word', method: 'POST', path: '/api/documents', what: 'import a Word file', expect: [401, 403, 403, 201] },
  { id: 'document-get', method: 'GET', path: '/api/documents/:slug', expect: [401, 200, 200, 200] },
  { id: 'row-target', method: 'PATCH', path: '/api/documents/:slug/rows/:rowId', what: 'change the English', expect: [401, 200, 403, 200] },
  { id: 'row-draft', method: 'PATCH', path: '/api/documents/:slug/rows/:rowId', what: 'status draft', expect: [401, 200, 403, 200] },
  { id: 'row-translated', method: 'PATCH', path: '/api/documents/:slug/rows/:rowId', what: 'status translated', expect: [401, 200, 200, 200] },
  { id: 'row-approved', method: 'PATCH', path: '/api/documents/:slug/rows/:rowId', what: 'status approved', expect: [401, 403, 200, 200] },
  { id: 'row-needs-changes', method: 'PATCH', path: '/api/documents/:slug/rows/:rowId', what: 'status needs changes', expect: [401, 403, 200, 200] },
  { id: 'rows-status-translated', method: 'POST', path: '/api/documents/:slug/rows/status', what: 'many rows translated', expect: [401, 200, 200, 200] },
  { id: 'rows-status-approved', method: 'POST', path: '/api/documents/:slug/rows/status', what: 'many rows approved', expect: [401, 403, 200, 200] },
  { id: 'rows-status-draft', method: 'POST', path: '/api/documents/:slug/rows/status', what: 'many rows draft', expect: [401, 200, 403, 200] },
  { id: 'split', method: 'POST', path: '/api/documents/:slug/rows/:rowId/split', expect: [401, 200, 403, 200] },
  { id: 'merge', method: 'POST', path: '/api/documents/:slug/rows/:rowId/merge', expect: [401, 200, 403, 200] },
  { id: 'row-history', method: 'GET', path: '/api/documents/:slug/rows/:rowId/history', expect: [401, 200, 200, 200] },
  { id: 'row-restore', method: 'POST', path: '/api/documents/:slug/rows/:rowId/restore', what: 'restore an earlier revision', expect: [401, 200, 403, 200] },
  { id: 'review-changes', method: 'GET', path: '/api/documents/:slug/review-changes', what: 'rows changed since my review', expect: [401, 200, 200, 200] },
  { id: 'row-mt', method: 'GET', path: '/api/documents/:slug/rows/:rowId/mt', what: 'machine translation of the row', expect: [401, 200, 200, 200] },
  { id: 'propagate', method: 'POST', path: '/api/documents/:slug/rows/:rowId/propagate', what: 'fill the repetitions of a translated row', expect: [401, 200, 403, 200] },
  { id: 'presence-post', method: 'POST', path: '/api/documents/:slug/presence', what: 'the row this editor page is in', expect: [401, 200, 200, 200] },
  { id: 'notes-get', method: 'GET', path: '/api/documents/:slug/notes', expect: [401, 200, 200, 200] },
  { id: 'notes-post', method: 'POST', path: '/api/documents/:slug/notes', expect: [401, 201, 201, 201] },
  { id: 'note-resolve', method: 'PATCH', path: '/api/documents/:slug/notes/:noteId', what: "resolve someone else's note", expect: [401, 200, 200, 200] },
  { id: 'note-edit-own', method: 'PATCH', path: '/api/documents/:slug/notes/:noteId', what: 'edit your own note', expect: [401, 200, 200, 200] },
  { id: 'note-edit-other', method: 'PATCH', path: '/api/documents/:slug/notes/:noteId', what: "edit someone else's note", expect: [401, 403, 403, 403] },
  { id: 'note-delete-own', method: 'DELETE', path: '/api/documents/:slug/notes/:noteId', what: 'your own note', expect: [401, 200, 200, 200] },
  { id: 'note-delete-other', method: 'DELETE', path: '/api/documents/:slug/notes/:noteId', what: "someone else's note", expect: [401, 403, 403, 200] },
  { id: 'replies-post', method: 'POST', path: '/api/documents/:slug/notes/:noteId/replies', expect: [401, 201, 201, 201] },
  { id: 'reply-edit-own', method: 'PATCH', path: '/api/documents/:slug/notes/:noteId/replies/:replyId', what: 'your own reply', expect: [401, 200, 200, 200] },
  { id: 'reply-edit-other', method: 'PATCH', path: '/api/documents/:slug/notes/:noteId/replies/:replyId', what: "someone else's reply", expect: [401, 403, 403, 403] },
  { id: 'reply-delete-own', method: 'DELETE', path: '/api/documents/:slug/notes/:noteId/replies/:replyId', what: 'your own reply', expect: [401, 200, 200, 200] },
  { id: 'reply-delete-other', method: 'DELETE', path: '/api/documents/:slug/notes/:noteId/replies/:replyId', what: "someone else's reply", expect: [401, 403, 403, 200] },
  { id: 'publish-get', method: 'GET', path: '/api/documents/:slug/publish', expect: [401, 200, 200, 200] },
  { id: 'publish-post', method: 'POST', path: '/api/documents/:slug/publish', what: 'first publication', expect: [401, 403, 403, 201] },
  { id: 'publish-delete', method: 'DELETE', path: '/api/documents/:slug/publish', expect: [401, 403, 403, 200] },
  { id: 'export-json', method: 'GET', path: '/api/documents/:slug/export', what: 'format=json, w3c, xliff, md', expect: [401, 200, 200, 200] },
  { id: 'export-html', method: 'GET', path: '/api/documents/:slug/export', what: 'format=html (published)', expect: [401, 200, 200, 200] },
  { id: 'export-docx', method: 'GET', path: '/api/documents/:slug/export', what: 'format=docx, layout=target, bilingual', expect: [401, 200, 200, 200] },
  { id: 'import-preview', method: 'POST', path: '/api/documents/:slug/import', what: 'XLIFF preview', expect: [401, 200, 403, 200] },
  { id: 'import-confirm', method: 'POST', path: '/api/documents/:slug/import', what: 'XLIFF, confirm=1', expect: [401, 200, 403, 200] },
  { id: 'pretranslate-get', method: 'GET', path: '/api/documents/:slug/pretranslate', what: 'runs', expect: [401, 200, 200, 200] },
  { id: 'pretranslate-post', method: 'POST', path: '/api/documents/:slug/pretranslate', expect: [401, 403, 403, 200] },
  { id: 'pretranslate-cancel', method: 'DELETE', path: '/api/documents/:slug/pretranslate/:runId', expect: [401, 403, 403, 200] },
  { id: 'pretranslate-undo', method: 'POST', path: '/api/documents/:slug/pretranslate/:runId/undo', expect: [401, 403, 403, 200] },
  { id: 'analysis', method: 'GET', path: '/api/documents/:slug/analysis', expect: [401, 200, 200, 200] },
  { id: 'report', method: 'GET', path: '/api/documents/:slug/report', expect: [401, 200, 200, 200] },
  { id: 'glossary-get', method: 'GET', path: '/api/glossary', expect: [401, 200, 200, 200] },
  { id: 'glossary-post', method: 'POST', path: '/api/glossary', what: 'add a term', expect: [401, 201, 403, 201] },
  { id: 'glossary-export', method: 'GET', path: '/api/glossary/export', what: 'TBX, CSV', expect: [401, 200, 200, 200] },
  { id: 'glossary-import', method: 'POST', path: '/api/glossary/import', what: 'TBX, CSV', expect: [401, 200, 403, 200] },
  { id: 'glossary-patch', method: 'PATCH', path: '/api/glossary/:id', expect: [401, 200, 403, 200] },
  { id: 'glossary-delete', method: 'DELETE', path: '/api/glossary/:id', expect: [401, 200, 403, 200] },
  { id: 'memory-matches', method: 'GET', path: '/api/memory/matches', what: 'for a row, or a text', expect: [401, 200, 200, 200] },
  { id: 'memory-matches-post', method: 'POST', path: '/api/memory/matches', what: 'for a text in the body', expect: [401, 200, 200, 200] },
  { id: 'memory-concordance', method: 'GET', path: '/api/memory/concordance', expect: [401, 200, 200, 200] },
  { id: 'memory-export', method: 'GET', path: '/api/memory/export', what: 'TMX', expect: [401, 200, 200, 200] },
  { id: 'memory-import', method: 'POST', path: '/api/memory/import', what: 'TMX', expect: [401, 200, 403, 200] },
  { id: 'tm-matches', method: 'GET', path: '/api/tm/matches', what: 'old address of /api/memory/matches', expect: [401, 200, 200, 200] },
  { id: 'tm-matches-post', method: 'POST', path: '/api/tm/matches', what: 'old address of /api/memory/matches', expect: [401, 200, 200, 200] },
  { id: 'tm-concordance', method: 'GET', path: '/api/tm/concordance', what: 'old address of /api/memory/concordance', expect: [401, 200, 200, 200] },
  { id: 'tm-export', method: 'GET', path: '/api/tm/export', what: 'old address of /api/memory/export', expect: [401, 200, 200, 200] },
  { id: 'tm-import', method: 'POST', path: '/api/tm/import', what: 'old address of /api/memory/import', expect: [401, 200, 403, 200] },
  { id: 'mt-status', method: 'GET', path: '/api/mt', what: 'is machine translation configured', expect: [401, 200, 200, 200] },
] as const satisfies readonly Permission[];

export type PermissionId = (typeof PERMISSIONS)[number]['id'];

/** The table as Markdown, as the README shows it. */
export function renderPermissionsTable(): string {
  const lines = ['| method | route | request | signed out | translator | reviewer | editor |', '|---|---|---|---|---|---|---|'];
  for (const p of PERMISSIONS as readonly Permission[]) {
    lines.push(`| ${p.method} | \`${p.path}\` | ${p.what ?? ''} | ${p.expect.join(' | ')} |`);
  }
  return lines.join('\n');
}
