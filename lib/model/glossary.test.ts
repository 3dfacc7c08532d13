/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads the seed glossary and article from disk */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addGlossaryEntry, createGlossaryEntryRequestSchema, deleteGlossaryEntry, parseGlossaryFile, updateGlossaryEntry, updateGlossaryEntryRequestSchema, type GlossaryEntry } from './glossary';
import { containsRendering, findGlossaryTerms, findMissingRenderings, getGlossaryKey, sortGlossary } from './glossary-terms';
import { counterIds, expectModelError } from './test-support';

const AT = '2025-05-12T09:00:00.000Z';
const nextId = counterIds('g');

function entry(term: string, rendering: string, note?: string): GlossaryEntry {
  return { id: nextId(), term, rendering, ...(note ? { note } : {}), updatedAt: AT, updatedBy: 'layla' };
}

/** The repository's seed glossary (the tests only read it). */
const SEED = parseGlossaryFile(
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../content/glossary.json'), 'utf8')),
  'content/glossary.json',
).entries;

/** The seed article's rows, by position (1-based), source blocks joined by "\n" as the editor counts them. */
const SEED_DOC = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../content/documents/putin-receives-haftar/document.json'), 'utf8'),
) as { rows: { source: { text: string }[]; target: { content: { content?: { text?: string }[] }[] } }[] };
function seedSource(n: number): string {
  return SEED_DOC.rows[n - 1]!.source.map((b) => b.text).join('\n');
}
function seedTarget(n: number): string {
  return SEED_DOC.rows[n - 1]!.target.content.map((p) => (p.content ?? []).map((c) => c.text ?? '').join('')).join('\n');
}

/** The matched stretches of `text`, as written there, with the term each one is for. */
function matched(text: string, entries: readonly GlossaryEntry[]): [string, string][] {
  const byId = new Map(entries.map((e) => [e.id, e.term]));
  return findGlossaryTerms(text, entries).map((m) => [text.slice(m.start, m.end), byId.get(m.entryId)!]);
}

