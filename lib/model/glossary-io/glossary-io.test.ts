/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads its fixtures from disk */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../glossary';
import { counterIds, expectModelError } from '../test-support';
import { exportCsv, mergeGlossaryRecords, parseCsv, parseTbx, exportTbx } from '.';

const AT = '2025-05-12T09:00:00.000Z';
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const ids = counterIds('g');
const entry = (term: string, rendering: string, note?: string): GlossaryEntry => ({ id: ids(), term, rendering, ...(note && { note }), updatedAt: AT, updatedBy: 'layla' });
const ctx = () => ({ now: AT, user: 'omar', newId: counterIds('n') });

describe('TBX import', () => {
  it('reads TBX-Basic 2019 entries: the first term of each language, any region, wrapped terms squeezed, the note', () => {
    const { records, skipped } = parseTbx(fixture('tbx-basic-v3.tbx'));
    expect(records).toEqual([
      { at: 'line 11', term: 'الجيش الوطني الليبي', rendering: 'Libyan National Army', note: 'LNA after the first mention' },
      { at: 'line 35', term: 'الكرملين', rendering: 'the Kremlin', note: 'The seat of the Russian government' },
    ]);
    expect(skipped).toEqual([{ at: 'line 31', reason: 'missing-language', message: '<conceptEntry> on line 31 has no term in "ar"' }]);
  });

  it('reads the older <martif> form with <langSet>, <tig> and <ntig>', () => {
    const { records, skipped } = parseTbx(fixture('martif-2008.tbx'));
    expect(records).toEqual([{ at: 'line 10', term: 'خليفة حفتر', rendering: 'Khalifa Haftar', note: 'Field Marshal on first mention' }]);
    expect(skipped.map((s) => s.at)).toEqual(['line 21']);
  });

  it.each([
    ['not-well-formed.tbx', /^TBX is not well-formed XML: line 2/],
    ['wrong-root.tbx', /^TBX: the root element is <tmx> on line 2/],
    ['no-body.tbx', /^TBX: <tbx> on line 2 has no <text><body>/],
  ])('refuses %s with a message naming the place', (name, message) => {
    expect(expectModelError(() => parseTbx(fixture(name)), 'invalid').message).toMatch(message);
  });

  it('refuses a file with no entry in both languages, changing nothing', () => {
    const entries = [entry('بوتين', 'Putin')];
    const parsed = parseTbx(fixture('no-arabic.tbx'));
    const error = expectModelError(() => mergeGlossaryRecords(entries, parsed, ctx()), 'invalid');
    expect(error.message).toMatch(/no entry with both an Arabic term and an English rendering.*line 3/);
    expect(entries).toHaveLength(1);
  });

  it('gives back what it exported, notes and all (XML special characters included)', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
    const arabic = fc.array(fc.constantFrom('ب', 'و', 'ت', 'ي', 'ن', ' ', 'ال', '&', '<'), { minLength: 1, maxLength: 10 }).map((a) => `كلمة${a.join('')}`.replace(/\s+/g, ' ').trim());
    fc.assert(
      fc.property(fc.array(fc.tuple(arabic, text, fc.option(text)), { minLength: 1, maxLength: 8 }), (items) => {
        const entries = items.map(([t, r, n]) => entry(t, r, n ?? undefined));
        const { records, skipped } = parseTbx(exportTbx(entries));
        expect(skipped).toEqual([]);
        expect(records.map(({ term, rendering, note }) => ({ term, rendering, note }))).toEqual(entries.map((e) => ({ term: e.term, rendering: e.rendering, note: e.note })));
      }),
      { numRuns: 60 },
    );
  });
});

