import { describe, expect, it } from 'vitest';
import { makeQuote } from './anchoring';
import { addReply, createNote, deleteNote, updateNote, updateReply, type NoteContext } from './note-ops';
import { createNoteRequestSchema, noteSchema, replyRequestSchema, updateNoteRequestSchema, type CreateNoteRequest, type Note } from './notes';
import { MAX_NOTE_BODY } from './note-sides';
import type { Role } from './roles';
import { type BilingualDocument, type Row } from './schema';
import { targetFromText } from './target';
import { documentOf, expectModelError } from './test-support';

const CREATED = '2025-01-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';
const LATER = '2025-05-11T08:00:00.000Z';

const AR =
  'وأكدت وكالة “ريا نوفوستي” أن “الرئيس التقى بالقائد العام للجيش الوطني الليبي، خليفة حفتر” في لقاء يأتي ضمن سلسلة من التحركات الروسية لتعزيز نفوذها في المنطقة.';
const AR_HEADING = 'لقاء مع وزير الدفاع الروسي';
const EN = 'The RIA Novosti agency confirmed that "the President met the General Commander of the Libyan National Army, Khalifa Haftar".';

const ROW = 'aaaaaaaaaa';
const EMPTY_ROW = 'bbbbbbbbbb';

function makeRow(id: string, source: string[], target: string[]): Row {
  return {
    id,
    rev: 1,
    status: target.length ? 'draft' : 'untranslated',
    source: source.map((text) => ({ kind: 'paragraph', text })),
    target: targetFromText(target),
    updatedAt: CREATED,
    updatedBy: null,
  };
}

const doc: BilingualDocument = documentOf([makeRow(ROW, [AR_HEADING, AR], [EN]), makeRow(EMPTY_ROW, ['فلاديمير بوتين'], [])], { slug: 'putin-haftar', title: 'بوتين يستقبل الجنرال حفتر في الكرملين', at: CREATED });

