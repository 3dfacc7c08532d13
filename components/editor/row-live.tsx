'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useSyncExternalStore } from 'react';
import type { LiveDocument } from '@/lib/editor/live';

/** Beside a row: who else is in it ("Layla is editing"), and for a moment who just changed it. */
export function RowLive({ id, live }: { id: string; live: LiveDocument }) {
  const t = useTranslations('Live');
  const subscribe = useCallback((cb: () => void) => live.subscribeRow(id, cb), [live, id]);
  const people = useSyncExternalStore(subscribe, () => live.getRowPeople(id), () => live.getRowPeople(id));
  const mark = useSyncExternalStore(subscribe, () => live.getRowMark(id), () => null);
  if (!people.length && !mark) return null;
  return (
    <p className="row-live" data-testid="row-live">
      {people.length > 0 && (
        <span className="row-live-people" data-testid="row-people">
          {t('editing', { names: people.join(t('and')), count: people.length })}
        </span>
      )}
      {mark && (
        <span className="row-live-mark" data-testid="row-mark" key={mark.at}>
          {t('changedBy', { name: mark.by })}
        </span>
      )}
    </p>
  );
}
