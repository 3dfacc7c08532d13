'use client';

import { AddTerm } from './add-term';
import { MtPanel } from './mt-panel';
import { RepetitionPrompt } from './repetitions';

/**
 * The draft tools under a row: on the active row the machine translation beside the memory's matches and adding
 * a glossary term from a selection; on a row just confirmed, the offer to fill its repetitions.
 */
export function RowDrafts({ rowId, active }: { rowId: string; active: boolean }) {
  return (
    <>
      {active && <MtPanel rowId={rowId} />}
      {active && <AddTerm rowId={rowId} />}
      <RepetitionPrompt rowId={rowId} />
    </>
  );
}

/** The marks in a row's gutter: where its draft came from, and whether its original repeats. */
export { OriginMarker } from './origin-marker';
export { RepetitionMarker } from './repetitions';