/** Deterministic ids: `prefix` and a counter, 10 characters of a-z0-9. */
function counterIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${(n++).toString(36).padStart(10 - prefix.length, '0')}`;
}

function actor(user: string, role: Role, now = NOW, newId = counterIds('n')): NoteContext {
  return { now, user, role, newId };
}


function request(overrides: Partial<CreateNoteRequest> = {}): CreateNoteRequest {
  return { rowId: ROW, side: 'source', body: 'Is "ريا نوفوستي" RIA Novosti or RIA News here?', ...overrides };
}

/** The side text of ROW's source: blocks joined by "\n". */
const SOURCE_TEXT = `${AR_HEADING}\n${AR}`;

describe('createNote', () => {
  it('creates an open, internal, attached note quoting the text, with its position found', () => {
    const note = createNote(doc, [], request({ quote: { exact: 'ريا نوفوستي' } }), actor('amira', 'reviewer', NOW, () => 'note000001'));
    const start = SOURCE_TEXT.indexOf('ريا نوفوستي');
    expect(note).toEqual({
      id: 'note000001',
      rowId: ROW,
      side: 'source',
      quote: makeQuote(SOURCE_TEXT, { start, end: start + 11 }),
      position: { start, end: start + 11 },
      detached: false,
      body: 'Is "ريا نوفوستي" RIA Novosti or RIA News here?',
      author: 'amira',
      createdAt: NOW,
      updatedAt: NOW,
      status: 'open',
      visibility: 'internal',
      replies: [],
    });
    // The position counts in the blocks joined by "\n": past the heading.
    expect(start).toBeGreaterThan(AR_HEADING.length);
    expect(note.quote!.prefix).toBe(SOURCE_TEXT.slice(start - 32, start));
    expect(() => noteSchema.parse(note)).not.toThrow();
  });

  it('keeps the visibility it is given', () => {
    const note = createNote(doc, [], request({ visibility: 'public' }), actor('amira', 'reviewer'));
    expect(note.visibility).toBe('public');
  });

  it('finds a quote given without diacritics in voweled text, and checks a given position against the quote', () => {
    const voweled = { ...doc, rows: [makeRow(ROW, ['استقبل الرئيسُ فلاديميرُ بوتين'], [EN])] };
    const note = createNote(voweled, [], request({ quote: { exact: 'فلاديمير' } }), actor('amira', 'reviewer'));
    expect(note.position).toEqual({ start: 15, end: 24 });
    expect(note.quote!.exact).toBe('فلاديميرُ');
    // A position that does not hold the quote is corrected from the quote.
    const en = createNote(doc, [], request({ side: 'target', quote: { exact: 'Khalifa Haftar' }, position: { start: 0, end: 14 } }), actor('amira', 'reviewer'));
    expect(en.position).toEqual({ start: EN.indexOf('Khalifa Haftar'), end: EN.indexOf('Khalifa Haftar') + 14 });
  });

  it('derives the quote from a position alone', () => {
    const start = EN.indexOf('RIA Novosti');
    const note = createNote(doc, [], request({ side: 'target', position: { start, end: start + 11 } }), actor('amira', 'reviewer'));
    expect(note.quote).toEqual({ exact: 'RIA Novosti', prefix: 'The ', suffix: EN.slice(start + 11, start + 43) });
    expect(note.position).toEqual({ start, end: start + 11 });
    // A position ending exactly at the end of the text is inside it.
    const atEnd = createNote(doc, [], request({ side: 'target', position: { start: EN.length - 8, end: EN.length } }), actor('amira', 'reviewer'));
    expect(atEnd.quote).toMatchObject({ exact: 'Haftar".' });
    expect(atEnd.quote!.suffix).toBeUndefined();
  });

  it('makes a whole-row note when given neither quote nor position', () => {
    const note = createNote(doc, [], request({ rowId: EMPTY_ROW, side: 'target' }), actor('amira', 'reviewer'));
    expect(note.quote).toBeUndefined();
    expect(note.position).toBeUndefined();
    expect(note).not.toHaveProperty('quote');
    expect(note).not.toHaveProperty('position');
    expect(note.detached).toBe(false);
  });

  it('rejects a row that does not exist', () => {
    const e = expectModelError(() => createNote(doc, [], request({ rowId: 'zzzzzzzzzz' }), actor('amira', 'reviewer')), 'invalid');
    expect(e.message).toContain('zzzzzzzzzz');
  });

  it('rejects a quote that is not on that side of the row', () => {
    // In the row, but in the translation, not the source.
    expectModelError(() => createNote(doc, [], request({ side: 'source', quote: { exact: 'RIA Novosti' } }), actor('amira', 'reviewer')), 'invalid');
    expectModelError(() => createNote(doc, [], request({ side: 'target', quote: { exact: 'ريا نوفوستي' } }), actor('amira', 'reviewer')), 'invalid');
    // Nowhere at all; an empty translation holds nothing.
    expectModelError(() => createNote(doc, [], request({ quote: { exact: 'سيرغي شويغو' } }), actor('amira', 'reviewer')), 'invalid');
    expectModelError(() => createNote(doc, [], request({ rowId: EMPTY_ROW, side: 'target', quote: { exact: 'Putin' } }), actor('amira', 'reviewer')), 'invalid');
  });

  it('rejects a position past the end of the text', () => {
    expectModelError(
      () => createNote(doc, [], request({ side: 'target', position: { start: EN.length - 2, end: EN.length + 1 } }), actor('amira', 'reviewer')),
      'invalid',
    );
    expectModelError(() => createNote(doc, [], request({ rowId: EMPTY_ROW, side: 'target', position: { start: 0, end: 1 } }), actor('amira', 'reviewer')), 'invalid');
  });

  it('draws a new id while the one drawn is taken', () => {
    const first = createNote(doc, [], request(), actor('amira', 'reviewer', NOW, () => 'note000001'));
    const ids = ['note000001', 'note000001', 'note000002'];
    const second = createNote(doc, [first], request(), actor('amira', 'reviewer', NOW, () => ids.shift()!));
    expect(second.id).toBe('note000002');
  });

  it('stores HTML in the body verbatim', () => {
    const body = '<script>alert("x")</script><b>bold</b> &amp; <img src=x onerror=alert(1)>';
    const parsed = createNoteRequestSchema.parse({ rowId: ROW, side: 'source', body });
    const note = createNote(doc, [], parsed, actor('amira', 'reviewer'));
    expect(note.body).toBe(body);
  });
});

describe('createNoteRequestSchema', () => {
  const valid = { rowId: ROW, side: 'target', body: 'Translate “ريا نوفوستي” as RIA Novosti.' };

  it('accepts a minimal request and one with quote, position and visibility', () => {
    expect(createNoteRequestSchema.parse(valid)).toEqual(valid);
    const full = { ...valid, quote: { exact: 'Novosti', prefix: 'RIA ', suffix: ' agency' }, position: { start: 8, end: 15 }, visibility: 'public' };
    expect(createNoteRequestSchema.parse(full)).toEqual(full);
  });

  it('trims the body', () => {
    expect(createNoteRequestSchema.parse({ ...valid, body: '  ok \n' }).body).toBe('ok');
  });

  it.each([
    ['an empty body', { ...valid, body: '' }],
    ['a whitespace-only body', { ...valid, body: ' \n\t  ' }],
    ['a body over 10,000 characters', { ...valid, body: 'ب'.repeat(MAX_NOTE_BODY + 1) }],
    ['a missing body', { rowId: ROW, side: 'target' }],
    ['a non-string body', { ...valid, body: 42 }],
    ['an unknown field', { ...valid, author: 'someone-else' }],
    ['an unknown field in the quote', { ...valid, quote: { exact: 'RIA', offset: 3 } }],
    ['a bad side', { ...valid, side: 'both' }],
    ['a bad row id', { ...valid, rowId: '../etc' }],
    ['a bad visibility', { ...valid, visibility: 'everyone' }],
    ['an empty quote', { ...valid, quote: { exact: '' } }],
    ['an empty position', { ...valid, position: { start: 4, end: 4 } }],
    ['a negative position', { ...valid, position: { start: -1, end: 4 } }],
  ])('rejects %s', (_label, value) => {
    expect(createNoteRequestSchema.safeParse(value).success).toBe(false);
  });

  it('accepts a body of exactly 10,000 characters', () => {
    expect(createNoteRequestSchema.safeParse({ ...valid, body: 'x'.repeat(MAX_NOTE_BODY) }).success).toBe(true);
  });
});

describe('updateNote', () => {
  function seeded(): Note[] {
    return [
      createNote(doc, [], request({ quote: { exact: 'ريا نوفوستي' } }), actor('amira', 'reviewer', CREATED, () => 'note000001')),
      createNote(doc, [], request({ rowId: EMPTY_ROW }), actor('omar', 'translator', CREATED, () => 'note000002')),
    ];
  }

  it('lets the author change the body and visibility, stamping updatedAt', () => {
    const notes = seeded();
    const { notes: out, note } = updateNote(notes, 'note000001', { body: 'Use “RIA Novosti”.', visibility: 'public' }, actor('amira', 'reviewer'));
    expect(note).toEqual({ ...notes[0], body: 'Use “RIA Novosti”.', visibility: 'public', updatedAt: NOW });
    expect(out[0]).toBe(note);
    expect(out[1]).toBe(notes[1]);
    expect(notes[0]!.body).toBe('Is "ريا نوفوستي" RIA Novosti or RIA News here?'); // not changed in place
  });

  it('forbids anyone else, even an editor, to change the body or visibility', () => {
    const notes = seeded();
    expectModelError(() => updateNote(notes, 'note000001', { body: 'mine now' }, actor('omar', 'translator')), 'forbidden');
    expectModelError(() => updateNote(notes, 'note000001', { visibility: 'public' }, actor('lina', 'editor')), 'forbidden');
    // Together with a status change, still forbidden: nothing is applied.
    expectModelError(() => updateNote(notes, 'note000001', { status: 'resolved', body: 'x' }, actor('omar', 'translator')), 'forbidden');
  });

  it('lets anyone resolve and reopen, recording and clearing who resolved it and when', () => {
    const notes = seeded();
    const resolved = updateNote(notes, 'note000001', { status: 'resolved' }, actor('omar', 'translator'));
    expect(resolved.note).toEqual({ ...notes[0], status: 'resolved', resolvedBy: 'omar', resolvedAt: NOW, updatedAt: NOW });
    expect(() => noteSchema.parse(resolved.note)).not.toThrow();

    const reopened = updateNote(resolved.notes, 'note000001', { status: 'open' }, actor('lina', 'editor', LATER));
    expect(reopened.note.status).toBe('open');
    expect(reopened.note).not.toHaveProperty('resolvedBy');
    expect(reopened.note).not.toHaveProperty('resolvedAt');
    expect(reopened.note.updatedAt).toBe(LATER);
    expect(reopened.note.body).toBe(notes[0]!.body);
  });

  it('keeps the first resolver when a resolved note is resolved again', () => {
    const { notes } = updateNote(seeded(), 'note000001', { status: 'resolved' }, actor('omar', 'translator'));
    const again = updateNote(notes, 'note000001', { status: 'resolved' }, actor('lina', 'editor', LATER));
    expect(again.note).toMatchObject({ resolvedBy: 'omar', resolvedAt: NOW, status: 'resolved' });
  });

  it('throws not-found for an unknown note', () => {
    expectModelError(() => updateNote(seeded(), 'zzzzzzzzzz', { status: 'resolved' }, actor('amira', 'reviewer')), 'not-found');
  });

  it('has a request schema needing at least one known field', () => {
    expect(updateNoteRequestSchema.safeParse({}).success).toBe(false);
    expect(updateNoteRequestSchema.safeParse({ status: 'closed' }).success).toBe(false);
    expect(updateNoteRequestSchema.safeParse({ author: 'x', status: 'open' }).success).toBe(false);
    expect(updateNoteRequestSchema.safeParse({ body: '   ' }).success).toBe(false);
    expect(updateNoteRequestSchema.parse({ status: 'resolved' })).toEqual({ status: 'resolved' });
  });
});

describe('replies', () => {
  function seeded(): Note[] {
    return [createNote(doc, [], request(), actor('amira', 'reviewer', CREATED, () => 'note000001'))];
  }

  it('adds a reply to the end of the thread with a fresh id', () => {
    const { notes, reply, note } = addReply(seeded(), 'note000001', 'RIA Novosti, as the agency spells it.', actor('omar', 'translator', NOW, counterIds('r')));
    expect(reply).toEqual({ id: 'r000000000', body: 'RIA Novosti, as the agency spells it.', author: 'omar', createdAt: NOW, updatedAt: NOW });
    expect(note.replies).toEqual([reply]);
    expect(note.updatedAt).toBe(NOW);
    expect(notes[0]).toBe(note);
    const second = addReply(notes, 'note000001', 'Agreed.', actor('amira', 'reviewer', LATER, () => 'r000000001'));
    expect(second.note.replies.map((r) => r.body)).toEqual(['RIA Novosti, as the agency spells it.', 'Agreed.']);
    expect(() => noteSchema.parse(second.note)).not.toThrow();
  });

  it('draws another id when the drawn one is taken by a reply or the note itself', () => {
    const first = addReply(seeded(), 'note000001', 'one', actor('omar', 'translator', NOW, () => 'r000000000'));
    const ids = ['note000001', 'r000000000', 'r000000005'];
    const second = addReply(first.notes, 'note000001', 'two', actor('omar', 'translator', NOW, () => ids.shift()!));
    expect(second.reply.id).toBe('r000000005');
  });

  it('lets only the author edit a reply', () => {
    const { notes, reply } = addReply(seeded(), 'note000001', 'RIA Novosti', actor('omar', 'translator', NOW, () => 'r000000000'));
    const edited = updateReply(notes, 'note000001', reply.id, 'RIA Novosti (Russian state agency)', actor('omar', 'translator', LATER));
    expect(edited.note.replies[0]).toEqual({ ...reply, body: 'RIA Novosti (Russian state agency)', updatedAt: LATER });
    expectModelError(() => updateReply(notes, 'note000001', reply.id, 'no', actor('amira', 'reviewer')), 'forbidden');
    expectModelError(() => updateReply(notes, 'note000001', reply.id, 'no', actor('lina', 'editor')), 'forbidden');
    expectModelError(() => updateReply(notes, 'note000001', 'zzzzzzzzzz', 'no', actor('omar', 'translator')), 'not-found');
    expectModelError(() => updateReply(notes, 'zzzzzzzzzz', reply.id, 'no', actor('omar', 'translator')), 'not-found');
  });

  it('has a request schema that trims and bounds the body', () => {
    expect(replyRequestSchema.parse({ body: ' ok ' })).toEqual({ body: 'ok' });
    expect(replyRequestSchema.safeParse({ body: '' }).success).toBe(false);
    expect(replyRequestSchema.safeParse({ body: 'x'.repeat(MAX_NOTE_BODY + 1) }).success).toBe(false);
    expect(replyRequestSchema.safeParse({ body: 'ok', author: 'x' }).success).toBe(false);
  });
});

describe('deleteNote', () => {
  function seeded(): Note[] {
    const notes = [
      createNote(doc, [], request(), actor('amira', 'reviewer', CREATED, () => 'note000001')),
      createNote(doc, [], request({ side: 'target' }), actor('omar', 'translator', CREATED, () => 'note000002')),
    ];
    const withReply = addReply(notes, 'note000001', 'A reply by omar.', actor('omar', 'translator', CREATED, () => 'r000000000'));
    return addReply(withReply.notes, 'note000001', 'A reply by amira.', actor('amira', 'reviewer', CREATED, () => 'r000000001')).notes;
  }

  it('lets the author delete a note with its thread', () => {
    const notes = seeded();
    const { notes: out } = deleteNote(notes, 'note000001', actor('amira', 'reviewer'));
    expect(out).toEqual([notes[1]]);
    expect(notes).toHaveLength(2);
  });

  it('lets an editor delete anyone’s note', () => {
    const { notes: out } = deleteNote(seeded(), 'note000002', actor('lina', 'editor'));
    expect(out.map((n) => n.id)).toEqual(['note000001']);
  });

  it('forbids others to delete a note', () => {
    const notes = seeded();
    expectModelError(() => deleteNote(notes, 'note000001', actor('omar', 'translator')), 'forbidden');
    expectModelError(() => deleteNote(notes, 'note000002', actor('amira', 'reviewer')), 'forbidden');
    // The author's name decides, not the role: another reviewer may not delete amira's note.
    expectModelError(() => deleteNote(notes, 'note000001', actor('sami', 'reviewer')), 'forbidden');
    expectModelError(() => deleteNote(notes, 'zzzzzzzzzz', actor('lina', 'editor')), 'not-found');
  });

  it('deletes one reply: by its author or an editor, keeping the note and the other replies', () => {
    const notes = seeded();
    const byAuthor = deleteNote(notes, 'note000001', actor('omar', 'translator', NOW), 'r000000000');
    expect(byAuthor.notes[0]!.replies.map((r) => r.id)).toEqual(['r000000001']);
    expect(byAuthor.notes[0]!.updatedAt).toBe(NOW);
    expect(byAuthor.notes[1]).toBe(notes[1]);
    const byEditor = deleteNote(notes, 'note000001', actor('lina', 'editor'), 'r000000001');
    expect(byEditor.notes[0]!.replies.map((r) => r.id)).toEqual(['r000000000']);
    // The note's author may not delete someone else's reply.
    expectModelError(() => deleteNote(notes, 'note000001', actor('amira', 'reviewer'), 'r000000000'), 'forbidden');
    expectModelError(() => deleteNote(notes, 'note000001', actor('omar', 'translator'), 'zzzzzzzzzz'), 'not-found');
  });
});