describe('CSV import', () => {
  it('reads a header of term, rendering and note, quoted fields with commas', () => {
    expect(parseCsv(fixture('trados-style.csv')).records).toEqual([
      { at: 'record 2', term: 'الأمم المتحدة', rendering: 'United Nations' },
      { at: 'record 3', term: 'حفتر', rendering: 'Haftar', note: 'Khalifa Haftar on first mention, then Haftar' },
    ]);
  });

  it('reads a semicolon-separated file with a byte order mark, other header names and doubled quotes', () => {
    expect(parseCsv(fixture('semicolons.csv')).records).toEqual([
      { at: 'record 2', term: 'بوتين', rendering: 'Putin' },
      { at: 'record 3', term: 'الكرملين', rendering: 'the Kremlin', note: 'lower-case "the"' },
    ]);
  });

  it('reads a file without a header when its first column is Arabic, and headers named by language', () => {
    expect(parseCsv('بوتين,Putin\nحفتر,Haftar\n').records.map((r) => r.rendering)).toEqual(['Putin', 'Haftar']);
    expect(parseCsv('Term [ar],Term [en]\nبوتين,Putin\n').records).toEqual([{ at: 'record 2', term: 'بوتين', rendering: 'Putin' }]);
    expect(parseCsv('ar-SA\ten-US\nبوتين\tPutin\n').records).toHaveLength(1);
  });

  it.each([
    ['unclosed-quote.csv', /^CSV: Quote Not Closed/],
    ['ragged.csv', /^CSV: Invalid Record Length: expect 3, got 2 on line 2/],
    ['no-header.csv', /^CSV: the first line \("name, value"\) names no term and rendering columns/],
  ])('refuses %s with a message naming what is wrong', (name, message) => {
    expect(expectModelError(() => parseCsv(fixture(name)), 'invalid').message).toMatch(message);
  });

  it('refuses an empty file', () => {
    expect(expectModelError(() => parseCsv('\uFEFF\n\n'), 'invalid').message).toMatch(/the file is empty/);
  });

  it('gives back what it exported, with cells a spreadsheet would run as formulas escaped', () => {
    const entries = [entry('بوتين', 'Putin', 'says "hello", then, leaves'), entry('حفتر', '=HYPERLINK("x")'), entry('الكرملين', '-the Kremlin', '@note')];
    const csv = exportCsv(entries);
    expect(csv.startsWith('\uFEFFterm,rendering,note\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(parseCsv(csv).records.map(({ term, rendering, note }) => ({ term, rendering, note }))).toEqual(entries.map((e) => ({ term: e.term, rendering: e.rendering, note: e.note })));
  });
});

describe('mergeGlossaryRecords', () => {
  it('adds new terms, replaces renderings of known ones (folded, article aside), keeps notes the file lacks, skips bad and repeated records', () => {
    const entries = [entry('الأمم المتحدة', 'the UN', 'UN after first mention'), entry('بوتين', 'Putin'), entry('الكرملين', 'Kremlin')];
    const result = mergeGlossaryRecords(
      entries,
      {
        records: [
          { at: 'record 2', term: 'أمم المتحدة', rendering: 'United Nations' },
          { at: 'record 3', term: 'بوتين', rendering: 'Putin' },
          { at: 'record 4', term: 'حفتر', rendering: 'Haftar', note: 'Field Marshal' },
          { at: 'record 5', term: 'حَفتر', rendering: 'Hafter' },
          { at: 'record 6', term: '...', rendering: 'Nothing' },
          { at: 'record 7', term: 'موسكو', rendering: 'x'.repeat(600) },
        ],
        skipped: [{ at: 'record 8', reason: 'missing-language', message: 'record 8 has no rendering' }],
      },
      ctx(),
    );
    expect(result).toMatchObject({ records: 7, added: 1, replaced: 1, unchanged: 1 });
    expect(result.skipped.map((s) => [s.at, s.reason])).toEqual([
      ['record 8', 'missing-language'],
      ['record 5', 'duplicate'],
      ['record 6', 'invalid'],
      ['record 7', 'invalid'],
    ]);
    expect(result.skipped[3]!.message).toMatch(/record 7: rendering: must be at most 500 characters/);
    expect(result.entries[0]).toMatchObject({ id: entries[0]!.id, term: 'الأمم المتحدة', rendering: 'United Nations', note: 'UN after first mention', updatedBy: 'omar' });
    expect(result.entries[1]).toBe(entries[1]);
    expect(result.entries[3]).toMatchObject({ term: 'حفتر', rendering: 'Haftar', note: 'Field Marshal' });
    expect(entries[0]!.rendering).toBe('the UN');
  });
});
