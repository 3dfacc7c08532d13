import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { targetFromText } from './target';
import { countWordChanges, getTargetWordDiff, getWordDiff, hasWordChanges, type WordDiffPart } from './word-diff';

const side = (parts: WordDiffPart[], kind: 'added' | 'removed') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === kind)
    .map((p) => p.text)
    .join('');

describe('getWordDiff', () => {
  it('marks whole words inserted and deleted', () => {
    expect(getWordDiff('Putin received Haftar', 'Putin met Haftar')).toEqual([
      { kind: 'same', text: 'Putin ' },
      { kind: 'removed', text: 'received' },
      { kind: 'added', text: 'met' },
      { kind: 'same', text: ' Haftar' },
    ]);
  });

  it('gives one part for equal texts and none for two empty ones', () => {
    expect(getWordDiff('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
    expect(getWordDiff('', '')).toEqual([]);
    expect(getWordDiff('', 'new words')).toEqual([{ kind: 'added', text: 'new words' }]);
  });

  it('keeps Arabic words whole', () => {
    const parts = getWordDiff('استقبل بوتين حفتر', 'استقبل الرئيس بوتين حفتر');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['الرئيس']);
  });

  it('rebuilds both texts from its parts, and joins parts of one kind', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'word', 'كلمة', ' ', '  ', '\n\n', ',', '.'), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = getWordDiff(before, after);
        expect(side(parts, 'removed')).toBe(before);
        expect(side(parts, 'added')).toBe(after);
        parts.forEach((p, i) => {
          expect(p.text).not.toBe('');
          if (i) expect(parts[i - 1]!.kind).not.toBe(p.kind);
        });
      }),
    );
  });
});

describe('word changes', () => {
  it('diffs translations paragraph by paragraph and counts words', () => {
    const parts = getTargetWordDiff(targetFromText(['One two.', 'Three.']), targetFromText(['One two three.', 'Three.']));
    expect(side(parts, 'added')).toBe('One two three.\n\nThree.');
    expect(countWordChanges(parts)).toEqual({ added: 1, removed: 0 });
    expect(hasWordChanges(parts)).toBe(true);
    expect(hasWordChanges(getWordDiff('a b', 'a  b'))).toBe(false);
  });
});
