/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads its fixtures from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Note } from '../notes';
import { DOCUMENT_SCHEMA_VERSION, ROW_STATUSES, type BilingualDocument, type Row, type RowStatus, type SourceBlock, type TargetDoc } from '../schema';
import { emptyTarget, targetFromText } from '../target';
import { counterIds } from '../test-support';
import { parseDocument } from '../validate';
import { toXliff12, toXliff2 } from './export';
import { parseXliff } from './parse';
import { createDocumentFromXliffFile } from './rows';
import { checkXliff2Core } from './xliff2-rules.test-support';

const NOW = '2025-05-10T12:00:00.000Z';
const SEED = path.resolve(import.meta.dirname, '../../../content/documents/putin-receives-haftar/document.json');

function fixture(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, 'fixtures', name), 'utf8');
}

function reimport(xml: string): BilingualDocument {
  return createDocumentFromXliffFile(parseXliff(xml), {}, { now: NOW, user: null, newId: counterIds('z'), slug: 'again' }).doc;
}

/** What an import must give back: ids, statuses, source blocks and translations. */
function essence(doc: BilingualDocument) {
  return doc.rows.map((r) => ({ id: r.id, status: r.status, source: r.source, target: r.target, xliff: r.xliff }));
}

function row(id: string, status: RowStatus, source: SourceBlock[], target: TargetDoc): Row {
  return { id, rev: 1, status, source, target, updatedAt: NOW, updatedBy: null };
}

function documentOf(rows: Row[], extra: Partial<BilingualDocument> = {}): BilingualDocument {
  return { schemaVersion: DOCUMENT_SCHEMA_VERSION, slug: 'doc', title: 'عنوان', sourceLang: 'ar', targetLang: 'en', createdAt: NOW, updatedAt: NOW, rows, ...extra };
}

function importFixture(name: string): BilingualDocument {
  return createDocumentFromXliffFile(parseXliff(fixture(name)), {}, { now: NOW, user: null, newId: counterIds(), slug: 'imported' }).doc;
}

const seed = parseDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'seed');

