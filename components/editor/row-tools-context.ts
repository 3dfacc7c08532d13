'use client';

import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { RowFilter, RowSelection } from '@/lib/editor/row-filter';
import { useEditorSession } from './editor-context';

/** The grid's filter and the rows chosen for a bulk status change: page state beside the editor session. */
export interface RowTools {
  filter: RowFilter;
  selection: RowSelection;
}

export function createRowTools(): RowTools {
  return { filter: new RowFilter(), selection: new RowSelection() };
}

export const RowToolsContext = createContext<RowTools | null>(null);

export function useRowTools(): RowTools {
  const value = useContext(RowToolsContext);
  if (!value) throw new Error('useRowTools outside DocumentEditor');
  return value;
}

/**
 * What a row shows of the grid's tools: its real number in the document, whether it has QA findings worth a look
 * (the filter's "quality findings"), and its check box while rows are being chosen.
 */
export function useRowMarks(id: string): { number: number; qa: boolean; choosing: boolean; chosen: boolean } {
  const { rows, qa } = useEditorSession();
  const { selection } = useRowTools();
  const number = useSyncExternalStore(rows.subscribeList, () => rows.getRowNumber(id), () => rows.getRowNumber(id));
  const subscribeQa = useCallback((cb: () => void) => qa.subscribeRow(id, cb), [qa, id]);
  const getQa = () => qa.getRowFindings(id).some((f) => f.check !== 'untranslated');
  const hasFindings = useSyncExternalStore(subscribeQa, getQa, () => false);
  const subscribeChoice = useCallback((cb: () => void) => selection.subscribeRow(id, cb), [selection, id]);
  const choosing = useSyncExternalStore(subscribeChoice, selection.isOn, () => false);
  const chosen = useSyncExternalStore(subscribeChoice, () => selection.has(id), () => false);
  return { number, qa: hasFindings, choosing, chosen };
}
