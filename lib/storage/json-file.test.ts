import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJsonPieces, toPrettyJson } from './json-file';

describe('prettyJsonPieces', () => {
  it('gives exactly toPrettyJson’s text, in pieces', () => {
    const row = (i: number) => ({ id: `r${i}`, text: 'سطر\nثانٍ "مقتبس"', n: i, nested: { list: [1, [], {}], empty: {} }, gone: undefined });
    const doc = { schemaVersion: 1, title: 't', rows: Array.from({ length: 1201 }, (_, i) => row(i)), tail: [], end: null };
    const pieces = [...prettyJsonPieces(doc)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(toPrettyJson(doc));
    for (const value of [{}, [], 'x', 3, null, { a: undefined }, { a: Array.from({ length: 450 }, (_, i) => (i % 3 ? i : null)) }]) {
      expect([...prettyJsonPieces(value)].join('')).toBe(toPrettyJson(value));
    }
  });

  it('agrees with toPrettyJson on any JSON value, large arrays included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 190, maxLength: 450 }))), (value) => {
        expect([...prettyJsonPieces(value)].join('')).toBe(toPrettyJson(value));
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
