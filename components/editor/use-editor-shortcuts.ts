'use client';

import { useEffect } from 'react';
import type { EditorSession } from '@/lib/editor/session';

/**
 * The page-wide keys of the editor (the row's own keys are in lib/editor/keymap.ts): Ctrl+Alt+M, as in Google
 * Docs and Word, comments on the selection or, with nothing selected, on the active row.
 */
export function useEditorShortcuts(session: EditorSession): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.code === 'KeyM' && e.altKey && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        session.actions.notes.addNote();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [session]);
}
