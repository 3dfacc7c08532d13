import { describe, expect, it } from 'vitest';
import { mergeWithNext, splitRow, type ChangeContext } from './alignment';
import { applyMappedAnchors, locateQuote, makeQuote, reanchorNotes } from './anchoring';
import { notesFileSchema, NOTES_SCHEMA_VERSION, type Note, type NoteSide } from './notes';
import { getSideText, QUOTE_CONTEXT } from './note-sides';
import { type BilingualDocument, type Row } from './schema';
import { targetFromText } from './target';
import { documentOf } from './test-support';

const CREATED = '2025-01-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';

// Sentences of the seed article (lib/model/fixtures/seed-article.txt) and an English translation.
const AR1 =
  'في تطور دبلوماسي بارز يعكس تعقيدات المشهد الليبي الراهن، استقبل الرئيس الروسي فلاديمير بوتين قائد الجيش الوطني الليبي المشير خليفة حفتر في الكرملين يوم 10 ماي 2025، وذلك حسبما أفاد المكتب الصحفي للكرملين.';
const AR2 =
  'وأكدت وكالة “ريا نوفوستي” أن “الرئيس التقى بالقائد العام للجيش الوطني الليبي، خليفة حفتر” في لقاء يأتي ضمن سلسلة من التحركات الروسية لتعزيز نفوذها في المنطقة، خاصةً في ظل التنافس الدولي المحتدم على الساحة الليبية.';
const AR3 =
  'ولم يقتصر برنامج زيارة المشير حفتر إلى موسكو على لقاء الرئيس بوتين فحسب، بل شمل أيضاً اجتماعاً مع وزير الدفاع الروسي أندريه بيلوسوف.';
const EN1 =
  'In a notable diplomatic development reflecting the complexity of the current Libyan scene, Russian President Vladimir Putin received the commander of the Libyan National Army, Field Marshal Khalifa Haftar, at the Kremlin on 10 May 2025, according to the Kremlin press office.';
const EN2 =
  'The RIA Novosti agency confirmed that "the President met the General Commander of the Libyan National Army, Khalifa Haftar" in a meeting that is part of a series of Russian moves to strengthen its influence in the region.';
const EN3 =
  "Field Marshal Haftar's visit to Moscow was not limited to meeting President Putin: it also included a meeting with Russian Defence Minister Andrei Belousov.";

const ROW_A = 'aaaaaaaaaa';
const ROW_B = 'bbbbbbbbbb';
const ROW_C = 'cccccccccc';

function makeRow(id: string, source: string[], target: string[], rev = 1): Row {
  return {
    id,
    rev,
    status: target.length ? 'draft' : 'untranslated',
    source: source.map((text) => ({ kind: 'paragraph', text })),
    target: targetFromText(target),
    updatedAt: CREATED,
    updatedBy: null,
  };
}

function makeDoc(...rows: Row[]): BilingualDocument {
  return documentOf(rows, { slug: 'putin-haftar', title: 'بوتين يستقبل الجنرال حفتر في الكرملين', at: CREATED });
}

function ctx(newId = 'newrow0001'): ChangeContext {
  return { now: NOW, user: 'editor', newId: () => newId };
}

function rowOf(doc: BilingualDocument, id: string): Row {
  const row = doc.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

/** A note on `exact` in a row's side; `occurrence` picks which one when it appears more than once. */
function noteOn(doc: BilingualDocument, id: string, rowId: string, side: NoteSide, exact: string, occurrence = 0): Note {
  const text = getSideText(rowOf(doc, rowId), side);
  let start = -1;
  for (let k = 0; k <= occurrence; k++) start = text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`"${exact}" not in row ${rowId}`);
  const position = { start, end: start + exact.length };
  return { ...baseNote(id, rowId, side), quote: makeQuote(text, position), position };
}

function baseNote(id: string, rowId: string, side: NoteSide): Note {
  return {
    id,
    rowId,
    side,
    detached: false,
    body: 'Check this name against the house style.',
    author: 'reviewer',
    createdAt: CREATED,
    updatedAt: CREATED,
    status: 'open',
    visibility: 'internal',
    replies: [],
  };
}

