'use client';

import { diffWords } from 'diff';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { getLangDir, getTargetText, type TargetDoc } from '@/lib/model';

/**
 * The two versions of a row in conflict as one text, word by word: what their version added is marked as
 * inserted, what it took out of the person's as deleted, so the difference is seen without comparing by eye.
 */
export function ConflictDiff({ mine, theirs, targetLang }: { mine: TargetDoc; theirs: TargetDoc; targetLang: string }) {
  const t = useTranslations('Live');
  const parts = useMemo(() => diffWords(getTargetText(mine), getTargetText(theirs)), [mine, theirs]);
  if (!parts.some((p) => p.added || p.removed)) return null;
  return (
    <section className="conflict-diff" aria-label={t('diffTitle')}>
      <h3>{t('diffTitle')}</h3>
      <div className="version" lang={targetLang} dir={getLangDir(targetLang)} data-testid="conflict-diff">
        {parts.map((p, i) =>
          p.added ? (
            <ins key={i} title={t('diffAdded')}>
              {p.value}
            </ins>
          ) : p.removed ? (
            <del key={i} title={t('diffRemoved')}>
              {p.value}
            </del>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </div>
    </section>
  );
}
