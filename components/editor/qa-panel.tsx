'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import { countFindings } from '@/lib/model';
import { useEditorSession } from './editor-context';
import { useQaMessage } from './qa-message';

/**
 * Every row with a QA finding, in document order, kept current as rows change; a click takes the translator to
 * the row. Untranslated rows are left out unless asked for: early in a job they would bury everything else.
 */
export function QaPanel({ onJump }: { onJump: (rowId: string) => void }) {
  const t = useTranslations('Qa');
  const message = useQaMessage();
  const { qa } = useEditorSession();
  const computed = useSyncExternalStore(qa.subscribeList, qa.getList, () => null);
  const list = computed ?? EMPTY;
  const [showUntranslated, setShowUntranslated] = useState(false);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const rows = list
    .map((r) => ({
      ...r,
      findings: r.findings.filter((f) => (showUntranslated || f.check !== 'untranslated') && (!errorsOnly || f.severity === 'error')),
    }))
    .filter((r) => r.findings.length);
  const counts = countFindings(rows.flatMap((r) => r.findings));
  return (
    <div className="qa-panel" data-testid="qa-panel">
      <p className="tool-summary" data-testid="qa-summary" aria-live="polite">
        {!computed
          ? t('checking')
          : rows.length
            ? t('summary', { rows: rows.length, errors: counts.errors, warnings: counts.warnings })
            : t('clean')}
      </p>
      <div className="tool-options">
        <label>
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> {t('errorsOnly')}
        </label>
        <label>
          <input type="checkbox" checked={showUntranslated} onChange={(e) => setShowUntranslated(e.target.checked)} /> {t('showUntranslated')}
        </label>
      </div>
      <ol className="tool-results">
        {rows.map((r) => (
          <li key={r.rowId} data-testid="qa-row" data-row-id={r.rowId}>
            <button type="button" className="tool-jump" onClick={() => onJump(r.rowId)}>
              {t('row', { number: r.number })}
            </button>
            <ul>
              {r.findings.map((f, i) => (
                <li key={`${f.check}-${i}`} className={`qa-${f.severity}`} data-check={f.check}>
                  <span className="qa-severity">{t(f.severity)}</span> {message(f)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}

const EMPTY: never[] = [];
