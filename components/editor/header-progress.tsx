'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { whenIdle } from '@/lib/editor/idle-slices';
import type { DocumentState } from '@/lib/editor/document-state';
import { countSourceWords, getWordProgress, type Row, type SourceBlock, type WordProgress } from '@/lib/model';
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

/** Rows counted per idle slice (a few milliseconds of regular-expression work). */
const ROWS_PER_SLICE = 500;

/**
 * The word progress of `rows`: at once when every row's words are known (every later change), else counted a
 * slice at a time in the page's idle moments after it opens, so a 20,000-row document does not count its words in one long task;
 * null until then.
 */
function useWordProgress(rows: readonly Row[] | null): WordProgress | null {
  const known = useMemo(
    () => (rows && rows.every((r) => sourceWordCounts.has(r.source)) ? getWordProgress({ rows }, countSourceWordsOnce) : null),
    [rows],
  );
  const [counted, setCounted] = useState<{ rows: readonly Row[]; words: WordProgress } | null>(null);
  useEffect(() => {
    if (known || !rows) return;
    let cancelled = false;
    void (async () => {
      for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
        // In idle moments: the count is for the header, never in front of the first click or a key press.
        await new Promise<void>((resolve) => whenIdle(resolve));
        if (cancelled) return;
        for (const row of rows.slice(i, i + ROWS_PER_SLICE)) countSourceWordsOnce(row.source);
      }
      setCounted({ rows, words: getWordProgress({ rows }, countSourceWordsOnce) });
    })();
    return () => void (cancelled = true);
  }, [rows, known]);
  return known ?? (rows && counted?.rows === rows ? counted.words : null);
}

/** Progress in the header, in rows and in words, recounted only when a row's saved state changes. */
export function HeaderProgress({ rows }: { rows: DocumentState }) {
  const t = useTranslations('Editor');
  const counts = useSyncExternalStore(rows.subscribeAny, rows.getStatusCounts, rows.getStatusCounts);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = counts.translated + counts.approved;
  const all = useSyncExternalStore(rows.subscribeAny, rows.getRows, rows.getRows);
  const loading = useSyncExternalStore(rows.subscribeLoading, rows.getLoading, rows.getLoading);
  // Counted once every row is here: a page opened at a linked row gets the rest a moment later.
  const words = useWordProgress(loading.complete ? all : null);
  const format = useFormatter();
  if (!loading.complete) {
    return (
      <>
        <span data-testid="progress">…</span>
        <span data-testid="word-progress">…</span>
      </>
    );
  }
  return (
    <>
      <StatusBar counts={counts} total={total} label={t('progress', { done, total })} />
      <span data-testid="progress">{t('progress', { done, total })}</span>
      <span data-testid="word-progress">
        {words ? t('words', { done: format.number(words.translatedWords), total: format.number(words.totalWords) }) : '…'}
      </span>
    </>
  );
}