describe('findGlossaryTerms', () => {
  const army = entry('الجيش الوطني الليبي', 'Libyan National Army');
  const haftar = entry('حفتر', 'Haftar');
  const un = entry('الأمم المتحدة', 'United Nations');

  it('finds a term in the seed article, with offsets into the original text', () => {
    const text = seedSource(2);
    const [m] = findGlossaryTerms(text, [army]);
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('الجيش الوطني الليبي');
    expect(m!.entryId).toBe(army.id);
  });

  it('catches the term behind the clitics و ف ب ك ل and the article, and covers the whole word', () => {
    // Row 3: "بالقائد العام للجيش الوطني الليبي"; row 6: "الدعم الروسي لحفتر والجيش الوطني الليبي".
    expect(matched(seedSource(3), [army])).toEqual([['للجيش الوطني الليبي', army.term]]);
    expect(matched(seedSource(6), [army, haftar])).toEqual([
      ['حفتر', 'حفتر'],
      ['لحفتر', 'حفتر'],
      ['والجيش الوطني الليبي', army.term],
    ]);
    for (const written of ['الأمم المتحدة', 'للأمم المتحدة', 'والأمم المتحدة', 'بالأمم المتحدة', 'وبالأمم المتحدة', 'وللأمم المتحدة', 'فالأمم المتحدة', 'كالأمم المتحدة']) {
      expect(matched(`قرار ${written} الأخير`, [un]), written).toEqual([[written, un.term]]);
    }
  });

  it('matches a term written with or without its own article', () => {
    const bare = entry('أمم متحدة', 'United Nations');
    expect(matched('في الأمم متحدة', [bare])).toEqual([['الأمم متحدة', bare.term]]);
    const kremlin = entry('الكرملين', 'Kremlin');
    // Row 2: "في الكرملين … المكتب الصحفي للكرملين".
    expect(matched(seedSource(2), [kremlin]).map(([w]) => w)).toEqual(['الكرملين', 'للكرملين']);
  });

  it('ignores diacritics and tatweel and unifies alef, yaa and taa-marbuta forms, both in the text and in the term', () => {
    const italy = entry('إيطاليا', 'Italy');
    expect(matched('تقف تركيا وايطاليا', [italy])).toEqual([['وايطاليا', italy.term]]);
    expect(matched('تقف تركيا وآيطاليا', [italy])).toEqual([['وآيطاليا', italy.term]]);
    const gnu = entry('حكومه الوحده الوطنيه', 'Government of National Unity');
    expect(matched(seedSource(8), [gnu])).toEqual([['لحكومة الوحدة الوطنية', gnu.term]]);
    const decorated = entry('بُوتِين', 'Putin');
    expect(matched('الرئيس بـــوتينُ في موسكو', [decorated])).toEqual([['بـــوتينُ', decorated.term]]);
    const maqsura = entry('مصطفى', 'Mustafa');
    expect(matched('قال مصطفي', [maqsura])).toEqual([['مصطفي', maqsura.term]]);
  });

  it('keeps trailing diacritics inside the match', () => {
    const special = entry('خاصة', 'especially');
    // Row 3: "خاصةً في ظل".
    expect(matched(seedSource(3), [special])).toEqual([['خاصةً', special.term]]);
  });

  it('never matches inside a longer word', () => {
    const russian = entry('روسي', 'Russian');
    // Row 3 has "الروسية" only: no match.
    expect(findGlossaryTerms(seedSource(3), [russian])).toEqual([]);
    const libya = entry('ليبيا', 'Libya');
    expect(findGlossaryTerms('المشهد الليبي', [libya])).toEqual([]);
    expect(findGlossaryTerms('ليبيانا', [libya])).toEqual([]);
    // A clitic is only taken off the front: "ليبياو" is not "ليبيا".
    expect(findGlossaryTerms('ليبياو', [libya])).toEqual([]);
  });

  it('lets the longest term win where terms overlap', () => {
    const putin = entry('بوتين', 'Putin');
    const fullName = entry('فلاديمير بوتين', 'Vladimir Putin');
    expect(matched(seedSource(2), [putin, fullName]).map(([, t]) => t)).toEqual(['فلاديمير بوتين']);
    // Row 5 has "الرئيس بوتين" without the first name: the short term.
    expect(matched(seedSource(5), [putin, fullName]).map(([, t]) => t)).toEqual(['بوتين']);
    const pressOffice = entry('المكتب الصحفي للكرملين', 'Kremlin press office');
    const kremlin = entry('الكرملين', 'Kremlin');
    expect(matched(seedSource(2), [kremlin, pressOffice])).toEqual([
      ['الكرملين', 'الكرملين'],
      ['المكتب الصحفي للكرملين', 'المكتب الصحفي للكرملين'],
    ]);
  });

  it('matches multi-word terms across quotes and dashes but not across a line or a comma', () => {
    const ria = entry('ريا نوفوستي', 'RIA Novosti');
    expect(matched(seedSource(3), [ria])).toEqual([['ريا نوفوستي', ria.term]]);
    expect(matched('وكالة ريا-نوفوستي', [ria])).toEqual([['ريا-نوفوستي', ria.term]]);
    expect(findGlossaryTerms('ريا\nنوفوستي', [ria])).toEqual([]);
    expect(findGlossaryTerms('ريا، نوفوستي', [ria])).toEqual([]);
  });

  it('counts offsets across blocks joined by a newline, as the editor does', () => {
    const text = 'زيارة حفتر لموسكو\nلقاء في موسكو';
    const moscow = entry('موسكو', 'Moscow');
    expect(findGlossaryTerms(text, [moscow])).toEqual([
      { entryId: moscow.id, start: 11, end: 17 },
      { entryId: moscow.id, start: 26, end: 31 },
    ]);
  });

  it('finds every seed entry somewhere in the seed article', () => {
    const text = SEED_DOC.rows.map((_, i) => seedSource(i + 1)).join('\n');
    const found = new Set(findGlossaryTerms(text, SEED).map((m) => m.entryId));
    expect(SEED.filter((e) => !found.has(e.id)).map((e) => e.term)).toEqual([]);
    expect(SEED.length).toBeGreaterThanOrEqual(15);
    expect(SEED.length).toBeLessThanOrEqual(30);
  });

  it('finds nothing with an empty glossary or text', () => {
    expect(findGlossaryTerms(seedSource(2), [])).toEqual([]);
    expect(findGlossaryTerms('', SEED)).toEqual([]);
  });

  it('shows the first of two entries a hand-edited file has for one term', () => {
    const a = entry('حفتر', 'Haftar');
    const b = entry('حَفتر', 'Hifter');
    expect(findGlossaryTerms('المشير حفتر', [a, b]).map((m) => m.entryId)).toEqual([a.id]);
  });

  const arabicWord = fc.constantFrom('حفتر', 'بوتين', 'الجيش', 'الوطني', 'الليبي', 'للجيش', 'وموسكو', 'الأمم', 'المتحدة', 'في', 'لقاء', 'إيطاليا', 'ليبيا');
  const text = fc.array(arabicWord, { maxLength: 12 }).map((ws) => ws.join(' '));
  const marks = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B', '\u0640'];
  const entries = [army, haftar, un, entry('موسكو', 'Moscow'), entry('ليبيا', 'Libya'), entry('إيطاليا', 'Italy')];

  it('property: adding diacritics and tatweel after letters never changes which entries match', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...marks)), { maxLength: 10 }), (plain, inserts) => {
        let decorated = plain;
        for (const [at, mark] of inserts) {
          // After a letter (never before the first, never after a space), as a writer would add them.
          const letters = [...decorated.matchAll(/[\u0621-\u064A]/g)].map((m) => m.index + 1);
          if (!letters.length) break;
          const pos = letters[at % letters.length]!;
          decorated = decorated.slice(0, pos) + mark + decorated.slice(pos);
        }
        const ids = (t: string) => findGlossaryTerms(t, entries).map((m) => m.entryId);
        expect(ids(decorated)).toEqual(ids(plain));
      }),
    );
  });

  it('property: matches are in order, do not overlap, and start and end on word edges of the original', () => {
    fc.assert(
      fc.property(text, (t) => {
        const found = findGlossaryTerms(t, entries);
        for (let i = 0; i < found.length; i++) {
          const m = found[i]!;
          expect(m.end).toBeGreaterThan(m.start);
          if (i > 0) expect(m.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
          expect(m.start === 0 || t[m.start - 1] === ' ').toBe(true);
          expect(m.end === t.length || t[m.end] === ' ').toBe(true);
        }
      }),
    );
  });
});

