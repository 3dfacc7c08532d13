import type { Note } from './notes';
import { createSnapshot, type PublishedSnapshot } from './publish';
import type { BilingualDocument, Row, SourceBlock } from './schema';
import { targetFromText } from './target';
import { documentOf } from './test-support';

/** A small published article and its notes, shared by the snapshot's tests and the reader's. */

export const CREATED = '2025-05-01T00:00:00.000Z';
export const NOW = '2025-05-10T12:30:00.000Z';
export const LATER = '2025-05-12T08:00:00.000Z';

export const AR_TITLE = 'بوتين يستقبل الجنرال حفتر في الكرملين';
export const AR1 = 'استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين يوم 10 ماي 2025.';
export const AR2 = 'لقاء مع وزير الدفاع الروسي';
export const EN1 = 'Russian President Vladimir Putin received Field Marshal Khalifa Haftar at the Kremlin on 10 May 2025.';

export function row(id: string, source: SourceBlock[] | string, target: string[] = []): Row {
  return {
    id,
    rev: 1,
    status: target.length ? 'translated' : 'untranslated',
    source: typeof source === 'string' ? [{ kind: 'paragraph', text: source }] : source,
    target: targetFromText(target),
    updatedAt: CREATED,
    updatedBy: null,
  };
}

export function makeDoc(...rows: Row[]): BilingualDocument {
  return documentOf(rows, { slug: 'putin-haftar', title: AR_TITLE, at: CREATED });
}

export const SEED_LIKE = makeDoc(
  row('title00001', [{ kind: 'title', text: AR_TITLE }], ['Putin Receives General Haftar at the Kremlin']),
  row('para000001', AR1, [EN1]),
  row('head000001', [{ kind: 'heading', level: 2, text: AR2 }], ['A Meeting with the Russian Defence Minister']),
  row('item000001', [{ kind: 'numbered', number: '١', text: 'اتفاقيات للتنقيب عن النفط' }]),
);

export function note(overrides: Partial<Note> & Pick<Note, 'id' | 'rowId' | 'side'>): Note {
  return {
    detached: false,
    body: 'A translator’s note.',
    author: 'layla',
    createdAt: CREATED,
    updatedAt: CREATED,
    status: 'open',
    visibility: 'public',
    replies: [],
    ...overrides,
  };
}

export function publish(doc = SEED_LIKE, notes: Note[] = [], previous: PublishedSnapshot | null = null, at = NOW): PublishedSnapshot {
  return createSnapshot(doc, notes, previous, { now: at, user: 'editor' });
}
