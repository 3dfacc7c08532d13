/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads its fixtures from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterIds, expectModelError } from './test-support';
import { emptyMemory, upsertEntries, type MemoryEntryInput } from './memory';
import { exportTmx, parseTmx } from './tmx';

function fixture(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, 'fixtures', 'tmx', name), 'utf8');
}

const AR_EN = { sourceLang: 'ar', targetLang: 'en' };
const NOW = '2026-05-10T09:00:00.000Z';

function entriesOf(inputs: MemoryEntryInput[]) {
  return upsertEntries(emptyMemory(), inputs, { now: NOW, user: 'layla', newId: counterIds('m') }).memory.entries;
}

describe('exportTmx', () => {
  const entries = entriesOf([
    { ...AR_EN, source: 'بوتين يستقبل الجنرال حفتر في الكرملين', target: 'Putin Receives General Haftar in the Kremlin', origin: { slug: 'putin-receives-haftar', rowId: 'ts4wa0cwop' } },
    { ...AR_EN, source: 'الاتفاقيات التركية الإيطالية <وتداعياتها> & "أكثر"', target: 'Turkish–Italian <Agreements> & "more"', origin: {} },
  ]);

  it('writes TMX 1.4b with the header, one <tu> per entry, and escapes text', () => {
    const xml = exportTmx(entries, { now: NOW });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<tmx version="1.4">/);
    expect(xml).toContain(
      '<header creationtool="bilingual-editor" creationtoolversion="1" datatype="plaintext" segtype="paragraph" adminlang="en" srclang="ar" o-tmf="bilingual-editor-json" creationdate="20260510T090000Z"/>',
    );
    expect(xml).toContain('<tu tuid="m000000000" changedate="20260510T090000Z" changeid="layla">');
    expect(xml).toContain('<prop type="x-origin">putin-receives-haftar#ts4wa0cwop</prop>');
    expect(xml).toContain('<tuv xml:lang="ar"><seg>بوتين يستقبل الجنرال حفتر في الكرملين</seg></tuv>');
    expect(xml).toContain('<seg>Turkish–Italian &lt;Agreements&gt; &amp; "more"</seg>');
    expect(xml.match(/<tu /g)).toHaveLength(2);
  });

  it('reads back what it wrote', () => {
    const parsed = parseTmx(exportTmx(entries, { now: NOW }), AR_EN);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.entries.map((e) => [e.source, e.target])).toEqual(entries.map((e) => [e.source, e.target]));
    // The row an entry came from rides in a <prop>, so importing an export changes nothing.
    expect(parsed.entries.map((e) => e.origin)).toEqual([{ slug: 'putin-receives-haftar', rowId: 'ts4wa0cwop' }, {}]);
    const again = upsertEntries({ schemaVersion: 1, entries }, parsed.entries, { now: '2027-01-01T00:00:00.000Z', user: 'omar', newId: counterIds('n') });
    expect(again).toMatchObject({ added: 0, replaced: 0, unchanged: 2, changed: false });
  });

  it('round-trips any text (property)', () => {
    // eslint-disable-next-line no-control-regex -- characters XML cannot hold are not text to round-trip
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() !== '' && !/[\u0000-\u001f\ud800-\udfff\ufffe\uffff]/.test(t));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(text, text), { minLength: 1, maxLength: 5, selector: ([s]) => s.trim().replace(/\s+/g, ' ') }), (pairs) => {
        const inputs = pairs.map(([s, t]) => ({ ...AR_EN, source: s.replace(/[ \t]+/g, ' '), target: t.replace(/[ \t]+/g, ' '), origin: {} }));
        let list;
        try {
          list = entriesOf(inputs);
        } catch {
          return; // two sources that fold alike: not this property's business
        }
        const back = parseTmx(exportTmx(list, { now: NOW }), AR_EN).entries;
        expect(back.map((e) => [e.source, e.target])).toEqual(list.map((e) => [e.source, e.target]));
      }),
    );
  });
});