describe('findMissingRenderings', () => {
  it('finds nothing missing where the translation used every rendering (seed rows 2, 5, 6 and 8)', () => {
    for (const n of [2, 5, 6, 8]) expect(findMissingRenderings(seedSource(n), seedTarget(n), SEED).map((e) => e.term), `row ${n}`).toEqual([]);
  });

  it('names the entries whose rendering is absent, each once', () => {
    const target = seedTarget(6).replaceAll('Haftar', 'Hifter');
    expect(findMissingRenderings(seedSource(6), target, SEED).map((e) => e.rendering)).toEqual(['Haftar']);
  });

  it('compares case-insensitively, by whole words, whatever the spaces', () => {
    const army = entry('الجيش الوطني الليبي', 'Libyan National Army');
    expect(findMissingRenderings('قوات الجيش الوطني الليبي', 'forces of the libyan  national\narmy', [army])).toEqual([]);
    expect(findMissingRenderings('قوات الجيش الوطني الليبي', 'the Libyan National Armyless', [army])).toEqual([army]);
    expect(findMissingRenderings('قوات الجيش الوطني الليبي', 'the LNA', [army])).toEqual([army]);
  });

  it('treats a rendering with regular-expression characters literally', () => {
    const e = entry('ريا نوفوستي', 'RIA (Novosti)');
    expect(containsRendering('said RIA (Novosti) today', e.rendering)).toBe(true);
    expect(containsRendering('said RIA Novosti today', e.rendering)).toBe(false);
    expect(containsRendering('Haftar’s visit', "Haftar's")).toBe(true);
  });

  it('ignores terms that are not in the Arabic', () => {
    expect(findMissingRenderings('لقاء في موسكو', 'A meeting in Moscow', SEED)).toEqual([]);
  });
});

