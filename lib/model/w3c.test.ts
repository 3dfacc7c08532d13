import { describe, expect, it } from 'vitest';
import { makeQuote } from './anchoring';
import type { Note } from './notes';
import { getSideText } from './note-sides';
import { DOCUMENT_SCHEMA_VERSION, type BilingualDocument } from './schema';
import { targetFromText } from './target';
import { toAnnotationCollection } from './w3c';

const CREATED = '2025-05-10T12:30:00.000Z';
const UPDATED = '2025-05-11T08:00:00.000Z';
const ORIGIN = 'https://translate.example.org';

const AR =
  'في تطور دبلوماسي بارز يعكس تعقيدات المشهد الليبي الراهن، استقبل الرئيس الروسي فلاديمير بوتين قائد الجيش الوطني الليبي المشير خليفة حفتر في الكرملين يوم 10 ماي 2025.';
const EN = 'In a notable diplomatic development, Russian President Vladimir Putin received Field Marshal Khalifa Haftar at the Kremlin on 10 May 2025.';

const doc: BilingualDocument = {
  schemaVersion: DOCUMENT_SCHEMA_VERSION,
  slug: 'putin-haftar',
  title: 'بوتين يستقبل الجنرال حفتر في الكرملين',
  sourceLang: 'ar',
  targetLang: 'en',
  createdAt: CREATED,
  updatedAt: CREATED,
  rows: [
    {
      id: 'aaaaaaaaaa',
      rev: 1,
      status: 'draft',
      source: [{ kind: 'paragraph', text: AR }],
      target: targetFromText([EN]),
      updatedAt: CREATED,
      updatedBy: null,
    },
  ],
};

function quoted(id: string, side: 'source' | 'target', exact: string, extra: Partial<Note> = {}): Note {
  const text = getSideText(doc.rows[0]!, side);
  const start = text.indexOf(exact);
  const position = { start, end: start + exact.length };
  return { ...base(id, side), quote: makeQuote(text, position), position, ...extra };
}

function base(id: string, side: 'source' | 'target', extra: Partial<Note> = {}): Note {
  return {
    id,
    rowId: 'aaaaaaaaaa',
    side,
    detached: false,
    body: 'Transliterate as "Vladimir Putin".',
    author: 'amira',
    createdAt: CREATED,
    updatedAt: UPDATED,
    status: 'open',
    visibility: 'internal',
    replies: [],
    ...extra,
  };
}

const sourceNote = quoted('note000001', 'source', 'فلاديمير بوتين', {
  replies: [
    { id: 'r000000001', body: 'Agreed, the usual spelling.', author: 'omar', createdAt: UPDATED, updatedAt: UPDATED },
    { id: 'r000000002', body: '<b>Done</b>', author: 'amira', createdAt: UPDATED, updatedAt: UPDATED },
  ],
});
const targetNote = quoted('note000002', 'target', 'Field Marshal', {
  body: 'Or "Marshal"?',
  visibility: 'public',
  status: 'resolved',
  resolvedBy: 'lina',
  resolvedAt: UPDATED,
});
const wholeRow = base('note000003', 'target', { body: 'Check the date format.' });
const quoteOnly: Note = { ...base('note000004', 'source'), quote: { exact: 'حفتر' }, detached: true };

type Json = Record<string, unknown>;

function collection(notes: Note[]): Json {
  return toAnnotationCollection(doc, notes, { origin: ORIGIN });
}

function itemsOf(c: Json): Json[] {
  return (c.first as { items: Json[] }).items;
}