describe('parseTmx, files from other tools', () => {
  it('reads an OmegaT project memory: TMX 1.1 lang attributes, upper-case tags, comments and props', () => {
    const parsed = parseTmx(fixture('omegat-project.tmx'), AR_EN);
    expect(parsed.units).toBe(4);
    expect(parsed.entries).toEqual([
      { ...AR_EN, source: 'لقاء مع وزير الدفاع الروسي', target: 'A Meeting with the Russian Defence Minister', origin: {} },
      { ...AR_EN, source: 'الزيارة في سياق التوازنات الإقليمية والدولية', target: 'The Visit in the Context of Regional and International Balances', origin: {} },
      { ...AR_EN, source: 'الاتفاقيات التركية الإيطالية وتداعياتها', target: 'The Turkish–Italian Agreements & Their Consequences', origin: {} },
    ]);
    expect(parsed.skipped).toEqual([
      { line: 34, reason: 'missing-language', message: '<tu> on line 34: needs a <tuv> in ar and one in en; it has AR-EG' },
    ]);
  });

  it('reads a Trados-like export: header props, notes, inline codes dropped and <hi> kept, regional tags', () => {
    const parsed = parseTmx(fixture('trados-export.tmx'), AR_EN);
    expect(parsed.entries.map((e) => [e.source, e.target])).toEqual([
      [
        'وأكدت وكالة ريا نوفوستي أن الرئيس التقى بالقائد العام للجيش الوطني الليبي',
        'The RIA Novosti news agency confirmed that the president met the commander of the Libyan National Army',
      ],
      ['برامج تدريبية وتسليحية لدعم القوات الأمنية التابعة للحكومة في طرابلس', "Training and arms programmes to support the government's security forces in Tripoli"],
    ]);
    expect(parsed.entries.every((e) => e.sourceLang === 'ar' && e.targetLang === 'en')).toBe(true);
    expect(parsed.skipped.map((s) => [s.tuid, s.reason])).toEqual([
      ['42', 'missing-language'],
      ['43', 'empty'],
    ]);
    expect(parsed.skipped[0]!.message).toBe('<tu> on line 31 (tuid "42"): needs a <tuv> in ar and one in en; it has en-US');
  });

  it('takes the other pair of a multilingual file when asked', () => {
    const parsed = parseTmx(fixture('trados-export.tmx'), { sourceLang: 'ar', targetLang: 'fr' });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.target).toMatch(/^Des programmes/);
  });

  it('keeps the later of two units with the same source, reporting the earlier', () => {
    const xml = `<tmx version="1.4"><header srclang="ar"/><body>
<tu><tuv xml:lang="ar"><seg>لقاء مع وزير الدفاع</seg></tuv><tuv xml:lang="en"><seg>old</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>لقاءٌ مع وزير الدفاع</seg></tuv><tuv xml:lang="en"><seg>new</seg></tuv></tu>
</body></tmx>`;
    const parsed = parseTmx(xml, AR_EN);
    expect(parsed.entries.map((e) => e.target)).toEqual(['new']);
    expect(parsed.skipped).toEqual([{ line: 2, reason: 'duplicate', message: '<tu> on line 2: the same source comes again in <tu> on line 3, which is kept' }]);
  });

  it('accepts an empty body', () => {
    expect(parseTmx('<tmx version="1.4"><header/><body/></tmx>', AR_EN)).toEqual({ entries: [], skipped: [], units: 0 });
  });
});

describe('parseTmx, bad files', () => {
  it('names the line of XML that is not well-formed', () => {
    const e = expectModelError(() => parseTmx(fixture('not-well-formed.tmx'), AR_EN), 'invalid');
    expect(e.message).toMatch(/^TMX is not well-formed XML: line 8, column \d+: /);
  });

  it('refuses a file without <body>', () => {
    const e = expectModelError(() => parseTmx(fixture('no-body.tmx'), AR_EN), 'invalid');
    expect(e.message).toBe('TMX: <tmx> on line 2: has no <body>: the file holds no translation units');
  });

  it('refuses a file whose units are all in other languages', () => {
    const e = expectModelError(() => parseTmx(fixture('french-german.tmx'), AR_EN), 'invalid');
    expect(e.message).toBe("TMX: <body> on line 4: none of its 2 <tu> has both ar and en; the file's languages are fr, de");
  });

  it('refuses other XML, other versions, and other encodings', () => {
    expect(expectModelError(() => parseTmx('<xliff version="2.0"/>', AR_EN), 'invalid').message).toBe(
      'TMX: <xliff> on line 1: the root element is <xliff>, not <tmx>: this is not a TMX file',
    );
    expect(expectModelError(() => parseTmx('<tmx version="2.0"><body/></tmx>', AR_EN), 'invalid').message).toContain('version="2.0"');
    expect(expectModelError(() => parseTmx('<?xml version="1.0" encoding="UTF-16"?><tmx/>', AR_EN), 'invalid').message).toMatch(/^TMX: the file declares encoding/);
    expect(expectModelError(() => parseTmx('just text', AR_EN), 'invalid').message).toMatch(/^TMX is not well-formed XML/);
  });

  it('never expands entities beyond XML’s own', () => {
    const xml = '<!DOCTYPE tmx [<!ENTITY x "boom">]><tmx version="1.4"><body><tu><tuv xml:lang="ar"><seg>نص &x;</seg></tuv><tuv xml:lang="en"><seg>t</seg></tuv></tu></body></tmx>';
    expectModelError(() => parseTmx(xml, AR_EN), 'invalid');
  });
});