describe('glossary changes', () => {
  const ctx = { now: AT, user: 'layla', newId: counterIds('n') };

  it('adds an entry with its author and time, without an empty note', () => {
    const { entries, entry: added } = addGlossaryEntry([], { term: 'طرابلس', rendering: 'Tripoli', note: '' }, ctx);
    expect(entries).toEqual([added]);
    expect(added).toEqual({ id: expect.stringMatching(/^[a-z0-9]{10}$/), term: 'طرابلس', rendering: 'Tripoli', updatedAt: AT, updatedBy: 'layla' });
  });

  it('refuses a term that folds to one already there', () => {
    const base = [entry('الأمم المتحدة', 'United Nations')];
    for (const term of ['الامم المتحدة', 'أُمَم المتحدة', 'الأمم المتحده']) {
      const e = expectModelError(() => addGlossaryEntry(base, { term, rendering: 'UN' }, ctx), 'exists');
      expect(e.message).toContain('الأمم المتحدة');
    }
    expect(getGlossaryKey('الأمم  المتحدة')).toBe(getGlossaryKey('امم المتحده'));
  });

  it('updates, removes a note with an empty string, and refuses a rename onto another term', () => {
    const a = entry('حفتر', 'Haftar', 'a note');
    const b = entry('بوتين', 'Putin');
    const later = { now: '2025-06-01T00:00:00.000Z', user: 'omar' };
    const { entry: changed } = updateGlossaryEntry([a, b], a.id, { rendering: 'Hifter', note: '' }, later);
    expect(changed).toEqual({ id: a.id, term: 'حفتر', rendering: 'Hifter', updatedAt: later.now, updatedBy: 'omar' });
    expect(updateGlossaryEntry([a, b], a.id, { term: 'حَفْتَر' }, later).entry.term).toBe('حَفْتَر');
    expectModelError(() => updateGlossaryEntry([a, b], a.id, { term: 'بوتين' }, later), 'exists');
    expectModelError(() => updateGlossaryEntry([a, b], 'zzzzzzzzzz', { rendering: 'x' }, later), 'not-found');
  });

  it('deletes by id, and says when the id is unknown', () => {
    const a = entry('حفتر', 'Haftar');
    expect(deleteGlossaryEntry([a], a.id)).toEqual([]);
    expectModelError(() => deleteGlossaryEntry([a], 'zzzzzzzzzz'), 'not-found');
  });

  it('sorts by term in Arabic order, ignoring diacritics and letter forms', () => {
    const sorted = sortGlossary([entry('موسكو', 'Moscow'), entry('يافا', 'Jaffa'), entry('إيطاليا', 'Italy'), entry('بوتين', 'Putin'), entry('آسيا', 'Asia'), entry('هيئة', 'authority'), entry('وزير', 'minister')]);
    expect(sorted.map((e) => e.term)).toEqual(['آسيا', 'إيطاليا', 'بوتين', 'موسكو', 'هيئة', 'وزير', 'يافا']);
  });
});

describe('glossary schemas', () => {
  it('rejects unknown fields, empty terms and terms of marks only', () => {
    expect(createGlossaryEntryRequestSchema.safeParse({ term: 'حفتر', rendering: 'Haftar', extra: 1 }).success).toBe(false);
    expect(createGlossaryEntryRequestSchema.safeParse({ term: '  ', rendering: 'Haftar' }).success).toBe(false);
    expect(createGlossaryEntryRequestSchema.safeParse({ term: 'ـَ', rendering: 'Haftar' }).success).toBe(false);
    expect(createGlossaryEntryRequestSchema.safeParse({ term: 'حفتر', rendering: '' }).success).toBe(false);
    expect(updateGlossaryEntryRequestSchema.safeParse({}).success).toBe(false);
    expect(updateGlossaryEntryRequestSchema.safeParse({ note: '' }).success).toBe(true);
  });

  it('names the field of a broken file', () => {
    const e = expectModelError(
      () => parseGlossaryFile({ schemaVersion: 1, entries: [{ ...entry('حفتر', 'Haftar'), rendering: 7 }] }, 'content/glossary.json'),
      'corrupt',
    );
    expect(e.message).toContain('content/glossary.json: entries[0].rendering');
    const a = entry('حفتر', 'Haftar');
    expect(expectModelError(() => parseGlossaryFile({ schemaVersion: 1, entries: [a, { ...a, term: 'بوتين' }] }, 'g.json'), 'corrupt').message).toContain(
      'entries[1].id: duplicate id',
    );
  });
});