/** What a note covers in its row now. */
function covered(doc: BilingualDocument, note: Note): string {
  return getSideText(rowOf(doc, note.rowId), note.side).slice(note.position!.start, note.position!.end);
}

function expectValid(notes: Note[]): void {
  expect(() => notesFileSchema.parse({ schemaVersion: NOTES_SCHEMA_VERSION, notes })).not.toThrow();
}

describe('makeQuote', () => {
  it('keeps the exact text and 32 characters of context either side', () => {
    const start = AR1.indexOf('فلاديمير بوتين');
    const end = start + 'فلاديمير بوتين'.length;
    const quote = makeQuote(AR1, { start, end });
    expect(QUOTE_CONTEXT).toBe(32);
    expect(quote).toEqual({
      exact: 'فلاديمير بوتين',
      prefix: AR1.slice(start - 32, start),
      suffix: AR1.slice(end, end + 32),
    });
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(quote.prefix!.endsWith('الرئيس الروسي ')).toBe(true);
    expect(quote.suffix!.startsWith(' قائد الجيش')).toBe(true);
  });

  it('takes what there is near the edges and omits empty context', () => {
    expect(makeQuote(EN1, { start: 0, end: 4 })).toEqual({ exact: 'In a', suffix: EN1.slice(4, 36) });
    const end = EN1.length;
    expect(makeQuote(EN1, { start: end - 13, end })).toEqual({ exact: 'press office.', prefix: EN1.slice(end - 45, end - 13) });
    expect(makeQuote('Putin', { start: 0, end: 5 })).toEqual({ exact: 'Putin' });
    // Less than 32 characters of context: all of it.
    expect(makeQuote('Russian President Vladimir Putin received', { start: 8, end: 17 })).toEqual({
      exact: 'President',
      prefix: 'Russian ',
      suffix: ' Vladimir Putin received',
    });
  });
});

