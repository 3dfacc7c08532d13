'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useSyncExternalStore } from 'react';
import type { Row } from '@/lib/model';
import { lazyTool } from './lazy-tool';
import { useReviewTools } from './review-context';
import './review.css';

// The word diff of a change since review: only reviewers of changed rows need its code.
const ReviewChangeSection = lazyTool(() => import('./review-change').then((m) => m.ReviewChangeSection));

/** The row's change since review, if it has one (for the row's `data-review-changed`). */
export function useRowReviewChange(rowId: string) {
  const { changes } = useReviewTools();
  const subscribe = useCallback((cb: () => void) => changes?.subscribeRow(rowId, cb) ?? (() => undefined), [changes, rowId]);
  return useSyncExternalStore(subscribe, () => changes?.get(rowId) ?? null, () => null);
}

/**
 * What a row says under its cells about review: that an edit changed its status (where the translator looks), and
 * for a reviewer the English changed since they last reviewed it, as track changes with who and when.
 */
export function RowReviewNotes({ row }: { row: Row }) {
  const t = useTranslations('ReviewChanges');
  const ts = useTranslations('Status');
  const { notices } = useReviewTools();
  const subscribeNotice = useCallback((cb: () => void) => notices.subscribeRow(row.id, cb), [notices, row.id]);
  const notice = useSyncExternalStore(subscribeNotice, () => notices.get(row.id), () => null);
  const change = useRowReviewChange(row.id);
  if (!notice && !change) return null;
  // (.row-review:empty hides the box while a change's words turn out to be the same.)
  return (
    <div className="row-review">
      {notice && (
        <p className="status-notice" role="status" data-testid="status-notice">
          {t('statusChanged', { from: ts(notice.from), to: ts(notice.to) })}
        </p>
      )}
      {change && <ReviewChangeSection row={row} change={change} />}
    </div>
  );
}
