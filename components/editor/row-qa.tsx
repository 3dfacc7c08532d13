'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useSyncExternalStore } from 'react';
import type { QaFinding } from '@/lib/model';
import { useEditorSession } from './editor-context';
import { useQaMessage } from './qa-message';

/** Untranslated rows show their state by the status dot already; the marker is for what needs a look. */
function isNoteworthy(f: QaFinding): boolean {
  return f.check !== 'untranslated';
}

function useRowFindings(id: string): QaFinding[] {
  const { qa } = useEditorSession();
  const subscribe = useCallback((cb: () => void) => qa.subscribeRow(id, cb), [qa, id]);
  return useSyncExternalStore(subscribe, () => qa.getRowFindings(id), () => NONE);
}

const NONE: QaFinding[] = [];

/** The gutter's QA marker: how many findings the row has, errors showing as such. */
export function RowQaMarker({ id }: { id: string }) {
  const t = useTranslations('Qa');
  const findings = useRowFindings(id).filter(isNoteworthy);
  if (!findings.length) return null;
  const errors = findings.some((f) => f.severity === 'error');
  return (
    <span
      className={`qa-marker ${errors ? 'is-error' : 'is-warning'}`}
      title={t('rowCount', { count: findings.length })}
      data-testid="qa-marker"
      data-count={findings.length}
    >
      <span aria-hidden="true">{errors ? '!' : '·'}</span>
      <span className="visually-hidden">{t('rowCount', { count: findings.length })}</span>
    </span>
  );
}

/** The active row's findings, live as the translator types. */
export function RowQaList({ id }: { id: string }) {
  const t = useTranslations('Qa');
  const message = useQaMessage();
  const findings = useRowFindings(id).filter(isNoteworthy);
  if (!findings.length) return null;
  return (
    <ul className="row-qa" aria-label={t('rowFindings')} data-testid="row-qa">
      {findings.map((f, i) => (
        <li key={`${f.check}-${i}`} className={`qa-${f.severity}`} data-check={f.check}>
          <span className="qa-severity">{t(f.severity)}</span> {message(f)}
        </li>
      ))}
    </ul>
  );
}
