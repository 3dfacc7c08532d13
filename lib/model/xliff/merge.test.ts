/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads the seed from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTargetText, targetFromText } from '../target';
import { counterIds } from '../test-support';
import { parseDocument } from '../validate';
import { toXliff2 } from './export';
import { applyXliffImport, countOutcomes, planXliffImport } from './merge';
import { parseXliff } from './parse';
import { createDocumentFromXliffFile } from './rows';

const NOW = '2025-05-11T09:00:00.000Z';
const SEED = path.resolve(import.meta.dirname, '../../../content/documents/putin-receives-haftar/document.json');
const seed = parseDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'seed');
const [r1, r2, r3] = seed.rows;
const untranslated = seed.rows.find((r) => r.status === 'untranslated')!;

/** The seed's export with a few edits, as a CAT tool would send it back. */
function editedExport(): string {
  let xml = toXliff2(seed, []);
  // A new translation for the first row, approved in the tool.
  xml = xml.replace(
    /(<unit id="ts4wa0cwop">[\s\S]*?<segment) state="translated">([\s\S]*?<target>)[^<]*(<\/target>)/,
    '$1 state="final">$2Putin Hosts Haftar in the Kremlin$3',
  );
  // An untranslated row translated in the tool, without a state.
  xml = xml.replace(
    new RegExp(`(<unit id="${untranslated.id}">[\\s\\S]*?)<segment state="initial">([\\s\\S]*?</source>)`),
    '$1<segment>$2\n        <target>First item</target>',
  );
  // A source someone changed in the tool.
  xml = xml.replace(/(<unit id="bayfj8cirf">[\s\S]*?<source>)في تطور/, '$1وفي تطور');
  // A unit the document never had.
  return xml.replace('</file>', '<unit id="zzzzzzzzzz"><segment><source>نص</source><target>Text</target></segment></unit>\n</file>');
}

describe('planXliffImport', () => {
  it('reports every unit: matched, unchanged, source changed, unknown; changes nothing', () => {
    const plan = planXliffImport(seed, parseXliff(editedExport()), 'editor');
    const byId = new Map(plan.units.map((u) => [u.id, u]));
    expect(byId.get(r1!.id)).toMatchObject({ status: 'match', rowId: r1!.id, rev: r1!.rev, rowStatus: 'approved', target: 'Putin Hosts Haftar in the Kremlin' });
    expect(byId.get(untranslated.id)).toMatchObject({ status: 'match', rowStatus: 'draft', target: 'First item' });
    expect(byId.get(r2!.id)).toMatchObject({ status: 'source-changed' });
    expect(byId.get(r3!.id)).toMatchObject({ status: 'unchanged' });
    expect(byId.get('zzzzzzzzzz')).toMatchObject({ status: 'unknown-unit', message: 'no row has the id "zzzzzzzzzz"' });
    expect(countOutcomes(plan.units)).toEqual({ match: 2, 'source-changed': 1, unchanged: 9, 'no-translation': 9, 'unknown-unit': 1 });
    expect([...plan.changes.keys()]).toEqual([r1!.id, untranslated.id]);
  });

  it('refuses statuses the role may not set, and files in other languages', () => {
    const translator = planXliffImport(seed, parseXliff(editedExport()), 'translator');
    expect(translator.units.find((u) => u.id === r1!.id)).toMatchObject({ status: 'status-not-allowed', message: 'a translator may not mark a row "approved"' });
    expect(translator.units.find((u) => u.id === untranslated.id)).toMatchObject({ status: 'match' });
    const french = editedExport().replace('trgLang="en"', 'trgLang="fr"');
    const plan = planXliffImport(seed, parseXliff(french), 'editor');
    expect(countOutcomes(plan.units)).toEqual({ 'wrong-language': 22 });
    expect(plan.units[0]!.message).toBe("the file's target language is fr, the document's en");
    // A region subtag is the same language.
    expect(countOutcomes(planXliffImport(seed, parseXliff(editedExport().replace('srcLang="ar"', 'srcLang="ar-SA"')), 'editor').units).match).toBe(2);
  });

  it('matches rows by the unit id an earlier import kept, with whitespace re-wrapped by the tool', () => {
    const xml = readFileSync(path.resolve(import.meta.dirname, 'fixtures/okapi-2.0-en-fr.xlf'), 'utf8');
    const { doc } = createDocumentFromXliffFile(parseXliff(xml), {}, { now: NOW, user: null, newId: counterIds(), slug: 'fr' });
    const back = xml.replace('<source>Thank you for reading.</source>', '<source>Thank you\n          for reading.</source>\n        <target>Merci de votre lecture.</target>');
    const plan = planXliffImport(doc, parseXliff(back), 'translator');
    expect(plan.units.map((u) => [u.id, u.status, u.rowId])).toEqual([
      ['u1', 'unchanged', doc.rows[0]!.id],
      ['u2', 'unchanged', doc.rows[1]!.id],
      ['u3', 'match', doc.rows[2]!.id],
    ]);
  });
});