describe('locateQuote', () => {
  const putinStart = AR1.indexOf('بوتين');
  const putin = { start: putinStart, end: putinStart + 'بوتين'.length };

  it('returns the hint when the text there still is the quote', () => {
    const quote = makeQuote(AR1, putin);
    expect(locateQuote(AR1, quote, putin)).toBe(putin);
  });

  it('prefers a still-valid hint over an occurrence with better context', () => {
    // Two occurrences; the quote's context is the first one's, but the hint points at the second and still holds.
    const text = `${AR1}\n${AR3}`;
    const quote = makeQuote(text, putin);
    const second = text.indexOf('بوتين', putin.end);
    const hint = { start: second, end: second + 'بوتين'.length };
    expect(locateQuote(text, quote, hint)).toBe(hint);
    expect(locateQuote(text, quote)).toEqual(putin);
  });

  it('finds the quote again after text was inserted before it', () => {
    const quote = makeQuote(AR1, putin);
    const edited = `عاجل: ${AR1}`;
    const found = locateQuote(edited, quote, putin);
    expect(found).toEqual({ start: putin.start + 6, end: putin.end + 6 });
    expect(edited.slice(found!.start, found!.end)).toBe('بوتين');
  });

  it('finds the quote after text was deleted before it', () => {
    const quote = makeQuote(EN1, { start: EN1.indexOf('Vladimir Putin'), end: EN1.indexOf('Vladimir Putin') + 14 });
    const edited = EN1.replace('In a notable diplomatic development reflecting the complexity of the current Libyan scene, ', '');
    const found = locateQuote(edited, quote, { start: EN1.indexOf('Vladimir Putin'), end: EN1.indexOf('Vladimir Putin') + 14 });
    expect(found).toEqual({ start: edited.indexOf('Vladimir Putin'), end: edited.indexOf('Vladimir Putin') + 14 });
  });

  it('ignores diacritics and tatweel in the text and returns the original offsets, marks included', () => {
    const quote = makeQuote(AR1, putin);
    const voweled = AR1.replace('فلاديمير بوتين', 'فلاديمير بـوتِين');
    const found = locateQuote(voweled, quote);
    expect(found).toEqual({ start: putin.start, end: putin.start + 7 });
    expect(voweled.slice(found!.start, found!.end)).toBe('بـوتِين');
  });

  it('ignores diacritics and tatweel in the quote', () => {
    const found = locateQuote(AR1, { exact: 'بـوتِين', prefix: 'فلاديمِير ', suffix: ' قائِد' });
    expect(found).toEqual(putin);
  });

  it('ignores diacritics in the prefix and suffix when it scores the context', () => {
    const text = `${AR1}\n${AR3}`;
    const second = text.indexOf('بوتين', putin.end);
    // The context of the second occurrence, voweled differently.
    const found = locateQuote(text, { exact: 'بوتين', prefix: 'لِقاءِ الرَّئِيسِ ', suffix: ' فَحَسْب' });
    expect(found).toEqual({ start: second, end: second + 5 });
  });

  it('covers a mark on the last letter of the quote', () => {
    const text = 'استقبل الرئيسُ بوتينُ المشيرَ حفترَ';
    const at = text.indexOf('بوتينُ');
    // The quote was taken with its final damma; it must not be cut off the letter it belongs to.
    expect(locateQuote(text, { exact: 'بوتينُ' })).toEqual({ start: at, end: at + 6 });
    expect(locateQuote(text, { exact: 'بوتين' })).toEqual({ start: at, end: at + 6 });
    expect(locateQuote(text, { exact: 'حفترَ', prefix: 'المشيرَ ' })).toEqual({ start: text.length - 5, end: text.length });
  });

  it('with two occurrences picks the one whose prefix and suffix still surround it', () => {
    const text = `${AR1}\n${AR3}`;
    const first = text.indexOf('بوتين');
    const second = text.indexOf('بوتين', first + 1);
    const q1 = makeQuote(text, { start: first, end: first + 5 });
    const q2 = makeQuote(text, { start: second, end: second + 5 });
    // After an edit far away (both hints now stale), each quote finds its own occurrence.
    const edited = `تقرير: ${text}`;
    expect(locateQuote(edited, q1, { start: first, end: first + 5 })).toEqual({ start: first + 7, end: first + 12 });
    expect(locateQuote(edited, q2, { start: second, end: second + 5 })).toEqual({ start: second + 7, end: second + 12 });
    // Without any hint, context alone decides.
    expect(locateQuote(edited, q2)).toEqual({ start: second + 7, end: second + 12 });
    // Only the suffix survives: still enough.
    expect(locateQuote(edited, { exact: 'بوتين', suffix: q2.suffix })).toEqual({ start: second + 7, end: second + 12 });
  });

  it('with equal context picks the occurrence nearest the hint', () => {
    const text = 'قال بوتين، ثم قال بوتين، ثم قال بوتين.';
    const starts = [4, 18, 32];
    for (const s of starts) expect(text.slice(s, s + 5)).toBe('بوتين');
    const quote = { exact: 'بوتين', prefix: 'قال ', suffix: '،' };
    // Each of the first two has the same prefix and suffix; the hint (stale by two characters) decides.
    expect(locateQuote(text, quote, { start: 20, end: 25 })).toEqual({ start: 18, end: 23 });
    expect(locateQuote(text, quote, { start: 2, end: 7 })).toEqual({ start: 4, end: 9 });
    expect(locateQuote(text, { exact: 'بوتين' }, { start: 30, end: 35 })).toEqual({ start: 32, end: 37 });
  });

  it('returns null when the quote is gone', () => {
    const quote = makeQuote(AR1, putin);
    expect(locateQuote(AR1.replace('بوتين', 'بيسكوف'), quote, putin)).toBeNull();
    expect(locateQuote('', quote)).toBeNull();
    expect(locateQuote(EN1, { exact: 'Medvedev' })).toBeNull();
    // A quote of marks only matches nothing.
    expect(locateQuote(AR1, { exact: 'ًّ' })).toBeNull();
  });
});

