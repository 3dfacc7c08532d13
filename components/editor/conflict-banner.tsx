'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getLangDir, getTargetText, isTargetEmpty, type Row, type TargetDoc } from '@/lib/model';
import { ConflictDiff } from './conflict-diff';

/**
 * Shown on a row whose save met a newer version on the server: their version beside the person's, and three
 * ways out — keep mine, take theirs, or merge by hand (both versions go into the editor to be edited into one,
 * then saved over theirs). Nothing is overwritten until the person chooses.
 */
export function ConflictBanner({
  theirs,
  mine,
  targetLang,
  onKeepMine,
  onTakeTheirs,
  onMergeByHand,
}: {
  theirs: Row;
  mine: TargetDoc;
  targetLang: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMergeByHand: () => void;
}) {
  const t = useTranslations('Conflict');
  // Merging is per conflict: a newer conflict on the same row starts again from the choice.
  const [mergingRev, setMergingRev] = useState<number | null>(null);
  const merging = mergingRev === theirs.rev;
  const dir = getLangDir(targetLang);
  return (
    <div className="conflict" role="alert" data-testid="conflict" data-merging={merging || undefined}>
      <p>
        <strong>{t('title')}</strong>
      </p>
      <div className="conflict-versions">
        <section aria-labelledby={`conflict-theirs-${theirs.id}`}>
          <h3 id={`conflict-theirs-${theirs.id}`}>{t('theirs', { rev: theirs.rev, who: theirs.updatedBy ?? '?' })}</h3>
          <div className="version" lang={targetLang} dir={dir} data-testid="conflict-theirs">
            {isTargetEmpty(theirs.target) ? t('empty') : getTargetText(theirs.target)}
          </div>
        </section>
        <section aria-labelledby={`conflict-mine-${theirs.id}`}>
          <h3 id={`conflict-mine-${theirs.id}`}>{t('yours')}</h3>
          <div className="version" lang={targetLang} dir={dir} data-testid="conflict-mine">
            {isTargetEmpty(mine) ? t('empty') : getTargetText(mine)}
          </div>
        </section>
      </div>
      <ConflictDiff mine={mine} theirs={theirs.target} targetLang={targetLang} />
      {merging && <p data-testid="conflict-merge-hint">{t('mergeHint')}</p>}
      <div className="conflict-actions">
        {merging ? (
          <button type="button" onClick={onKeepMine}>
            {t('saveMerged')}
          </button>
        ) : (
          <>
            <button type="button" onClick={onKeepMine}>
              {t('keepMine')}
            </button>
            <button
              type="button"
              onClick={() => {
                setMergingRev(theirs.rev);
                onMergeByHand();
              }}
            >
              {t('mergeByHand')}
            </button>
          </>
        )}
        <button type="button" onClick={onTakeTheirs}>
          {t('takeTheirs')}
        </button>
      </div>
    </div>
  );
}
