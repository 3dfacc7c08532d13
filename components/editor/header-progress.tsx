'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useSyncExternalStore } from 'react';
import type { DocumentState } from '@/lib/editor/document-state';
import { countSourceWords, getWordProgress, type SourceBlock } from '@/lib/model';
import { StatusBar } from '@/components/library/status-bar';

/**
 * Source words per row, counted once: a row's source array stays the same object while its translation and status
 * change, so the header's count after a save does not recount a 5,000-row document.
 */
const sourceWordCounts = new WeakMap<readonly SourceBlock[], number>();
function countSourceWordsOnce(source: readonly SourceBlock[]): number {
  let n = sourceWordCounts.get(source);
  if (n === undefined) sourceWordCounts.set(source, (n = countSourceWords(source)));
  return n;
}

/** Progress in the header, in rows and in words, recounted only when a row's saved state changes. */
export function HeaderProgress({ rows }: { rows: DocumentState }) {
  const t = useTranslations('Editor');
  const counts = useSyncExternalStore(rows.subscribeAny, rows.getStatusCounts, rows.getStatusCounts);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = counts.translated + counts.approved;
  const all = useSyncExternalStore(rows.subscribeAny, rows.getRows, rows.getRows);
  const words = useMemo(() => getWordProgress({ rows: all }, countSourceWordsOnce), [all]);
  const format = useFormatter();
  return (
    <>
      <StatusBar counts={counts} total={total} label={t('progress', { done, total })} />
      <span data-testid="progress">{t('progress', { done, total })}</span>
      <span data-testid="word-progress">
        {t('words', { done: format.number(words.translatedWords), total: format.number(words.totalWords) })}
      </span>
    </>
  );
}