describe('toXliff2', () => {
  it('writes the seed as valid XLIFF 2.0 core: languages, directions, one unit per row with its id, states', () => {
    const xml = toXliff2(seed, []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"');
    expect(xml).toMatch(/version="2\.0" srcLang="ar" trgLang="en">/);
    expect(xml).toMatch(/<file id="putin-receives-haftar" original="putin-receives-haftar" srcDir="rtl" trgDir="ltr">/);
    const units = [...xml.matchAll(/<unit id="([^"]+)">/g)].map((m) => m[1]);
    expect(units).toEqual(seed.rows.map((r) => r.id));
    expect(xml.match(/<segment /g)).toHaveLength(seed.rows.length);
    const states = [...xml.matchAll(/<segment state="([^"]+)"/g)].map((m) => m[1]);
    expect(states).toEqual(seed.rows.map((r) => (r.status === 'translated' ? 'translated' : 'initial')));
    // Untranslated rows have no <target>.
    expect(xml.match(/<target/g)).toHaveLength(seed.rows.filter((r) => r.status !== 'untranslated').length);
  });

  it('round-trips the seed: identical rows, statuses, block kinds and title', () => {
    const again = reimport(toXliff2(seed, []));
    expect(essence(again)).toEqual(essence(seed));
    expect(again.title).toBe(seed.title);
    expect([again.sourceLang, again.targetLang]).toEqual(['ar', 'en']);
  });

  it('says where a draft came from in the Metadata module, which an import back ignores', () => {
    const origin = { kind: 'mt' as const, provider: 'deepl', model: 'quality_optimized', runId: 'run0000001', rev: 2, at: NOW, by: 'omar', text: 'Hello' };
    const doc = documentOf([
      { ...row('aaaaaaaaaa', 'draft', [{ kind: 'paragraph', text: 'مرحبا' }], targetFromText(['Hello'])), origin },
      { ...row('bbbbbbbbbb', 'translated', [{ kind: 'heading', text: 'عنوان', level: 2 }], targetFromText(['A heading'])), origin: { kind: 'memory', score: 0.876, rev: 2, at: NOW, by: null, text: 'Heading', postEdit: { distance: 1, draftWords: 1, finalWords: 2, at: NOW } } },
    ]);
    const xml = toXliff2(doc, []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain(
      '<mda:metaGroup category="bilingual:draft-origin" appliesTo="target">\n' +
        '          <mda:meta type="origin">mt</mda:meta>\n          <mda:meta type="provider">deepl</mda:meta>\n' +
        '          <mda:meta type="model">quality_optimized</mda:meta>\n          <mda:meta type="run">run0000001</mda:meta>\n',
    );
    expect(xml).toContain('<mda:meta type="score">87</mda:meta>');
    expect(xml).toContain('<mda:meta type="post-edit-distance">1</mda:meta>');
    expect(xml.match(/<mda:metadata>/g)).toHaveLength(3);
    expect(essence(reimport(xml)).map((r) => r.source)).toEqual(doc.rows.map((r) => r.source));
  });

  it('reads the draft origins it wrote back: kind, score, provider and model', () => {
    const at = { rev: 2, at: NOW, by: null };
    const origins = [
      { kind: 'mt' as const, provider: 'libretranslate', ...at, text: 'Hello' },
      { kind: 'mt' as const, provider: 'openai', model: 'qwen2.5:7b', ...at, text: 'Hello' },
      { kind: 'memory' as const, score: 0.87, ...at, text: 'Hello' },
      { kind: 'memory' as const, score: 1, ...at, text: 'Hello' },
      { kind: 'typed' as const, ...at },
      { kind: 'repetition' as const, fromRowId: 'aaaaaaaaaa', ...at, text: 'Hello' },
    ];
    const doc = documentOf([
      ...origins.map((origin, i) => ({ ...row(`origin000${i}`, 'draft', [{ kind: 'paragraph', text: 'مرحبا' }], targetFromText(['Hello'])), origin })),
      row('noorigin00', 'untranslated', [{ kind: 'paragraph', text: 'بلا' }], emptyTarget()),
    ]);
    expect(parseXliff(toXliff2(doc, [])).units.map((u) => u.origin)).toEqual([
        { kind: 'mt', provider: 'libretranslate' },
        { kind: 'mt', provider: 'openai', model: 'qwen2.5:7b' },
        { kind: 'memory', score: 0.87 },
        { kind: 'memory', score: 1 },
        { kind: 'typed' },
      { kind: 'repetition' },
      undefined,
    ]);
  });

  it('carries all five statuses, bold, italic and line breaks, several blocks and paragraphs', () => {
    const doc = documentOf([
      row('aaaaaaaaa1', 'untranslated', [{ kind: 'title', text: 'العنوان' }], emptyTarget()),
      row('aaaaaaaaa2', 'draft', [{ kind: 'heading', text: 'قسم', level: 3 }], targetFromText(['Section'])),
      row('aaaaaaaaa3', 'translated', [{ kind: 'numbered', text: 'بند', number: '١.' }, { kind: 'numbered', text: 'بند ثان', number: '٢.' }], targetFromText(['Item', 'Second item'])),
      row('aaaaaaaaa4', 'needs-changes', [{ kind: 'bulleted', text: 'نقطة' }], {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A ' }, { type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'italic' }] }, { type: 'hard_break' }, { type: 'text', text: 'line <&> "q"' }] }],
      }),
      row('aaaaaaaaa5', 'approved', [{ kind: 'paragraph', text: 'فقرة  بمسافتين ' }], targetFromText(['  Indented'])),
      row('aaaaaaaaa6', 'untranslated', [{ kind: 'paragraph', text: 'أُعيدت' }], targetFromText(['Sent back to untranslated'])),
      row('aaaaaaaaa7', 'draft', [{ kind: 'paragraph', text: 'حرف\u0007تحكم' }], targetFromText(['Bell\u0007char'])),
    ]);
    const xml = toXliff2(doc, []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain('<segment state="reviewed" subState="bilingual:needs-changes">');
    expect(xml).toContain('<segment state="final">');
    expect(xml).toContain('<target>Bell<cp hex="0007"/>char</target>');
    expect(xml).toContain('<pc id="f1" type="fmt" subType="xlf:b"><pc id="f2" type="fmt" subType="xlf:i">bold</pc></pc>');
    expect(essence(reimport(xml))).toEqual(essence(doc));
  });

  it('writes the row\'s notes and replies as <notes>, before the segment', () => {
    const note: Note = {
      id: 'nnnnnnnnn1',
      rowId: seed.rows[1]!.id,
      side: 'source',
      quote: { exact: 'بوتين' },
      detached: false,
      body: 'Check the spelling of <names> & titles',
      author: 'reviewer',
      createdAt: NOW,
      updatedAt: NOW,
      status: 'open',
      visibility: 'internal',
      replies: [{ id: 'rrrrrrrrr1', body: 'Done.', author: 'translator', createdAt: NOW, updatedAt: NOW }],
    };
    const xml = toXliff2(seed, [note]);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain(
      `<note id="n-nnnnnnnnn1" appliesTo="source" category="internal" bn:author="reviewer" bn:status="open" bn:quote="بوتين" bn:created="${NOW}">Check the spelling of &lt;names&gt; &amp; titles</note>`,
    );
    expect(xml).toContain('category="reply" bn:author="translator" bn:replyTo="n-nnnnnnnnn1"');
    const unit = parseXliff(xml).units[1]!;
    expect(unit.notes.map((n) => n.text)).toEqual(['Check the spelling of <names> & titles', 'Done.']);
  });

  it('round-trips any document (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9ءاأبتثجحخدذرزسشصضطظعغفقكلمنهوي٠-٩&<>"'.,؛؟«»:-]{1,12}$/);
    const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const block = fc.oneof(
      text.map((t): SourceBlock => ({ kind: 'paragraph', text: t })),
      text.map((t): SourceBlock => ({ kind: 'title', text: t })),
      fc.tuple(text, fc.integer({ min: 1, max: 6 })).map(([t, level]): SourceBlock => ({ kind: 'heading', text: t, level })),
      fc.tuple(text, fc.constantFrom('1.', '٢.', '10)')).map(([t, number]): SourceBlock => ({ kind: 'numbered', text: t, number })),
      text.map((t): SourceBlock => ({ kind: 'bulleted', text: t })),
    );
    const marks = fc.constantFrom(undefined, [{ type: 'bold' as const }], [{ type: 'italic' as const }], [{ type: 'bold' as const }, { type: 'italic' as const }]);
    const paragraph = fc.array(fc.tuple(text, marks), { minLength: 1, maxLength: 3 }).chain((runs) =>
      fc.array(fc.boolean(), { minLength: runs.length, maxLength: runs.length }).map((breaks) => ({
        type: 'paragraph' as const,
        content: runs.flatMap(([t, m], i) => [
          ...(i > 0 && breaks[i] ? [{ type: 'hard_break' as const }] : []),
          // Separate runs by a space so that neighbours with equal marks are still two words.
          { type: 'text' as const, text: i > 0 && !breaks[i] ? ` ${t}` : t, ...(m && { marks: m }) },
        ]),
      })),
    );
    const rowArb = fc
      .tuple(fc.array(block, { minLength: 1, maxLength: 3 }), fc.array(paragraph, { maxLength: 3 }), fc.constantFrom(...ROW_STATUSES))
      .map(([source, paragraphs, status]) => ({ source, target: paragraphs.length ? ({ type: 'doc', content: paragraphs } as TargetDoc) : emptyTarget(), status }));
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 5 }), (rows) => {
        const ids = counterIds('p');
        const doc = documentOf(rows.map((r) => row(ids(), r.target.content.length > 1 || r.target.content[0]!.content ? r.status : 'untranslated', r.source, normalize(r.target))));
        const xml = toXliff2(doc, []);
        expect(checkXliff2Core(xml)).toEqual([]);
        expect(essence(reimport(xml))).toEqual(essence(doc));
      }),
      { numRuns: 150 },
    );
    // Each run parses and validates every generated file whole; a busy machine needs more than the default.
  }, 30_000);
});

