import { describe, expect, it } from 'vitest';
import { mergeWithNext } from './alignment';
import { createDocumentFromText } from './create';
import { LIMITS } from './limits';
import { checkRow } from './qa';
import { applyRowPatch } from './row-edit';
import { getRowTextExcess } from './row-limits';
import type { Row } from './schema';
import { targetFromText } from './target';
import { counterIds, documentOf, expectModelError } from './test-support';

const AT = '2025-05-12T09:00:00.000Z';
const ctx = () => ({ now: AT, user: 'layla', newId: counterIds('r'), slug: 'draft' });
const row = (id: string, source: string, target = ''): Row => ({
  id,
  rev: 1,
  status: target ? 'draft' : 'untranslated',
  source: [{ kind: 'paragraph', text: source }],
  target: targetFromText(target ? [target] : []),
  updatedAt: AT,
  updatedBy: null,
});

describe('row limits', () => {
  it('measures characters first, then words', () => {
    expect(getRowTextExcess('ا'.repeat(LIMITS.rowChars))).toBeNull();
    expect(getRowTextExcess('ا'.repeat(LIMITS.rowChars + 1))).toEqual({ unit: 'characters', count: LIMITS.rowChars + 1, limit: LIMITS.rowChars });
    expect(getRowTextExcess('a '.repeat(LIMITS.rowWords))).toBeNull();
    expect(getRowTextExcess('a '.repeat(LIMITS.rowWords + 1))).toEqual({ unit: 'words', count: LIMITS.rowWords + 1, limit: LIMITS.rowWords });
  });

  it('refuses a save of a translation over the limits, naming it', () => {
    const doc = documentOf([row('aaaaaaaaaa', 'نص.')], { slug: 's', title: 't', at: AT });
    const error = expectModelError(
      () => applyRowPatch(doc, 'aaaaaaaaaa', { target: targetFromText(['a '.repeat(LIMITS.rowWords + 1)]), baseRev: 1 }, { now: AT, user: 'x' }),
      'too-large',
    );
    expect(error.message).toMatch(/the translation holds 4,001 words, and a row may hold at most 4,000/);
  });

  it('refuses a merge that would make a row over the limits', () => {
    const half = 'ب'.repeat(LIMITS.rowChars / 2 + 1);
    const doc = documentOf([row('aaaaaaaaaa', half), row('bbbbbbbbbb', half)], { slug: 's', title: 't', at: AT });
    expectModelError(() => mergeWithNext(doc, 'aaaaaaaaaa', { now: AT, user: 'x', newId: counterIds('n') }), 'too-large');
  });

  it('refuses an import with too many rows, or a row over the limits, before storing anything', () => {
    const many = Array.from({ length: LIMITS.importRows + 1 }, (_, i) => `سطر ${i}`).join('\n');
    expect(expectModelError(() => createDocumentFromText({ text: many }, ctx()), 'too-large').message).toMatch(/at most 10,000/);
    // Half a million one-letter lines stop as soon as they are known to be too many.
    expectModelError(() => createDocumentFromText({ text: 'ا\n'.repeat(500_000) }, ctx()), 'too-large');
    const long = `عنوان\n\n${'كلمة '.repeat(LIMITS.rowWords + 1)}`;
    expect(expectModelError(() => createDocumentFromText({ text: long }, ctx()), 'too-large').message).toMatch(/^row 2: the original holds/);
    expect(createDocumentFromText({ text: Array.from({ length: LIMITS.importRows }, (_, i) => `سطر ${i}`).join('\n') }, ctx()).rows).toHaveLength(LIMITS.importRows);
  });

  it('tells the translator before the server does', () => {
    const findings = checkRow({ source: [{ kind: 'paragraph', text: 'نص.' }], paragraphs: ['a'.repeat(LIMITS.rowChars + 1)], status: 'draft' });
    expect(findings[0]).toMatchObject({ check: 'too-long', severity: 'error', params: { unit: 'characters', limit: LIMITS.rowChars } });
  });
});