describe('reanchorNotes', () => {
  it('re-anchors a note whose offsets drifted after a hand edit, by its quote and context', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1, AR3], [EN1, EN3]));
    // "Putin" appears in both paragraphs; the note is on the second one.
    const note = noteOn(doc, 'note000001', ROW_A, 'target', 'Putin', 1);
    const edited = makeDoc(makeRow(ROW_A, [AR1, AR3], [EN1.replace('Russian President Vladimir Putin', 'Vladimir Putin'), EN3]));
    const out = reanchorNotes([note], edited);
    const text = getSideText(rowOf(edited, ROW_A), 'target');
    const expected = text.indexOf('President Putin') + 'President '.length;
    expect(out[0]).toEqual({ ...note, position: { start: expected, end: expected + 5 }, quote: makeQuote(text, { start: expected, end: expected + 5 }) });
    expect(out[0]!.position!.start).toBe(note.position!.start - 'Russian President '.length);
    expect(covered(edited, out[0]!)).toBe('Putin');
    expectValid(out);
  });

  it('refreshes the stored quote context when the text around the quote changed', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1], [EN1]));
    const note = noteOn(doc, 'note000001', ROW_A, 'source', 'فلاديمير بوتين');
    const edited = makeDoc(makeRow(ROW_A, [AR1.replace('الرئيس الروسي', 'رئيس روسيا')], [EN1]));
    const [out] = reanchorNotes([note], edited);
    expect(covered(edited, out!)).toBe('فلاديمير بوتين');
    expect(out!.quote!.prefix!.endsWith('رئيس روسيا ')).toBe(true);
    expect(out!.detached).toBe(false);
  });

  it('marks a note detached when its quote is gone, keeping it with its quote', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR2], [EN2]), makeRow(ROW_B, [AR3], [EN3]));
    const gone = noteOn(doc, 'note000001', ROW_A, 'target', 'RIA Novosti');
    const kept = noteOn(doc, 'note000002', ROW_B, 'target', 'Belousov');
    const edited = makeDoc(makeRow(ROW_A, [AR2], [EN2.replace('The RIA Novosti agency', 'A Russian agency')]), rowOf(doc, ROW_B));
    const out = reanchorNotes([gone, kept], edited);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual({ ...gone, detached: true });
    expect(out[1]).toBe(kept);
    expectValid(out);
  });

  it('marks a note detached when its row is gone and nothing says where it went', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1], [EN1]), makeRow(ROW_B, [AR2], [EN2]));
    const note = noteOn(doc, 'note000001', ROW_B, 'source', 'ريا نوفوستي');
    const out = reanchorNotes([note], makeDoc(rowOf(doc, ROW_A)));
    expect(out).toEqual([{ ...note, detached: true }]);
  });

  it('re-attaches a detached note whose quote is back', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR2], [EN2]));
    const note = { ...noteOn(doc, 'note000001', ROW_A, 'source', 'ريا نوفوستي'), detached: true };
    const [out] = reanchorNotes([note], doc);
    expect(out).toEqual({ ...note, detached: false });
  });

  it('returns the same array instance when nothing changed', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1, AR2], [EN1, EN2]), makeRow(ROW_B, [AR3], [EN3]));
    const notes = [
      noteOn(doc, 'note000001', ROW_A, 'source', 'ريا نوفوستي'),
      noteOn(doc, 'note000002', ROW_A, 'target', 'Putin'),
      noteOn(doc, 'note000003', ROW_B, 'target', 'Belousov'),
      baseNote('note000004', ROW_B, 'source'),
      // Already detached and still gone.
      { ...noteOn(doc, 'note000005', ROW_B, 'source', 'بيلوسوف'), rowId: ROW_B, quote: { exact: 'شويغو' }, detached: true },
    ];
    expect(reanchorNotes(notes, doc)).toBe(notes);
    expect(reanchorNotes([], doc)).toEqual([]);
  });

  it('after a merge moves the removed row’s notes into the kept row, offsets shifted past the kept text', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1], [EN1], 3), makeRow(ROW_B, [AR2], [EN2], 4), makeRow(ROW_C, [AR3], [EN3]));
    const onA = noteOn(doc, 'note000001', ROW_A, 'source', 'فلاديمير بوتين');
    const onB = noteOn(doc, 'note000002', ROW_B, 'source', 'ريا نوفوستي');
    // "خليفة حفتر" is in both rows: the note is on row B's, and must not jump to row A's.
    const onBTwice = noteOn(doc, 'note000003', ROW_B, 'source', 'خليفة حفتر');
    const onBTarget = noteOn(doc, 'note000004', ROW_B, 'target', 'Khalifa Haftar');
    const onC = noteOn(doc, 'note000005', ROW_C, 'source', 'بيلوسوف');
    const { doc: merged, removedId } = mergeWithNext(doc, ROW_A, ctx(), 3, 4);
    expect(removedId).toBe(ROW_B);
    const out = reanchorNotes([onA, onB, onBTwice, onBTarget, onC], merged, { merged: { [ROW_B]: ROW_A } });

    expect(out[0]).toBe(onA);
    expect(out[4]).toBe(onC);
    const source = getSideText(rowOf(merged, ROW_A), 'source');
    expect(source).toBe(`${AR1}\n${AR2}`);
    const shift = AR1.length + 1;
    expect(out[1]).toMatchObject({ rowId: ROW_A, detached: false, position: { start: onB.position!.start + shift, end: onB.position!.end + shift } });
    expect(out[2]).toMatchObject({ rowId: ROW_A, position: { start: onBTwice.position!.start + shift, end: onBTwice.position!.end + shift } });
    expect(source.indexOf('خليفة حفتر')).toBeLessThan(AR1.length); // the first occurrence is row A's
    const tshift = EN1.length + 1;
    expect(out[3]).toMatchObject({ rowId: ROW_A, position: { start: onBTarget.position!.start + tshift, end: onBTarget.position!.end + tshift } });
    for (const n of out) expect(n.rowId).not.toBe(ROW_B);
    expect(covered(merged, out[1]!)).toBe('ريا نوفوستي');
    expect(covered(merged, out[2]!)).toBe('خليفة حفتر');
    expect(covered(merged, out[3]!)).toBe('Khalifa Haftar');
    // Quotes are recomputed from the merged text: the removed row's first quote now has a prefix from row A.
    expect(out[1]!.quote).toEqual(makeQuote(source, out[1]!.position!));
    expectValid(out);
  });

  it('after a merge moves whole-row notes of the removed row to the survivor', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1], [EN1]), makeRow(ROW_B, [AR2], []));
    const whole = baseNote('note000001', ROW_B, 'source');
    const wholeTarget = baseNote('note000002', ROW_B, 'target');
    const onA = baseNote('note000003', ROW_A, 'target');
    const { doc: merged } = mergeWithNext(doc, ROW_A, ctx());
    const notes = [whole, wholeTarget, onA];
    const out = reanchorNotes(notes, merged, { merged: { [ROW_B]: ROW_A } });
    expect(out).toEqual([
      { ...whole, rowId: ROW_A },
      { ...wholeTarget, rowId: ROW_A },
      onA,
    ]);
    expect(out[2]).toBe(onA);
    expect(out[0]!.quote).toBeUndefined();
    expect(out[0]!.position).toBeUndefined();
  });

  it('after a split moves a note whose quote lies in the second part to the new row', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR2, AR3], [EN2, EN3], 2));
    const inSecond = noteOn(doc, 'note000001', ROW_A, 'source', 'بيلوسوف');
    const inSecondTarget = noteOn(doc, 'note000002', ROW_A, 'target', 'Andrei Belousov');
    const inFirst = noteOn(doc, 'note000003', ROW_A, 'source', 'ريا نوفوستي');
    const whole = baseNote('note000004', ROW_A, 'target');
    const { doc: split, rows } = splitRow(doc, ROW_A, { sourceIndex: 1, targetIndex: 1 }, ctx('newrow0001'), 2);
    expect(rows[1].id).toBe('newrow0001');
    const out = reanchorNotes([inSecond, inSecondTarget, inFirst, whole], split, { split: { [ROW_A]: 'newrow0001' } });

    const sshift = AR2.length + 1;
    const tshift = EN2.length + 1;
    expect(out[0]).toEqual({
      ...inSecond,
      rowId: 'newrow0001',
      position: { start: inSecond.position!.start - sshift, end: inSecond.position!.end - sshift },
      quote: makeQuote(AR3, { start: inSecond.position!.start - sshift, end: inSecond.position!.end - sshift }),
    });
    expect(out[1]).toMatchObject({ rowId: 'newrow0001', position: { start: inSecondTarget.position!.start - tshift, end: inSecondTarget.position!.end - tshift } });
    expect(covered(split, out[1]!)).toBe('Andrei Belousov');
    // Notes in the first part, and whole-row notes, stay where they are.
    expect(out[2]).toBe(inFirst);
    expect(out[3]).toBe(whole);
    expectValid(out);
  });

  it('after a split keeps a note on the occurrence in the second part when the first part has the same words', () => {
    // "بوتين"/"Putin" is in both parts; the notes are on the second part's.
    const doc = makeDoc(makeRow(ROW_A, [AR1, AR3], [EN1, EN3], 2));
    const source = noteOn(doc, 'note000001', ROW_A, 'source', 'بوتين', 1);
    const target = noteOn(doc, 'note000002', ROW_A, 'target', 'Putin', 1);
    const sourceFirst = noteOn(doc, 'note000003', ROW_A, 'source', 'بوتين', 0);
    const { doc: split } = splitRow(doc, ROW_A, { sourceIndex: 1, targetIndex: 1 }, ctx('newrow0001'), 2);
    const out = reanchorNotes([source, target, sourceFirst], split, { split: { [ROW_A]: 'newrow0001' } });
    expect(out[0]).toMatchObject({ rowId: 'newrow0001', position: { start: AR3.indexOf('بوتين'), end: AR3.indexOf('بوتين') + 5 } });
    expect(out[1]).toMatchObject({ rowId: 'newrow0001', position: { start: EN3.indexOf('Putin'), end: EN3.indexOf('Putin') + 5 } });
    expect(out[2]).toBe(sourceFirst);
    expect(out[0]!.quote!.prefix).toBe(source.quote!.prefix);
    expect(out[0]!.quote!.suffix).toBe(source.quote!.suffix);
  });

  it('keepDetached keeps a note detached even when its quote appears elsewhere', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1, AR3], [EN1, EN3]));
    const note = { ...noteOn(doc, 'note000001', ROW_A, 'target', 'Putin', 1), detached: true };
    const notes = [note];
    // The editor saw "President Putin" deleted; another "Putin" is still in the row.
    const edited = makeDoc(makeRow(ROW_A, [AR1, AR3], [EN1, EN3.replace('meeting President Putin', 'that meeting')]));
    const kept = reanchorNotes(notes, edited, { keepDetached: new Set([note.id]) });
    expect(kept).toBe(notes);
    expect(kept[0]).toBe(note);
    // Without it, the note would re-attach to the other occurrence.
    const moved = reanchorNotes(notes, edited);
    expect(moved[0]).toMatchObject({ detached: false });
    expect(covered(edited, moved[0]!)).toBe('Putin');
  });

  it('keepDetached does not affect notes that are not detached', () => {
    const doc = makeDoc(makeRow(ROW_A, [AR1], [EN1]));
    const note = noteOn(doc, 'note000001', ROW_A, 'target', 'Vladimir Putin');
    const edited = makeDoc(makeRow(ROW_A, [AR1], [`Breaking: ${EN1}`]));
    const [out] = reanchorNotes([note], edited, { keepDetached: new Set([note.id]) });
    expect(out!.position!.start).toBe(note.position!.start + 10);
  });
});

