'use client';

import { useEffect } from 'react';
import type { EditorSession } from '@/lib/editor/session';

/** The row a `#row-<id>` address points at, or null. */
export function getHashRowId(): string | null {
  return typeof window === 'undefined' ? null : (/^#row-([a-z0-9]+)$/.exec(window.location.hash)?.[1] ?? null);
}

/** A link to a row (`#row-<id>`) opens the page at that row, rendering its chunk first, and so does a later hash change. */
export function useRowHashLink(session: EditorSession): void {
  useEffect(() => {
    const goToHash = () => {
      const id = getHashRowId();
      if (id) session.actions.editing.reveal(id);
    };
    goToHash();
    window.addEventListener('hashchange', goToHash);
    return () => window.removeEventListener('hashchange', goToHash);
  }, [session]);
}