/** Merges neighbouring text nodes with the same marks, as ProseMirror stores them. */
function normalize(target: TargetDoc): TargetDoc {
  return {
    type: 'doc',
    content: target.content.map((p) => {
      const out: NonNullable<typeof p.content> = [];
      for (const n of p.content ?? []) {
        const last = out[out.length - 1];
        if (n.type === 'text' && last?.type === 'text' && JSON.stringify(last.marks) === JSON.stringify(n.marks)) out[out.length - 1] = { ...last, text: last.text + n.text };
        else out.push(n);
      }
      return p.content ? { ...p, content: out } : p;
    }),
  };
}

describe('inline codes survive an import and export', () => {
  it('XLIFF 2.0 from Okapi: <pc>, <ph>, <mrk> and original data come back, valid', () => {
    const doc = importFixture('okapi-2.0-ar-en.xlf');
    const xml = toXliff2(doc, []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain('<unit id="tu1">');
    expect(xml).toContain('<source>زيارة إلى <pc id="1" dataRefStart="d1" dataRefEnd="d2" type="link">الكرملين</pc><ph id="2" dataRef="d3" type="fmt" subType="xlf:lb"/></source>');
    expect(xml).toContain('<data id="d1">&lt;a href="https://kremlin.ru"&gt;</data>');
    expect(xml).toContain('<target>The <mrk id="m1" type="term" ref="#t1">spokesman</mrk> said the meeting was <pc id="3" type="fmt" subType="xlf:b">fruitful</pc>.</target>');
    expect(essence(reimport(xml)).map(({ status, source, target }) => ({ status, source, target }))).toEqual(
      essence(doc).map(({ status, source, target }) => ({ status, source, target })),
    );
  });

  it('XLIFF 2.1 from MateCat: <sc/>/<ec/> come back', () => {
    const xml = toXliff2(importFixture('matecat-2.1-ar-en.xlf'), []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain('<target>The delegation arrived <sc id="1" type="fmt" subType="xlf:i"/>on Saturday morning<ec startRef="1"/>.</target>');
    expect(xml).toContain('<unit id="2">');
  });

  it('XLIFF 1.2 from Trados: <g>, <x/>, <bpt>/<ept> and <mrk> come back in a 1.2 export, and as XLIFF 2 codes in 2.0', () => {
    const doc = importFixture('trados-1.2-ar-en.xlf');
    const v12 = toXliff12(doc, []);
    expect(v12).toContain('<source>بوتين يستقبل حفتر في <g id="1" ctype="bold">الكرملين</g></source>');
    expect(v12).toContain('<target state="translated">Putin receives Haftar at the <g id="1" ctype="bold">Kremlin</g></target>');
    expect(v12).toContain('حفتر<x id="2" equiv-text="[1]"/> يوم');
    expect(v12).toContain('<bpt id="3">&lt;i&gt;</bpt>dialogue<ept id="3">&lt;/i&gt;</ept>');
    expect(v12).toContain('<mrk mtype="protected" mid="1">وكالة الأنباء الروسية</mrk>');
    expect(v12).toContain('<trans-unit id="tu-3" approved="yes">');
    const again = createDocumentFromXliffFile(parseXliff(v12), {}, { now: NOW, user: null, newId: counterIds(), slug: 'x' }).doc;
    expect(essence(again)).toEqual(essence(doc));

    const v2 = toXliff2(doc, []);
    expect(checkXliff2Core(v2)).toEqual([]);
    expect(v2).toContain('<pc id="1" type="fmt" subType="xlf:b">Kremlin</pc>');
    expect(v2).toContain('<ph id="2" equiv="[1]"/>');
    expect(v2).toContain('<sc id="3" dataRef="d1"/>dialogue<ec startRef="3" dataRef="d2"/>');
  });

  it('exports the edited text once the translator changed the target; the source keeps its codes', () => {
    const doc = importFixture('okapi-2.0-ar-en.xlf');
    const edited = { ...doc, rows: doc.rows.map((r, i) => (i === 2 ? { ...r, target: targetFromText(['The spokesman called the meeting productive.']) } : r)) };
    const xml = toXliff2(edited, []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain('<target>The spokesman called the meeting productive.</target>');
    expect(xml).toContain('<source>قال <mrk id="m1" type="term" ref="#t1">المتحدث</mrk> إن اللقاء كان <pc id="3" type="fmt" subType="xlf:b">مثمرا</pc>.</source>');
    // Data the target no longer uses stays, as long as the source points at it.
    const first = { ...doc, rows: doc.rows.map((r, i) => (i === 0 ? { ...r, target: targetFromText(['A new title']) } : r)) };
    const xml1 = toXliff2(first, []);
    expect(checkXliff2Core(xml1)).toEqual([]);
    expect(xml1).toContain('<data id="d3">&lt;br/&gt;</data>');
  });

  it('falls back to the row\'s text when the source changed (a split or merge) or the kept markup is broken', () => {
    const doc = importFixture('okapi-2.0-ar-en.xlf');
    const merged = { ...doc, rows: [{ ...doc.rows[0]!, source: [...doc.rows[0]!.source, ...doc.rows[1]!.source] }, ...doc.rows.slice(2)] };
    const xml = toXliff2(merged, []);
    expect(checkXliff2Core(xml)).toEqual([]);
    expect(xml).toContain('<source xml:space="preserve">زيارة إلى الكرملين\n\nالتقى الرئيسان في موسكو. وناقشا الوضع في ليبيا.</source>');
    expect(xml).not.toContain('<originalData>');
    const broken = { ...doc, rows: doc.rows.map((r, i) => (i === 2 ? { ...r, xliff: { ...r.xliff, source: '<pc id="3">unclosed', target: '<b>x</b>' } } : r)) };
    const xml2 = toXliff2(broken, []);
    expect(checkXliff2Core(xml2)).toEqual([]);
    expect(xml2).toContain('<source>قال المتحدث إن اللقاء كان مثمرا.</source>');
  });

  it('keeps a unit id only while no other row has it', () => {
    const a = row('aaaaaaaaa1', 'draft', [{ kind: 'paragraph', text: 'أ' }], targetFromText(['A']));
    const b = row('bbbbbbbbb1', 'draft', [{ kind: 'paragraph', text: 'ب' }], targetFromText(['B']));
    const xml = toXliff2(documentOf([{ ...a, xliff: { unitId: 'tu 1' } }, { ...b, xliff: { unitId: 'aaaaaaaaa1' } }]), []);
    expect([...xml.matchAll(/<unit id="([^"]+)">/g)].map((m) => m[1])).toEqual(['aaaaaaaaa1', 'bbbbbbbbb1']);
  });
});

describe('toXliff12', () => {
  it('writes the seed as XLIFF 1.2 that imports back with the same rows and statuses', () => {
    const xml = toXliff12(seed, []);
    expect(xml).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">');
    expect(xml).toContain('source-language="ar" target-language="en"');
    const again = reimport(xml);
    expect(again.rows.map((r) => [r.id, r.status, r.target])).toEqual(seed.rows.map((r) => [r.id, r.status, r.target]));
    expect(again.rows.map((r) => r.source.map((b) => b.text))).toEqual(seed.rows.map((r) => r.source.map((b) => b.text)));
  });
});

describe('the XLIFF 2.0 core checker the exporter is held to', () => {
  const ok = toXliff2(documentOf([row('aaaaaaaaa1', 'translated', [{ kind: 'paragraph', text: 'نص' }], targetFromText(['Text']))]), []);

  it('passes a valid file and fails broken ones, one message per rule', () => {
    expect(checkXliff2Core(ok)).toEqual([]);
    const broken: [string, (xml: string) => string, RegExp][] = [
      ['no srcLang', (x) => x.replace(' srcLang="ar"', ''), /srcLang is required/],
      ['a wrong version', (x) => x.replace('version="2.0"', 'version="2.5"'), /version="2.5" is not/],
      ['a unit without id', (x) => x.replace('<unit id="aaaaaaaaa1">', '<unit>'), /attribute id is required/],
      ['an unknown state', (x) => x.replace('state="translated"', 'state="done"'), /state="done"/],
      ['a subState without state', (x) => x.replace('state="translated"', 'subState="a:b"'), /subState="a:b" needs state/],
      ['notes after the segment', (x) => x.replace('</segment>', '</segment><notes><note>n</note></notes>'), /out of order/],
      ['a dataRef to nothing', (x) => x.replace('<target>Text', '<target>Text<ph id="1" dataRef="d9"/>'), /names no <data>/],
      ['an <ec> without <sc>', (x) => x.replace('<target>Text', '<target>Text<ec startRef="1"/>'), /names no open <sc> earlier/],
      ['a non-core element in content', (x) => x.replace('<target>Text', '<target><b>Text</b>'), /not an inline element/],
      ['text in a unit', (x) => x.replace('<unit id="aaaaaaaaa1">', '<unit id="aaaaaaaaa1">stray'), /not text/],
      ['a target before the source', (x) => x.replace(/<source>(.*)<\/source>\n(\s*)<target>(.*)<\/target>/, '<target>$3</target>\n$2<source>$1</source>'), /in that order/],
    ];
    for (const [, change, message] of broken) expect(checkXliff2Core(change(ok)).join('\n')).toMatch(message);
  });
});
