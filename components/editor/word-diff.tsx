'use client';

import { useTranslations } from 'next-intl';
import { getLangDir, getWordDiff, hasWordChanges, type WordDiffPart } from '@/lib/model';
import './word-diff.css';

/**
 * Two versions of a text as track changes: words inserted underlined, words deleted struck through (see
 * lib/model/word-diff.ts). The history panel, changes since review and the conflict panel all show differences
 * with it. Screen readers hear "inserted:" and "deleted:" before each change, as `<ins>` and `<del>` are not
 * announced by most of them.
 */
export function WordDiff({
  before,
  after,
  parts,
  lang,
  className,
  testId,
}: {
  /** The older text (ignored when `parts` are given). */
  before?: string;
  /** The newer text (ignored when `parts` are given). */
  after?: string;
  /** A diff already computed. */
  parts?: readonly WordDiffPart[];
  /** The texts' language: it sets their direction, whatever the interface's. */
  lang: string;
  className?: string;
  testId?: string;
}) {
  const t = useTranslations('WordDiff');
  const shown = parts ?? getWordDiff(before ?? '', after ?? '');
  return (
    <div className={['word-diff', className].filter(Boolean).join(' ')} lang={lang} dir={getLangDir(lang)} data-testid={testId}>
      {!hasWordChanges(shown) && <p className="word-diff-none">{t('noChange')}</p>}
      {shown.map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={i} data-diff="added">
            <span className="visually-hidden">{t('inserted')} </span>
            {part.text}
          </ins>
        ) : (
          <del key={i} data-diff="removed">
            <span className="visually-hidden">{t('deleted')} </span>
            {part.text}
          </del>
        ),
      )}
    </div>
  );
}
