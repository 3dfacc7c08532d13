/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads its fixtures from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { getTargetText } from '../target';
import { counterIds } from '../test-support';
import { getInlineText, hasCodes } from './inline';
import { parseXliff } from './parse';
import { createDocumentFromXliffFile } from './rows';

function fixture(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, 'fixtures', name), 'utf8');
}

function parseError(text: string): string {
  try {
    parseXliff(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    expect((e as ModelError).code).toBe('invalid');
    return (e as ModelError).message;
  }
  throw new Error('expected the file to be refused');
}

function importDoc(name: string) {
  return createDocumentFromXliffFile(parseXliff(fixture(name)), {}, { now: '2025-05-10T12:00:00.000Z', user: 'importer', newId: counterIds(), slug: 'imported' });
}

const XLIFF2 = (body: string, attrs = 'srcLang="ar" trgLang="en"') =>
  `<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" ${attrs}>\n<file id="f">\n${body}\n</file>\n</xliff>`;

describe('parseXliff: files written by other tools', () => {
  it('reads Trados-style XLIFF 1.2: groups, seg-source, <g>/<x/>/<bpt>/<mrk>, 1.2 states and approved', () => {
    const file = parseXliff(fixture('trados-1.2-ar-en.xlf'));
    expect(file).toMatchObject({ version: '1.2', srcLang: 'ar-SA', trgLang: 'en-US' });
    expect(file.units.map((u) => [u.id, u.status])).toEqual([
      ['tu-1', 'translated'],
      ['tu-2', 'draft'],
      ['tu-3', 'approved'],
      ['tu-4', 'needs-changes'],
    ]);
    const [tu1, tu2, tu3] = file.units;
    expect(getInlineText(tu1!.source)).toBe('بوتين يستقبل حفتر في الكرملين');
    expect(tu1!.target).toContainEqual({ kind: 'pc', attrs: [['id', '1'], ['type', 'fmt'], ['subType', 'xlf:b']], content: ['Kremlin'] });
    expect(tu2!.source).toContainEqual({ kind: 'ph', attrs: [['id', '2'], ['equiv', '[1]']] });
    expect(tu2!.notes).toEqual([{ text: 'Footnote marker: keep it after the name.', appliesTo: 'source', author: 'Project manager' }]);
    expect(Object.values(tu3!.data)).toEqual(['<i>', '</i>']);
  });

  it('reads Okapi-style XLIFF 2.0: notes, originalData, several segments and an ignorable, segment states', () => {
    const file = parseXliff(fixture('okapi-2.0-ar-en.xlf'));
    expect(file).toMatchObject({ version: '2.0', srcLang: 'ar', trgLang: 'en' });
    expect(file.units.map((u) => [u.id, u.status, u.target === null])).toEqual([
      ['tu1', 'approved', false],
      ['tu2', 'draft', false], // translated + initial: the least advanced
      ['tu3', 'approved', false],
      ['tu4', null, true],
    ]);
    expect(file.units[0]!.notes).toEqual([{ text: 'Title case, please.', appliesTo: 'target', category: 'reviewer', id: 'n1' }]);
    expect(file.units[0]!.data).toEqual({ d1: '<a href="https://kremlin.ru">', d2: '</a>', d3: '<br/>' });
    expect(getInlineText(file.units[1]!.source)).toBe('التقى الرئيسان في موسكو. وناقشا الوضع في ليبيا.');
  });

  it('reads MateCat-style XLIFF 2.1: module elements ignored, <sc/>/<ec/>, <cp/>, a rejecting subState', () => {
    const file = parseXliff(fixture('matecat-2.1-ar-en.xlf'));
    expect(file).toMatchObject({ version: '2.1', srcLang: 'ar-EG', trgLang: 'en-GB' });
    expect(file.units.map((u) => u.status)).toEqual(['translated', 'needs-changes', 'draft']);
    expect(getInlineText(file.units[0]!.source)).toBe('أعلن الكرملين عن الزيارة رسميا.');
    expect(getInlineText(file.units[2]!.source)).toBe('الأرقام \u0003١٢٣ لا تتغير.');
    expect(file.units[1]!.source.filter((n) => typeof n !== 'string').map((n) => typeof n !== 'string' && n.kind)).toEqual(['sc', 'ec']);
  });

  it('reads OmegaT-style XLIFF 1.2 without states', () => {
    const file = parseXliff(fixture('omegat-1.2-en-de.xlf'));
    expect(file.units.map((u) => [u.id, u.status, getInlineText(u.target!)])).toEqual([
      ['0', null, 'Öffnen Sie die Datei.'],
      ['1', 'approved', 'Speichern & schließen.'],
    ]);
  });

  it('imports each fixture as a document in its own language pair', () => {
    const fr = importDoc('okapi-2.0-en-fr.xlf').doc;
    expect([fr.sourceLang, fr.targetLang]).toEqual(['en-US', 'fr-FR']);
    expect(fr.rows.map((r) => [r.status, getTargetText(r.target)])).toEqual([
      ['translated', 'Bienvenue sur notre nouveau site.'],
      ['draft', 'Cliquez sur  pour continuer.'],
      ['untranslated', ''],
    ]);
    expect(fr.rows[0]!.target.content[0]!.content).toContainEqual({ type: 'text', text: 'nouveau', marks: [{ type: 'bold' }] });
    // The unit ids are not row ids, so the rows keep them for export; codes the editor cannot show are kept too.
    expect(fr.rows.map((r) => r.xliff?.unitId)).toEqual(['u1', 'u2', 'u3']);
    expect(fr.rows[1]!.xliff?.source).toBe('Click <ph id="2" disp="[link]"/> to continue.');

    const trados = importDoc('trados-1.2-ar-en.xlf').doc;
    expect(trados.rows.map((r) => r.status)).toEqual(['translated', 'untranslated', 'approved', 'needs-changes']);
    expect(trados.title).toBe('بوتين يستقبل حفتر في الكرملين');
    const okapi = importDoc('okapi-2.0-ar-en.xlf').doc;
    expect(okapi.rows.map((r) => r.status)).toEqual(['approved', 'draft', 'approved', 'untranslated']);
    expect(okapi.rows[2]!.xliff?.target).toContain('<mrk id="m1" type="term" ref="#t1">spokesman</mrk>');
    expect(importDoc('matecat-2.1-ar-en.xlf').doc.rows.map((r) => r.status)).toEqual(['translated', 'needs-changes', 'untranslated']);
  });
});

describe('parseXliff refuses a bad file, naming the element and the line', () => {
  it('not well-formed XML', () => {
    expect(parseError(fixture('malformed-not-well-formed.xlf'))).toMatch(/not well-formed XML: line 6, column \d+: unexpected close tag/);
  });
  it('a wrong namespace', () => {
    expect(parseError(fixture('malformed-wrong-namespace.xlf'))).toMatch(/<xliff> on line 2: namespace "urn:oasis:names:tc:xliff:document:3.0" is not XLIFF's/);
  });
  it('a missing srcLang', () => {
    expect(parseError(fixture('malformed-missing-srclang.xlf'))).toMatch(/<xliff> on line 2: attribute srcLang is required on <xliff> \(rule attribute-required\)/);
  });
  it('duplicate unit ids', () => {
    expect(parseError(fixture('malformed-duplicate-ids.xlf'))).toMatch(/<unit> on line 9: unit id "u1" is already used in this <file> by the unit on line 4 \(rule unit-id-unique\)/);
  });
  it('an invalid state', () => {
    expect(parseError(fixture('malformed-invalid-state.xlf'))).toMatch(/<target> on line 7: state="done" is not an XLIFF 1\.2 state/);
    expect(parseError(XLIFF2('<unit id="u">\n<segment state="approved"><source>ن</source></segment>\n</unit>'))).toMatch(
      /<segment> on line 5: state="approved" must be one of initial, translated, reviewed, final/,
    );
  });
  it('no namespace, no version, a version of another namespace, another root', () => {
    expect(parseError('<xliff version="2.0" srcLang="ar"><file id="f"/></xliff>')).toMatch(/<xliff> on line 1: the element has no namespace/);
    expect(parseError('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar"/>')).toMatch(/version is missing/);
    expect(parseError('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="1.2" srcLang="ar"/>')).toMatch(/version="1.2" does not match/);
    expect(parseError('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toMatch(/<html> on line 1: the root element is not <xliff>/);
  });
  it('a file in another encoding than UTF-8', () => {
    expect(parseError('<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>')).toMatch(/declares encoding="ISO-8859-1"; save it as UTF-8/);
  });
  it('empty input and text that is not XML', () => {
    expect(parseError('')).toMatch(/not well-formed XML/);
    expect(parseError('just some text')).toMatch(/not well-formed XML/);
  });
  it('a unit without id, without segment, a segment without source', () => {
    expect(parseError(XLIFF2('<unit>\n<segment><source>ن</source></segment>\n</unit>'))).toMatch(/<unit> on line 4: attribute id is required on <unit>/);
    expect(parseError(XLIFF2('<unit id="u">\n</unit>'))).toMatch(/<unit> on line 4: unit "u" needs at least one <segment> \(rule unit-segment\)/);
    expect(parseError(XLIFF2('<unit id="u">\n<segment><target>x</target></segment>\n</unit>'))).toMatch(/<segment> on line 5: <segment> holds one <source> and an optional <target>/);
  });
  it('a language that is not a language tag, and a 1.2 file without source-language', () => {
    expect(parseError(XLIFF2('<unit id="u"><segment><source>ن</source></segment></unit>', 'srcLang="Arabic!"'))).toMatch(/srcLang="Arabic!" is not a well-formed BCP 47 language tag \(rule srcLang-bcp47\)/);
    expect(
      parseError('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n<file original="a" datatype="plaintext"><body/></file></xliff>'),
    ).toMatch(/<file> on line 2: source-language is missing/);
  });
  it('bad inline content', () => {
    expect(parseError(XLIFF2('<unit id="u">\n<segment><source>a<cp hex="zz"/></source></segment>\n</unit>'))).toMatch(/<cp> on line 5: hex="zz"/);
    expect(parseError(XLIFF2('<unit id="u">\n<segment><source>a<b>x</b></source></segment>\n</unit>'))).toMatch(/<b> on line 5: <b> is not an inline element/);
    expect(parseError(XLIFF2('<unit id="u">\n<segment><source>a<ph/></source></segment>\n</unit>'))).toMatch(/<ph> on line 5: attribute id is required on <ph>/);
  });
  it('entities other than XML\'s own are not expanded', () => {
    const doctype = '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY big "xxxxxxxx">]>\n';
    expect(parseError(`${doctype}<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar"><file id="f"><unit id="u"><segment><source>&big;</source></segment></unit></file></xliff>`)).toMatch(
      /line 3.*undefined entity/,
    );
  });
});

describe('parseXliff accepts what the standards allow', () => {
  it('a byte-order mark, XLIFF 2.2, prefixed core elements, groups and a unit id repeated in another <file>', () => {
    const text =
      '\uFEFF<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.2" version="2.2" srcLang="ar-SA">' +
      '<x:file id="a"><x:group id="g"><x:unit id="1"><x:segment><x:source>أ</x:source></x:segment></x:unit></x:group></x:file>' +
      '<x:file id="b"><x:unit id="1"><x:segment><x:source>ب</x:source></x:segment></x:unit></x:file></x:xliff>';
    const file = parseXliff(text);
    expect(file).toMatchObject({ version: '2.2', srcLang: 'ar-SA', trgLang: null });
    expect(file.units.map((u) => [u.id, u.file])).toEqual([
      ['1', 0],
      ['1', 1],
    ]);
    const { doc } = createDocumentFromXliffFile(file, {}, { now: '2025-05-10T12:00:00.000Z', user: null, newId: counterIds(), slug: 's' });
    expect(doc.targetLang).toBe('en');
    expect(doc.rows.every((r) => r.xliff?.unitId === undefined)).toBe(true);
  });

  it('keeps codes the editor cannot show, and turns formatting codes into bold and italic', () => {
    const file = parseXliff(
      XLIFF2(
        '<unit id="u"><segment state="translated"><source>a <pc id="1" type="fmt" subType="xlf:i">b</pc></source>' +
          '<target>A <pc id="1" type="fmt" subType="xlf:i">B</pc><ph id="2" type="fmt" subType="xlf:lb"/>C</target></segment></unit>',
      ),
    );
    const { doc } = createDocumentFromXliffFile(file, {}, { now: '2025-05-10T12:00:00.000Z', user: null, newId: counterIds(), slug: 's' });
    expect(doc.rows[0]!.target).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A ' }, { type: 'text', text: 'B', marks: [{ type: 'italic' }] }, { type: 'hard_break' }, { type: 'text', text: 'C' }] }],
    });
    expect(hasCodes(file.units[0]!.source)).toBe(true);
    expect(doc.rows[0]!.xliff?.source).toBe('a <pc id="1" type="fmt" subType="xlf:i">b</pc>');
  });

  it('skips units without source text and refuses a file with none', () => {
    const file = parseXliff(XLIFF2('<unit id="u1"><segment><source><ph id="1"/></source></segment></unit><unit id="u2"><segment><source>نص</source></segment></unit>'));
    const { doc, skipped } = createDocumentFromXliffFile(file, {}, { now: '2025-05-10T12:00:00.000Z', user: null, newId: counterIds(), slug: 's' });
    expect(doc.rows).toHaveLength(1);
    expect(skipped).toEqual([{ id: 'u1', line: 4, reason: 'its source has no text' }]);
    const empty = parseXliff(XLIFF2('<unit id="u1"><segment><source> </source></segment></unit>'));
    expect(() => createDocumentFromXliffFile(empty, {}, { now: '2025-05-10T12:00:00.000Z', user: null, newId: counterIds(), slug: 's' })).toThrow(
      /no unit has source text/,
    );
  });
});

describe('source-only files', () => {
  const ctx = { now: '2025-05-10T12:00:00.000Z', user: null, newId: counterIds(), slug: 's' };
  it('take the target language asked for, in XLIFF 1.2 and 2.0, English by default', () => {
    const v12 = parseXliff(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="app.properties" source-language="ar" datatype="javaproperties"><body><trans-unit id="k1"><source>مرحبا</source></trans-unit></body></file></xliff>',
    );
    expect(v12.trgLang).toBeNull();
    expect(createDocumentFromXliffFile(v12, { targetLang: 'de-CH' }, ctx).doc.targetLang).toBe('de-CH');
    const v20 = parseXliff('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar"><file id="ngi18n"><unit id="greeting"><segment><source>مرحبا</source></segment></unit></file></xliff>');
    expect(createDocumentFromXliffFile(v20, {}, ctx).doc.targetLang).toBe('en');
    // The file's own target language wins over the form's.
    const withTarget = parseXliff('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="fr"><file id="f"><unit id="u"><segment><source>مرحبا</source></segment></unit></file></xliff>');
    expect(createDocumentFromXliffFile(withTarget, { targetLang: 'de' }, ctx).doc.targetLang).toBe('fr');
  });
  it('in English need another language, and a valid file with no units says so', () => {
    const english = parseXliff('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US"><file id="f"><unit id="u"><segment><source>Hello</source></segment></unit></file></xliff>');
    expect(() => createDocumentFromXliffFile(english, {}, ctx)).toThrow(/names no target language .* source is en-US: choose the language of the translation \(targetLang\)/);
    expect(createDocumentFromXliffFile(english, { targetLang: 'ar' }, ctx).doc).toMatchObject({ sourceLang: 'en-US', targetLang: 'ar' });
    expect(parseError('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar"><file id="f"><group id="g"/></file></xliff>')).toMatch(
      /<xliff> on line 1: the file is valid XLIFF 2\.0 but holds no units \(<unit>\), so there is nothing to translate/,
    );
    expect(parseError('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="ar" datatype="plaintext"><body/></file></xliff>')).toMatch(
      /valid XLIFF 1\.2 but holds no units \(<trans-unit>\)/,
    );
  });
});
