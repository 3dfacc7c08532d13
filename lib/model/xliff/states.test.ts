import { describe, expect, it } from 'vitest';
import { ROW_STATUSES } from '../schema';
import {
  isXliff12State,
  statusFromXliff12,
  statusFromXliff2,
  statusToXliff12,
  statusToXliff2,
  XLIFF12_STATES,
  XLIFF2_STATES,
} from './states';

describe('row status ↔ XLIFF 2 state', () => {
  it('is the table in the README', () => {
    expect(ROW_STATUSES.map((s) => [s, statusToXliff2(s)])).toEqual([
      ['untranslated', { state: 'initial' }],
      ['draft', { state: 'initial' }],
      ['translated', { state: 'translated' }],
      ['needs-changes', { state: 'reviewed', subState: 'bilingual:needs-changes' }],
      ['approved', { state: 'final' }],
    ]);
    expect(statusToXliff2('untranslated', true)).toEqual({ state: 'initial', subState: 'bilingual:untranslated' });
  });

  it('round-trips every status exactly (an initial segment without text is untranslated by the caller)', () => {
    for (const status of ROW_STATUSES) {
      const { state, subState } = statusToXliff2(status, true);
      expect(statusFromXliff2(state, subState)).toBe(status);
    }
  });

  it('reads other tools\' states: reviewed is approved unless a subState rejects it', () => {
    expect(statusFromXliff2('reviewed', undefined)).toBe('approved');
    expect(statusFromXliff2('reviewed', 'matecat:rejected')).toBe('needs-changes');
    expect(statusFromXliff2('final', 'okp:locked')).toBe('approved');
    expect(statusFromXliff2('initial', 'okp:mt')).toBe('draft');
    expect(XLIFF2_STATES).toEqual(['initial', 'translated', 'reviewed', 'final']);
  });
});

describe('row status ↔ XLIFF 1.2 state', () => {
  it('maps every 1.2 state to the nearest status', () => {
    const mapped = Object.fromEntries(XLIFF12_STATES.map((s) => [s, statusFromXliff12(s, undefined, false)]));
    expect(mapped).toEqual({
      new: 'draft',
      'needs-translation': 'draft',
      'needs-l10n': 'draft',
      'needs-adaptation': 'draft',
      translated: 'translated',
      'needs-review-translation': 'translated',
      'needs-review-l10n': 'translated',
      'needs-review-adaptation': 'translated',
      'signed-off': 'approved',
      final: 'approved',
    });
    expect(statusFromXliff12('x-mt', undefined, false)).toBe('draft');
    expect(statusFromXliff12('translated', undefined, true)).toBe('approved');
    expect(statusFromXliff12('needs-review-translation', 'rejected-grammar', false)).toBe('needs-changes');
  });

  it('round-trips every status that has text', () => {
    for (const status of ROW_STATUSES.filter((s) => s !== 'untranslated')) {
      const { state, qualifier, approved } = statusToXliff12(status);
      expect(isXliff12State(state)).toBe(true);
      expect(statusFromXliff12(state, qualifier, approved === 'yes')).toBe(status);
    }
  });

  it('knows which values are 1.2 states', () => {
    expect(isXliff12State('needs-translation')).toBe(true);
    expect(isXliff12State('x-custom')).toBe(true);
    expect(isXliff12State('done')).toBe(false);
    expect(isXliff12State('reviewed')).toBe(false);
  });
});
