/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads its fixtures from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteSchema, type Note } from '../notes';
import { targetFromText } from '../target';
import { counterIds, documentOf } from '../test-support';
import type { Row } from '../schema';
import { toXliff2 } from './export';
import { importXliffNotes } from './notes';
import { parseXliff } from './parse';
import { createDocumentFromXliffFile } from './rows';

const NOW = '2025-05-10T12:00:00.000Z';
const LATER = '2025-05-11T08:00:00.000Z';

function fixture(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, 'fixtures', name), 'utf8');
}

const rows: Row[] = [
  {
    id: 'row0000001',
    rev: 1,
    status: 'translated',
    source: [{ kind: 'paragraph', text: 'استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين.' }],
    target: targetFromText(['Russian President Vladimir Putin received Field Marshal Khalifa Haftar at the Kremlin.']),
    updatedAt: NOW,
    updatedBy: 'translator',
  },
];
const doc = documentOf(rows, { slug: 'putin', title: 'بوتين يستقبل حفتر', at: NOW });

const reviewNote: Note = {
  id: 'nnnnnnnnn1',
  rowId: 'row0000001',
  side: 'source',
  quote: { exact: 'خليفة حفتر' },
  position: { start: rows[0]!.source[0]!.text.indexOf('خليفة حفتر'), end: rows[0]!.source[0]!.text.indexOf('خليفة حفتر') + 10 },
  detached: false,
  body: 'Spell it Haftar, not Hifter.',
  author: 'reviewer',
  createdAt: NOW,
  updatedAt: NOW,
  status: 'resolved',
  resolvedBy: 'translator',
  resolvedAt: NOW,
  visibility: 'public',
  replies: [{ id: 'rrrrrrrrr1', body: 'Done, as in the house style.', author: 'translator', createdAt: NOW, updatedAt: NOW }],
};

describe('importXliffNotes', () => {
  it('brings back this app’s notes with their status, visibility (for an editor), quoted words and replies, authored truthfully', () => {
    const xml = toXliff2(doc, [reviewNote]);
    const file = parseXliff(xml);
    const { notes, added } = importXliffNotes(doc, [], [{ unit: file.units[0]!, rowId: 'row0000001' }], {
      now: LATER,
      user: 'editor',
      newId: counterIds('n'),
      mayPublish: true,
    });
    expect(added).toBe(2);
    expect(notes).toHaveLength(1);
    const [note] = notes;
    expect(() => noteSchema.parse(note)).not.toThrow();
    expect(note).toMatchObject({
      rowId: 'row0000001',
      side: 'source',
      body: `From “reviewer” in the imported XLIFF (2025-05-10): ${reviewNote.body}`,
      author: 'editor',
      status: 'resolved',
      visibility: 'public',
      createdAt: LATER,
      quote: { exact: 'خليفة حفتر' },
    });
    expect(note!.position).toEqual(reviewNote.position);
    expect(note!.replies).toEqual([
      expect.objectContaining({ body: 'From “translator” in the imported XLIFF (2025-05-10): Done, as in the house style.', author: 'editor', createdAt: LATER }),
    ]);
  });

  it('never lets a file speak for someone else: a translator’s import is authored by the translator, dated now, internal', () => {
    const forged = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:bn="urn:x-bilingual-editor:xliff:notes" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1"><unit id="row0000001"><notes>
    <note id="a" category="public" bn:author="editor" bn:created="2020-01-01T00:00:00.000Z">Approved for publication by the editor.</note>
  </notes><segment><source>استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين.</source></segment></unit></file>
</xliff>`;
    const unit = parseXliff(forged).units[0]!;
    const { notes } = importXliffNotes(doc, [], [{ unit, rowId: 'row0000001' }], { now: LATER, user: 'layla', newId: counterIds('n'), mayPublish: false });
    expect(notes[0]).toMatchObject({
      author: 'layla',
      createdAt: LATER,
      visibility: 'internal',
      body: 'From “editor” in the imported XLIFF (2020-01-01): Approved for publication by the editor.',
    });
    // Importing the same file again adds nothing.
    expect(importXliffNotes(doc, notes, [{ unit, rowId: 'row0000001' }], { now: LATER, user: 'layla', newId: counterIds('m') }).added).toBe(0);
  });

  it('adds nothing when the same notes are already on the row: export then import never duplicates', () => {
    const file = parseXliff(toXliff2(doc, [reviewNote]));
    const again = importXliffNotes(doc, [reviewNote], [{ unit: file.units[0]!, rowId: 'row0000001' }], {
      now: LATER,
      user: 'editor',
      newId: counterIds('n'),
    });
    expect(again.added).toBe(0);
    expect(again.notes).toEqual([reviewNote]);
  });

  it('takes other tools’ notes as open internal notes by the person importing, quoting the file’s author (1.2 `from`)', () => {
    const file = parseXliff(fixture('trados-1.2-ar-en.xlf'));
    const created = createDocumentFromXliffFile(file, {}, { now: NOW, user: 'editor', newId: counterIds('r'), slug: 'trados' });
    const { notes, added } = importXliffNotes(created.doc, [], created.rowsOfUnits, { now: LATER, user: 'editor', newId: counterIds('n') });
    expect(added).toBe(1);
    expect(notes[0]).toMatchObject({
      body: 'From “Project manager” in the imported XLIFF: Footnote marker: keep it after the name.',
      author: 'editor',
      side: 'source',
      status: 'open',
      visibility: 'internal',
    });
    expect(notes[0]!.quote).toBeUndefined();

    const okapi = parseXliff(fixture('okapi-2.0-ar-en.xlf'));
    const fromOkapi = createDocumentFromXliffFile(okapi, {}, { now: NOW, user: 'editor', newId: counterIds('r'), slug: 'okapi' });
    const imported = importXliffNotes(fromOkapi.doc, [], fromOkapi.rowsOfUnits, { now: LATER, user: 'editor', newId: counterIds('n') });
    expect(imported.notes.map((n) => [n.body, n.side, n.author])).toContainEqual(['Title case, please.', 'target', 'editor']);
    for (const n of imported.notes) expect(() => noteSchema.parse(n)).not.toThrow();
  });

  it('skips empty notes, replies to unknown notes and rows that are not there, and keeps a quote that is gone out', () => {
    const xml = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:bn="urn:x-bilingual-editor:xliff:notes" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1"><unit id="row0000001"><notes>
    <note id="a">   </note>
    <note id="b" bn:replyTo="zzz">orphan reply</note>
    <note id="c" bn:quote="كلمة غير موجودة" bn:created="not a date">Quoted words that are not in the row</note>
  </notes><segment><source>استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين.</source></segment></unit></file>
</xliff>`;
    const unit = parseXliff(xml).units[0]!;
    const { notes, added } = importXliffNotes(doc, [], [{ unit, rowId: 'row0000001' }, { unit, rowId: 'missingrow' }], {
      now: LATER,
      user: 'editor',
      newId: counterIds('n'),
    });
    expect(added).toBe(1);
    expect(notes[0]).toMatchObject({ body: 'Quoted words that are not in the row', createdAt: LATER });
    expect(notes[0]!.quote).toBeUndefined();
  });
});
