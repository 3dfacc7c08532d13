'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { getTargetWordDiff, hasWordChanges, type ReviewChange, type Row } from '@/lib/model';
import { useEditorSession } from './editor-context';
import { useReviewTools } from './review-context';
import { WordDiff } from './word-diff';

/**
 * A row's English changed since a reviewer last reviewed it, as track changes with who and when (nothing when the
 * words are the same). A chunk of its own with the word diff: only reviewers of changed rows see it.
 */
export function ReviewChangeSection({ row, change }: { row: Row; change: ReviewChange }) {
  const t = useTranslations('ReviewChanges');
  const format = useFormatter();
  const { targetLang } = useEditorSession();
  const { changes } = useReviewTools();
  const parts = getTargetWordDiff(change.target, row.target);
  if (!hasWordChanges(parts)) return null;
  const when = (at: string) => format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' });
  const names = change.changedBy.map((by) => changes?.nameOf(by) ?? t('someone')).join(', ');
  return (
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
  );
}
