'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type { GlossaryEntry } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';

/** The active row's glossary terms (undefined on other rows), found again when a term is added on this page. */
export function useRowTerms(rowId: string, sourceText: string, active: boolean): GlossaryEntry[] | undefined {
  const { glossary } = useEditorSession();
  const version = useSyncExternalStore(glossary.subscribe, glossary.getVersion, glossary.getVersion);
  return useMemo(
    () => (active ? glossary.getRowEntries(rowId, sourceText) : undefined),
    // The version is what says the glossary changed; getRowEntries reads the glossary as it is now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active, glossary, rowId, sourceText, version],
  );
}
