'use client';

import { useEffect } from 'react';
import type { SaveQueue } from '@/lib/editor/save-queue';

/** Asks before the page is left while anything typed is not on the server yet. */
export function useUnloadGuard(saves: SaveQueue, message: string): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!saves.hasUnsaved()) return;
      e.preventDefault();
      e.returnValue = message;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [saves, message]);
}
