'use client';

import { useTranslations } from 'next-intl';
import { getLangDir, getTargetText, isTargetEmpty, type Row } from '@/lib/model';

/**
 * Shown on a row whose save met a newer version on the server: their text beside the note that ours is still
 * in the editor, and the two ways out. Nothing is overwritten until the person chooses.
 */
export function ConflictBanner({
  theirs,
  targetLang,
  onKeepMine,
  onTakeTheirs,
}: {
  theirs: Row;
  targetLang: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const t = useTranslations('Conflict');
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      <p>
        <strong>{t('title')}</strong>
      </p>
      <p>{t('theirs', { rev: theirs.rev })}</p>
      <div className="theirs" lang={targetLang} dir={getLangDir(targetLang)} data-testid="conflict-theirs">
        {isTargetEmpty(theirs.target) ? t('empty') : getTargetText(theirs.target)}
      </div>
      <p>{t('yours')}</p>
      <div className="conflict-actions">
        <button type="button" onClick={onKeepMine}>
          {t('keepMine')}
        </button>
        <button type="button" onClick={onTakeTheirs}>
          {t('takeTheirs')}
        </button>
      </div>
    </div>
  );
}
