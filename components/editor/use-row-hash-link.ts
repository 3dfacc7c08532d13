'use client';

import { useEffect } from 'react';
import type { EditorSession } from '@/lib/editor/session';

/** A link to a row (`#row-<id>`) opens the page at that row, rendering its chunk first, and so does a later hash change. */
export function useRowHashLink(session: EditorSession): void {
  useEffect(() => {
    const goToHash = () => {
      const id = /^#row-([a-z0-9]+)$/.exec(window.location.hash)?.[1];
      if (id) session.actions.editing.reveal(id);
    };
    goToHash();
    window.addEventListener('hashchange', goToHash);
    return () => window.removeEventListener('hashchange', goToHash);
  }, [session]);
}
