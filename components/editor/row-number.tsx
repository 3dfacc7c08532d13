'use client';

import { useTranslations } from 'next-intl';
import { useRowTools } from './row-tools-context';

/**
 * The row's number in the document (the same under every filter), and while rows are being chosen for a bulk
 * status change, its check box, labelled with that number.
 */
export function RowNumber({ rowId, number, choosing, chosen }: { rowId: string; number: number; choosing: boolean; chosen: boolean }) {
  const t = useTranslations('Rows');
  const { selection } = useRowTools();
  if (!choosing) {
    return (
      <span className="row-number" data-testid="row-number">
        {number}
      </span>
    );
  }
  return (
    <label className="row-number row-choose">
      <input type="checkbox" checked={chosen} onChange={() => selection.toggle(rowId)} aria-label={t('choose', { number })} data-testid="row-choose" />
      <span data-testid="row-number">{number}</span>
    </label>
  );
}
