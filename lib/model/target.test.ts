import { describe, expect, it } from 'vitest';
import { combineTargets, emptyTarget, getTargetText, isTargetEmpty, targetFromText } from './target';
import { targetDocSchema } from './schema';

describe('combineTargets', () => {
  it('puts the person’s paragraphs first, then the other version’s, marks and all', () => {
    const mine = targetFromText(['Putin received Haftar.', 'At the Kremlin.']);
    const theirs = {
      type: 'doc' as const,
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Putin met Haftar', marks: [{ type: 'bold' as const }] }] }],
    };
    const merged = combineTargets(mine, theirs);
    expect(merged.content).toHaveLength(3);
    expect(merged.content[2]).toEqual(theirs.content[0]);
    expect(getTargetText(merged)).toBe('Putin received Haftar.\n\nAt the Kremlin.\n\nPutin met Haftar');
    expect(() => targetDocSchema.parse(merged)).not.toThrow();
  });

  it('adds nothing for an empty side, and gives an empty translation when both are empty', () => {
    const theirs = targetFromText(['Moscow']);
    expect(combineTargets(emptyTarget(), theirs)).toEqual(theirs);
    expect(combineTargets(theirs, emptyTarget())).toEqual(theirs);
    expect(isTargetEmpty(combineTargets(emptyTarget(), emptyTarget()))).toBe(true);
    expect(() => targetDocSchema.parse(combineTargets(emptyTarget(), emptyTarget()))).not.toThrow();
  });
});