describe('toAnnotationCollection', () => {
  it('is an AnnotationCollection with the W3C context and one page holding every annotation', () => {
    const c = collection([sourceNote, targetNote, wholeRow]);
    expect(c['@context']).toContain('http://www.w3.org/ns/anno.jsonld');
    expect((c['@context'] as unknown[])[0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(c.type).toBe('AnnotationCollection');
    expect(c.id).toBe(`${ORIGIN}/api/documents/putin-haftar/export?format=w3c`);
    expect(c.label).toBe(doc.title);
    const first = c.first as Json;
    expect(first.type).toBe('AnnotationPage');
    expect(first.startIndex).toBe(0);
    // Three notes and two replies.
    expect(itemsOf(c)).toHaveLength(5);
    expect(c.total).toBe(5);
    expect(itemsOf(c).map((i) => i.motivation)).toEqual(['commenting', 'replying', 'replying', 'commenting', 'commenting']);
    // Ids are unique.
    expect(new Set(itemsOf(c).map((i) => i.id)).size).toBe(5);
  });

  it('is empty, with total 0, when there are no notes', () => {
    const c = collection([]);
    expect(c.total).toBe(0);
    expect(itemsOf(c)).toEqual([]);
  });

  it('turns a note into a commenting Annotation with a plain-text body, creator and dates', () => {
    const [a] = itemsOf(collection([targetNote]));
    expect(a).toMatchObject({
      id: `${ORIGIN}/api/documents/putin-haftar/notes/note000002`,
      type: 'Annotation',
      motivation: 'commenting',
      created: CREATED,
      modified: UPDATED,
      creator: { type: 'Person', name: 'amira' },
      body: { type: 'TextualBody', value: 'Or "Marshal"?', format: 'text/plain' },
      audience: 'public',
      resolved: { by: 'lina', at: UPDATED },
    });
    expect(a).not.toHaveProperty('detached');
  });

  it('targets the row’s cell by a FragmentSelector refined by a TextQuoteSelector and a TextPositionSelector', () => {
    const [a] = itemsOf(collection([targetNote]));
    const target = a!.target as Json;
    expect(target.source).toBe(`${ORIGIN}/en/documents/putin-haftar`);
    expect(target.language).toBe('en');
    expect(target.selector).toEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3986',
      value: 'row-aaaaaaaaaa-target',
      refinedBy: [
        { type: 'TextQuoteSelector', exact: 'Field Marshal', prefix: targetNote.quote!.prefix, suffix: targetNote.quote!.suffix },
        { type: 'TextPositionSelector', start: targetNote.position!.start, end: targetNote.position!.end },
      ],
    });
    expect(EN.slice(targetNote.position!.start, targetNote.position!.end)).toBe('Field Marshal');
  });

  it('marks a source note with the source language and the source cell, and uses the locale given', () => {
    const [a] = itemsOf(toAnnotationCollection(doc, [sourceNote], { origin: ORIGIN, locale: 'ar' }));
    const target = a!.target as { source: string; language: string; selector: Json };
    expect(target.source).toBe(`${ORIGIN}/ar/documents/putin-haftar`);
    expect(target.language).toBe('ar');
    expect(target.selector.value).toBe('row-aaaaaaaaaa-source');
    const [quote] = target.selector.refinedBy as Json[];
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'فلاديمير بوتين', prefix: sourceNote.quote!.prefix, suffix: sourceNote.quote!.suffix });
    expect(a).toMatchObject({ audience: 'internal' });
    expect(a).not.toHaveProperty('resolved');
  });

  it('gives a whole-row note no refinedBy', () => {
    const [a] = itemsOf(collection([wholeRow]));
    const selector = (a!.target as { selector: Json }).selector;
    expect(selector).toEqual({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3986', value: 'row-aaaaaaaaaa-target' });
    expect(selector).not.toHaveProperty('refinedBy');
  });

  it('refines by the one selector there is, not an array, and flags a detached note', () => {
    const [a] = itemsOf(collection([quoteOnly]));
    expect((a!.target as { selector: Json }).selector.refinedBy).toEqual({ type: 'TextQuoteSelector', exact: 'حفتر' });
    expect(a!.detached).toBe(true);
  });

  it('turns replies into replying Annotations that target their note', () => {
    const items = itemsOf(collection([sourceNote]));
    const noteId = `${ORIGIN}/api/documents/putin-haftar/notes/note000001`;
    expect(items[0]!.id).toBe(noteId);
    expect(items.slice(1)).toEqual([
      {
        id: `${noteId}/replies/r000000001`,
        type: 'Annotation',
        motivation: 'replying',
        created: UPDATED,
        modified: UPDATED,
        creator: { type: 'Person', name: 'omar' },
        body: { type: 'TextualBody', value: 'Agreed, the usual spelling.', format: 'text/plain', purpose: 'replying' },
        target: noteId,
      },
      {
        id: `${noteId}/replies/r000000002`,
        type: 'Annotation',
        motivation: 'replying',
        created: UPDATED,
        modified: UPDATED,
        creator: { type: 'Person', name: 'amira' },
        body: { type: 'TextualBody', value: '<b>Done</b>', format: 'text/plain', purpose: 'replying' },
        target: noteId,
      },
    ]);
  });

  it('survives a JSON round trip unchanged (it is plain JSON-LD)', () => {
    const c = collection([sourceNote, targetNote, wholeRow, quoteOnly]);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
