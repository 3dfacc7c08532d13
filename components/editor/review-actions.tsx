'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useEditorSession } from './editor-context';
import { useReviewTools } from './review-context';

/**
 * The page's Undo for replace and merge (enabled only when there is one to undo; Ctrl+Z does the same when no
 * row's editor or field has the focus, as the row's own Ctrl+Z undoes typing), and for reviewers the "changed
 * since review" filter with its count. Says what an undo did.
 */
export function ReviewActions() {
  const t = useTranslations('ReviewChanges');
  const { rows } = useEditorSession();
  const { undo, changes } = useReviewTools();
  const top = useSyncExternalStore(undo.subscribe, undo.peek, () => null);
  const busy = useSyncExternalStore(undo.subscribe, undo.isBusy, () => false);
  const noop = () => () => undefined;
  const count = useSyncExternalStore(changes?.subscribe ?? noop, () => changes?.getCount() ?? null, () => null);
  const filtered = useSyncExternalStore(changes?.subscribe ?? noop, () => changes?.isFiltered() ?? false, () => false);
  const [said, setSaid] = useState<string | null>(null);

  const numbers = (ids: string[]) => {
    return ids.map((id) => rows.getRowNumber(id)).filter((n) => n > 0).join(', ');
  };

  const runUndo = async () => {
    const done = await undo.undo();
    if (!done) return;
    const what = t(done.entry.kind === 'merge' ? 'undidMerge' : 'undidReplace', { rows: numbers(done.entry.rowIds) || '—' });
    setSaid(done.ok ? what : t('undoFailed'));
  };

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.code !== 'KeyZ' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (!undo.peek()) return;
      e.preventDefault();
      void runUndo();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  return (
    <div className="review-actions" role="group" aria-label={t('actions')}>
      <button type="button" disabled={!top || busy} onClick={() => void runUndo()} data-testid="page-undo" aria-keyshortcuts="Control+Z">
        {top ? t(top.kind === 'merge' ? 'undoMerge' : 'undoReplace', { count: top.rowIds.length }) : t('undo')}
      </button>
      {changes && (
        <label className="review-filter">
          <input
            type="checkbox"
            checked={filtered}
            onChange={(e) => changes.setFiltered(e.target.checked)}
            data-testid="filter-changed-since-review"
          />{' '}
          {t('filter', { count: count ?? 0 })}
        </label>
      )}
      <span className="review-said" role="status" data-testid="undo-status">
        {said}
      </span>
    </div>
  );
}
