import type { QaFinding } from './qa';

/**
 * Params that say which thing a finding is about (the number, the term, the character, the paragraph); the others
 * (a length ratio, a count of double spaces) move as the translator types, so they are left out of the key and
 * an ignored finding stays ignored while they change.
 */
const IDENTITY_PARAMS = ['text', 'term', 'rendering', 'char', 'expected', 'found', 'paragraph', 'source', 'target'] as const;

/** The key a finding is ignored by in a row: its check and what it is about, e.g. `number-missing|text=2025`. */
export function getFindingKey(finding: QaFinding): string {
  const parts: string[] = [finding.check];
  for (const name of IDENTITY_PARAMS) {
    const value = finding.params?.[name];
    if (value !== undefined) parts.push(`${name}=${value}`);
  }
  return parts.join('|').slice(0, 300);
}

/** True when the row's list of ignored findings holds this one. */
export function isFindingIgnored(finding: QaFinding, ignored: readonly string[] | undefined): boolean {
  return !!ignored?.length && ignored.includes(getFindingKey(finding));
}

/**
 * The row's ignored list after ignoring (`ignore: true`) or taking back a finding; sorted and without repeats, so
 * the same choice is the same data. Undefined when nothing is left ignored.
 */
export function withFindingIgnored(ignored: readonly string[] | undefined, finding: QaFinding, ignore: boolean): string[] | undefined {
  const key = getFindingKey(finding);
  const next = new Set(ignored ?? []);
  if (ignore) next.add(key);
  else next.delete(key);
  return next.size ? [...next].sort() : undefined;
}
