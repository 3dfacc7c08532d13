import type { Note } from './notes';
import type { BilingualDocument } from './schema';

/** Where the exported ids point: the app's public origin and the document's addresses under it. */
export interface W3CUrls {
  origin: string;
  locale?: string;
}

type Selector = Record<string, unknown>;

function noteTarget(doc: BilingualDocument, note: Note, urls: W3CUrls): Record<string, unknown> {
  const refinedBy: Selector[] = [];
  if (note.quote) {
    refinedBy.push({
      type: 'TextQuoteSelector',
      exact: note.quote.exact,
      ...(note.quote.prefix && { prefix: note.quote.prefix }),
      ...(note.quote.suffix && { suffix: note.quote.suffix }),
    });
  }
  if (note.position) refinedBy.push({ type: 'TextPositionSelector', start: note.position.start, end: note.position.end });
  const lang = note.side === 'source' ? doc.sourceLang : doc.targetLang;
  return {
    source: `${urls.origin}/${urls.locale ?? 'en'}/documents/${doc.slug}`,
    language: lang,
    selector: {
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3986',
      value: `row-${note.rowId}-${note.side}`,
      ...(refinedBy.length && { refinedBy: refinedBy.length === 1 ? refinedBy[0] : refinedBy }),
    },
  };
}

/**
 * The notes as a W3C Web Annotation `AnnotationCollection` (JSON-LD): each note an annotation with motivation
 * "commenting" whose target is its row's cell (FragmentSelector) refined by the quoted text (TextQuoteSelector)
 * and its offsets (TextPositionSelector); each reply an annotation with motivation "replying" targeting its note.
 */
export function toAnnotationCollection(doc: BilingualDocument, notes: Note[], urls: W3CUrls): Record<string, unknown> {
  const noteId = (id: string) => `${urls.origin}/api/documents/${doc.slug}/notes/${id}`;
  const items = notes.flatMap((note) => [
    {
      id: noteId(note.id),
      type: 'Annotation',
      motivation: 'commenting',
      created: note.createdAt,
      modified: note.updatedAt,
      creator: { type: 'Person', name: note.author },
      audience: note.visibility === 'public' ? 'public' : 'internal',
      ...(note.status === 'resolved' && { resolved: { by: note.resolvedBy, at: note.resolvedAt } }),
      ...(note.detached && { detached: true }),
      body: { type: 'TextualBody', value: note.body, format: 'text/plain', purpose: 'commenting' },
      target: noteTarget(doc, note, urls),
    },
    ...note.replies.map((reply) => ({
      id: `${noteId(note.id)}/replies/${reply.id}`,
      type: 'Annotation',
      motivation: 'replying',
      created: reply.createdAt,
      modified: reply.updatedAt,
      creator: { type: 'Person', name: reply.author },
      body: { type: 'TextualBody', value: reply.body, format: 'text/plain', purpose: 'replying' },
      target: noteId(note.id),
    })),
  ]);
  return {
    '@context': [
      'http://www.w3.org/ns/anno.jsonld',
      { audience: 'https://bilingual-editor.invalid/ns#audience', resolved: 'https://bilingual-editor.invalid/ns#resolved', detached: 'https://bilingual-editor.invalid/ns#detached' },
    ],
    id: `${urls.origin}/api/documents/${doc.slug}/export?format=w3c`,
    type: 'AnnotationCollection',
    label: doc.title,
    total: items.length,
    first: { id: `${urls.origin}/api/documents/${doc.slug}/export?format=w3c&page=0`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
