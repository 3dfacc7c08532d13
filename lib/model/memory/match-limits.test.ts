import { describe, expect, it } from 'vitest';
import { findMatches } from './match';
import type { MemoryEntry } from './schema';

const AT = '2025-05-12T09:00:00.000Z';

describe('memory lookups of long texts', () => {
  const vocab = Array.from({ length: 2000 }, (_, i) => `ك${i.toString(36)}`);
  const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => vocab[(i * 7919 + seed * 104729) % vocab.length]!);
  const entry = (id: string, source: string): MemoryEntry => ({ id, sourceLang: 'ar', targetLang: 'en', source, target: 'x', origin: {}, updatedAt: AT, updatedBy: null });

  it('match a 20,000-word text on its first words, never at 100% unless the texts are the same', () => {
    const text = words(20_000, 1);
    const entries = [entry('aaaaaaaaa1', text.join(' ')), entry('aaaaaaaaa2', [...text.slice(0, 19_000), ...words(1000, 2)].join(' '))];
    const [same, prefix] = findMatches(text.join(' '), entries);
    expect(same).toMatchObject({ score: 1, entry: { id: 'aaaaaaaaa1' } });
    expect(prefix).toMatchObject({ score: 0.99, entry: { id: 'aaaaaaaaa2' } });
    // The difference covers the whole match, marked as far as it was compared.
    expect(prefix!.diff.filter((d) => d.kind !== 'added').map((d) => d.text).join('')).toBe(entries[1]!.source);
  });
});