describe('applyMappedAnchors', () => {
  const doc = makeDoc(makeRow(ROW_A, [AR1], [EN1]), makeRow(ROW_B, [AR2], [EN2]));
  const target = noteOn(doc, 'note000001', ROW_A, 'target', 'Russian President Vladimir Putin');
  const source = noteOn(doc, 'note000002', ROW_A, 'source', 'فلاديمير بوتين');
  const other = noteOn(doc, 'note000003', ROW_B, 'target', 'RIA Novosti');
  const whole = baseNote('note000004', ROW_A, 'target');
  const notes = [target, source, other, whole];

  it('moves a note to the offsets the editor mapped and recomputes its quote from the text', () => {
    const text = `Breaking: ${EN1}`;
    const edited = makeDoc(makeRow(ROW_A, [AR1], [text]), rowOf(doc, ROW_B));
    const start = target.position!.start + 10;
    const out = applyMappedAnchors(notes, edited, ROW_A, [{ noteId: target.id, start, end: start + 32 }]);
    expect(out[0]).toEqual({ ...target, position: { start, end: start + 32 }, quote: makeQuote(text, { start, end: start + 32 }) });
    expect(out[0]!.quote!.exact).toBe('Russian President Vladimir Putin');
    expect(out[0]!.quote!.prefix!.endsWith('Libyan scene, ')).toBe(true);
    expect(out.slice(1)).toEqual(notes.slice(1));
    for (let i = 1; i < notes.length; i++) expect(out[i]).toBe(notes[i]);
  });

  it('shrinks a note to the mapped offsets: the quote becomes what is left', () => {
    const text = EN1.replace('Russian President Vladimir Putin', 'Russian President Putin');
    const edited = makeDoc(makeRow(ROW_A, [AR1], [text]), rowOf(doc, ROW_B));
    const start = target.position!.start;
    const [out] = applyMappedAnchors(notes, edited, ROW_A, [{ noteId: target.id, start, end: start + 23 }]);
    expect(out!.quote!.exact).toBe('Russian President Putin');
    expect(out!.position).toEqual({ start, end: start + 23 });
    expect(out!.detached).toBe(false);
  });

  it('re-attaches a detached note the editor mapped to a range', () => {
    const [out] = applyMappedAnchors([{ ...target, detached: true }], doc, ROW_A, [{ noteId: target.id, ...target.position! }]);
    expect(out!.detached).toBe(false);
  });

  it('marks a note detached when its anchor says so, keeping its last quote and position', () => {
    const text = EN1.replace('Russian President Vladimir Putin ', '');
    const edited = makeDoc(makeRow(ROW_A, [AR1], [text]), rowOf(doc, ROW_B));
    const out = applyMappedAnchors(notes, edited, ROW_A, [{ noteId: target.id, detached: true }]);
    expect(out[0]).toEqual({ ...target, detached: true });
  });

  it('ignores anchors outside the text, empty or inverted, or missing an end', () => {
    const length = EN1.length;
    for (const anchor of [
      { start: length - 3, end: length + 1 },
      { start: -1, end: 5 },
      { start: 10, end: 10 },
      { start: 12, end: 10 },
      { start: 10 },
      { end: 10 },
      {},
    ]) {
      const out = applyMappedAnchors(notes, doc, ROW_A, [{ noteId: target.id, ...anchor }]);
      expect(out[0]).toBe(target);
    }
    // The very end of the text is inside it.
    const [atEnd] = applyMappedAnchors(notes, doc, ROW_A, [{ noteId: target.id, start: length - 13, end: length }]);
    expect(atEnd!.quote).toEqual({ exact: 'press office.', prefix: EN1.slice(length - 45, length - 13) });
  });

  it('touches only target notes with a quote on the edited row', () => {
    const anchors = [source, other, whole].map((n) => ({ noteId: n.id, start: 0, end: 3 }));
    const out = applyMappedAnchors(notes, doc, ROW_A, anchors);
    for (let i = 0; i < notes.length; i++) expect(out[i]).toBe(notes[i]);
    expect(applyMappedAnchors(notes, doc, ROW_A, [])).toBe(notes);
    expect(applyMappedAnchors(notes, doc, 'zzzzzzzzzz', [{ noteId: target.id, start: 0, end: 3 }])).toBe(notes);
  });

  it('is followed by reanchorNotes as updateRow does: mapped notes stay, detached ones stay detached', () => {
    const text = EN1.replace('Russian President Vladimir Putin', 'the Russian head of state');
    const edited = makeDoc(makeRow(ROW_A, [AR1], [`${text} Putin spoke first.`]), rowOf(doc, ROW_B));
    const anchors = [{ noteId: target.id, detached: true }];
    const mapped = applyMappedAnchors(notes, edited, ROW_A, anchors);
    const keepDetached = new Set(anchors.filter((a) => a.detached).map((a) => a.noteId));
    const out = reanchorNotes(mapped, edited, { keepDetached });
    expect(out[0]).toEqual({ ...target, detached: true });
  });
});
