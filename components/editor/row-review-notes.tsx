'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useSyncExternalStore } from 'react';
import { getTargetWordDiff, hasWordChanges, type Row } from '@/lib/model';
import { useEditorSession } from './editor-context';
import { useReviewTools } from './review-context';
import { WordDiff } from './word-diff';
import './review.css';

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
  const format = useFormatter();
  const { targetLang } = useEditorSession();
  const { notices, changes } = useReviewTools();
  const subscribeNotice = useCallback((cb: () => void) => notices.subscribeRow(row.id, cb), [notices, row.id]);
  const notice = useSyncExternalStore(subscribeNotice, () => notices.get(row.id), () => null);
  const change = useRowReviewChange(row.id);
  const parts = change ? getTargetWordDiff(change.target, row.target) : null;
  const showChange = change && parts && hasWordChanges(parts);
  if (!notice && !showChange) return null;
  const when = (at: string) => format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' });
  const names = change ? change.changedBy.map((by) => changes?.nameOf(by) ?? t('someone')).join(', ') : '';
  return (
    <div className="row-review">
      {notice && (
        <p className="status-notice" role="status" data-testid="status-notice">
          {t('statusChanged', { from: ts(notice.from), to: ts(notice.to) })}
        </p>
      )}
      {showChange && (
        <section className="review-change" aria-label={t('label')} data-testid="review-change">
          <p className="review-change-head">
            {t(change.since.why === 'approved' ? 'sinceApproved' : 'sinceMarked', {
              who: names || t('someone'),
              when: when(change.changedAt),
              reviewer: changes?.nameOf(change.since.by) ?? t('someone'),
              reviewed: when(change.since.at),
            })}
          </p>
          <WordDiff parts={parts} lang={targetLang} testId="review-diff" />
        </section>
      )}
    </div>
  );
}
