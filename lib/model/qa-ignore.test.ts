import { describe, expect, it } from 'vitest';
import type { QaFinding } from './qa';
import { getFindingKey, isFindingIgnored, withFindingIgnored } from './qa-ignore';

const missing: QaFinding = { check: 'number-missing', severity: 'error', params: { text: '2025' } };
const long = (ratio: number): QaFinding => ({ check: 'length-long', severity: 'warning', params: { ratio, norm: 1.1 } });

describe('ignored QA findings', () => {
  it('keys a finding by its check and what it is about, not by figures that move while typing', () => {
    expect(getFindingKey(missing)).toBe('number-missing|text=2025');
    expect(getFindingKey(long(2.1))).toBe(getFindingKey(long(2.6)));
    expect(getFindingKey({ ...missing, params: { text: '2024' } })).not.toBe(getFindingKey(missing));
  });

  it('ignores and takes back, sorted and without repeats; nothing left is undefined', () => {
    let ignored = withFindingIgnored(undefined, missing, true);
    ignored = withFindingIgnored(ignored, long(2), true);
    ignored = withFindingIgnored(ignored, missing, true);
    expect(ignored).toEqual(['length-long', 'number-missing|text=2025']);
    expect(isFindingIgnored(long(3), ignored)).toBe(true);
    expect(isFindingIgnored({ ...missing, params: { text: '7' } }, ignored)).toBe(false);
    ignored = withFindingIgnored(ignored, long(2), false);
    expect(withFindingIgnored(ignored, missing, false)).toBeUndefined();
  });
});
