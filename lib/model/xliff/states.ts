import type { RowStatus } from '../schema';

/**
 * Row statuses and XLIFF segment states. XLIFF 2 has four states; the fifth status travels in `subState`, so
 * every status survives an export and import exactly. XLIFF 1.2 states map to the nearest status. The README's
 * table is this file in prose: change both together.
 */

export const XLIFF2_STATES = ['initial', 'translated', 'reviewed', 'final'] as const;
export type Xliff2State = (typeof XLIFF2_STATES)[number];

/** The prefix of our own `subState` values (XLIFF 2 requires `prefix:value`). */
export const SUBSTATE_PREFIX = 'bilingual';
export const NEEDS_CHANGES_SUBSTATE = `${SUBSTATE_PREFIX}:needs-changes`;
/** Marks an untranslated row that has text nonetheless (someone set it back): `initial` with text reads as a draft. */
export const UNTRANSLATED_SUBSTATE = `${SUBSTATE_PREFIX}:untranslated`;

/**
 * `state` and `subState` of an exported segment. Untranslated and draft rows are both `initial`; a row without
 * text has no `<target>`, so they differ by that (and by a subState in the rare untranslated row with text).
 */
export function statusToXliff2(status: RowStatus, hasText = status !== 'untranslated'): { state: Xliff2State; subState?: string } {
  switch (status) {
    case 'untranslated':
      return hasText ? { state: 'initial', subState: UNTRANSLATED_SUBSTATE } : { state: 'initial' };
    case 'draft':
      return { state: 'initial' };
    case 'translated':
      return { state: 'translated' };
    case 'needs-changes':
      return { state: 'reviewed', subState: NEEDS_CHANGES_SUBSTATE };
    case 'approved':
      return { state: 'final' };
  }
}

/**
 * The status an imported XLIFF 2 segment's state asks for. `initial` is a draft (the caller makes a row without
 * text untranslated); `reviewed` is approved unless its subState sends it back: ours, or any subState naming a
 * rejection.
 */
export function statusFromXliff2(state: Xliff2State, subState: string | undefined): RowStatus {
  switch (state) {
    case 'initial':
      return subState === UNTRANSLATED_SUBSTATE ? 'untranslated' : 'draft';
    case 'translated':
      return 'translated';
    case 'reviewed':
      return subState && /(needs-changes|reject)/i.test(subState) ? 'needs-changes' : 'approved';
    case 'final':
      return 'approved';
  }
}

/** The values XLIFF 1.2 allows for `state` (besides `x-…` extensions). */
export const XLIFF12_STATES = [
  'new',
  'needs-translation',
  'needs-l10n',
  'needs-adaptation',
  'translated',
  'needs-review-translation',
  'needs-review-l10n',
  'needs-review-adaptation',
  'signed-off',
  'final',
] as const;
export type Xliff12State = (typeof XLIFF12_STATES)[number];

/** True when `value` is a 1.2 state: one of the list, or an `x-` extension. */
export function isXliff12State(value: string): boolean {
  return (XLIFF12_STATES as readonly string[]).includes(value) || /^x-\S+$/.test(value);
}

/**
 * The status an XLIFF 1.2 target asks for: needs-* (and extensions) are drafts, translated and needs-review-*
 * are translated, signed-off and final are approved; a rejecting `state-qualifier` makes it needs-changes, and
 * `approved="yes"` on the trans-unit makes it approved.
 */
export function statusFromXliff12(state: string, qualifier: string | undefined, approved: boolean): RowStatus {
  if (qualifier?.startsWith('rejected-')) return 'needs-changes';
  if (approved || state === 'signed-off' || state === 'final') return 'approved';
  if (state === 'translated' || state.startsWith('needs-review-')) return 'translated';
  return 'draft';
}

/**
 * `state`, `state-qualifier` and `approved` of a 1.2 trans-unit exported from a row. Untranslated and draft rows
 * both need translation; they differ in having a target or not.
 */
export function statusToXliff12(status: RowStatus): { state: Xliff12State; qualifier?: string; approved?: 'yes' } {
  switch (status) {
    case 'untranslated':
    case 'draft':
      return { state: 'needs-translation' };
    case 'translated':
      return { state: 'translated' };
    case 'needs-changes':
      return { state: 'needs-translation', qualifier: 'rejected-inaccurate' };
    case 'approved':
      return { state: 'signed-off', approved: 'yes' };
  }
}
