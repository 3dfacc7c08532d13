'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import type { DocumentState } from '@/lib/editor/document-state';
import type { LiveDocument } from '@/lib/editor/live';

/**
 * The header's live line: the stream's state, and the other people on the document with the row each is in (a
 * click goes there).
 */
export function LivePeople({ live, rows, onJump }: { live: LiveDocument; rows: DocumentState; onJump: (rowId: string) => void }) {
  const t = useTranslations('Live');
  const state = useSyncExternalStore(live.subscribe, live.getState, () => 'connecting' as const);
  const people = useSyncExternalStore(live.subscribe, live.getPeople, live.getPeople);
  return (
    <div className="live-people" data-testid="live" data-state={state}>
      <span className="live-state" role="status" aria-live="polite" data-testid="live-state">
        {t(`state.${state}`)}
      </span>
      {state === 'stale' && (
        <button type="button" onClick={() => window.location.reload()}>
          {t('reload')}
        </button>
      )}
      {people.length > 0 && (
        <span className="live-list" data-testid="live-people">
          <span>{t('people')}</span>
          {people.map((p) => {
            const n = p.rowId ? rows.getRowNumber(p.rowId) : 0;
            return (
              <button
                key={p.user}
                type="button"
                className="live-person"
                data-testid="live-person"
                data-user={p.user}
                data-row-id={p.rowId ?? undefined}
                disabled={!p.rowId || n === 0}
                onClick={() => p.rowId && onJump(p.rowId)}
              >
                {n > 0 ? t('personInRow', { name: p.user, row: n }) : p.user}
              </button>
            );
          })}
        </span>
      )}
    </div>
  );
}
