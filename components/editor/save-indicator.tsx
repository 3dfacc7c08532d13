'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import type { SaveQueue } from '@/lib/editor/save-queue';

/** The page's save state, always the most urgent row's: saved, saving, retrying, offline, conflict or error. */
export function SaveIndicator({ saves }: { saves: SaveQueue }) {
  const t = useTranslations('SaveState');
  const state = useSyncExternalStore(saves.subscribe, saves.getSummary, saves.getSummary);
  return (
    <span className="save-indicator" role="status" aria-live="polite" data-testid="save-state" data-state={state}>
      {t(state)}
    </span>
  );
}
