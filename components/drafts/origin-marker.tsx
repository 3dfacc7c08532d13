'use client';

import { useTranslations } from 'next-intl';
import { isTargetEmpty, type Row } from '@/lib/model';
import styles from './drafts.module.css';

/**
 * Where a row's draft came from, in the row's gutter: typed, a memory match with its score, a machine
 * translation with its provider and model, or a repetition filled from another row. A small tag; the whole
 * sentence in its tooltip and for screen readers. Rows without a recorded origin show nothing.
 */
export function OriginMarker({ row }: { row: Pick<Row, 'origin' | 'target'> }) {
  const t = useTranslations('Drafts');
  const origin = row.origin;
  if (!origin || isTargetEmpty(row.target)) return null;
  const percent = origin.score === undefined ? null : Math.floor(origin.score * 100 + 1e-6);
  let short: string;
  let long: string;
  switch (origin.kind) {
    case 'memory':
      short = t('origin.memoryShort', { percent: percent ?? 0 });
      long = t('origin.memory', { percent: percent ?? 0 });
      break;
    case 'mt':
      short = t('origin.mtShort');
      long = origin.model
        ? t('origin.mtModel', { provider: origin.provider ?? '?', model: origin.model })
        : t('origin.mt', { provider: origin.provider ?? '?' });
      break;
    case 'repetition':
      short = t('origin.repetitionShort');
      long = t('origin.repetition');
      break;
    default:
      short = t('origin.typedShort');
      long = t('origin.typed');
  }
  if (origin.runId) long = `${long} ${t('origin.byRun')}`;
  return (
    <span className={styles.origin} data-kind={origin.kind} data-testid="row-origin" title={long}>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{long}</span>
    </span>
  );
}