describe('applyXliffImport', () => {
  it('applies the matched units: translation, status, revision, who and when', () => {
    const plan = planXliffImport(seed, parseXliff(editedExport()), 'editor');
    const { doc, units, applied } = applyXliffImport(seed, plan, { now: NOW, user: 'layla' });
    expect(applied.map((r) => r.id)).toEqual([r1!.id, untranslated.id]);
    const first = doc.rows[0]!;
    expect(first).toMatchObject({ status: 'approved', rev: r1!.rev + 1, updatedAt: NOW, updatedBy: 'layla' });
    expect(getTargetText(first.target)).toBe('Putin Hosts Haftar in the Kremlin');
    expect(doc.rows.find((r) => r.id === untranslated.id)).toMatchObject({ status: 'draft', target: targetFromText(['First item']) });
    expect(doc.rows[1]).toBe(seed.rows[1]);
    expect(units.filter((u) => u.status === 'applied')).toHaveLength(2);
    expect(doc.updatedAt).toBe(NOW);
  });

  it('applies only the confirmed units, and not a row changed since the preview', () => {
    const plan = planXliffImport(seed, parseXliff(editedExport()), 'editor');
    const selection = new Map([[r1!.id, r1!.rev + 5]]);
    const { doc, units, applied } = applyXliffImport(seed, plan, { now: NOW, user: 'layla' }, selection);
    expect(applied).toEqual([]);
    expect(doc).toBe(seed);
    expect(units.find((u) => u.id === r1!.id)).toMatchObject({ status: 'conflict' });
    expect(units.find((u) => u.id === untranslated.id)).toMatchObject({ status: 'not-selected' });
    const ok = applyXliffImport(seed, plan, { now: NOW, user: 'layla' }, new Map([[untranslated.id, untranslated.rev]]));
    expect(ok.applied.map((r) => r.id)).toEqual([untranslated.id]);
  });

  it('keeps the inline codes of the file on the rows it applies', () => {
    const xml = readFileSync(path.resolve(import.meta.dirname, 'fixtures/okapi-2.0-en-fr.xlf'), 'utf8');
    const { doc } = createDocumentFromXliffFile(parseXliff(xml), {}, { now: NOW, user: null, newId: counterIds(), slug: 'fr' });
    const back = xml.replace('pour continuer.</target>', 'afin de continuer.</target>');
    const { doc: next } = applyXliffImport(doc, planXliffImport(doc, parseXliff(back), 'editor'), { now: NOW, user: 'x' });
    expect(next.rows[1]!.xliff).toEqual({ unitId: 'u2', source: 'Click <ph id="2" disp="[link]"/> to continue.', target: 'Cliquez sur <ph id="2" disp="[link]"/> afin de continuer.' });
    expect(toXliff2(next, [])).toContain('<target>Cliquez sur <ph id="2" disp="[link]"/> afin de continuer.</target>');
  });
});

describe('round trip through another tool', () => {
  it('a file re-indented, with attributes reordered and states set, changes only what the tool changed', () => {
    const exported = toXliff2(seed, []);
    // What a CAT tool writes back: its own declaration and indentation, attributes in another order, single quotes.
    let other = exported
      .replace(/^<\?xml[^>]*\?>/, "<?xml version='1.0' encoding='utf-8'?>")
      .replace(/\n\s*/g, '\n\t\t')
      .replace(/<xliff ([^>]*)>/, (_, attrs: string) => `<xliff ${attrs.split(/\s+(?=\w[\w:]*=)/).reverse().join(' ')}>`)
      .replace(/<segment state="translated">/g, "<segment state='translated'>");
    // The one change the translator made in the tool.
    const edited = seed.rows.find((r) => r.status === 'translated')!;
    other = other.replace(new RegExp(`(<unit id="${edited.id}">[\\s\\S]*?<target>)[^<]*(</target>)`), '$1Edited in the other tool.$2');
    const plan = planXliffImport(seed, parseXliff(other), 'editor');
    const counts = countOutcomes(plan.units);
    expect(plan.units.filter((u) => u.status === 'match').map((u) => u.rowId)).toEqual([edited.id]);
    expect(counts.unchanged! + (counts['no-translation'] ?? 0) + 1).toBe(seed.rows.length);
    const { doc } = applyXliffImport(seed, plan, { now: NOW, user: 'editor' });
    for (const row of doc.rows) {
      const before = seed.rows.find((r) => r.id === row.id)!;
      if (row.id === edited.id) expect(getTargetText(row.target)).toBe('Edited in the other tool.');
      else expect(row).toEqual(before);
    }
  });
});
