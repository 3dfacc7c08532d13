'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import { countFindings } from '@/lib/model';
import { useEditorSession } from './editor-context';
import { useQaMessage } from './qa-message';

/**
 * Every row with a QA finding, in document order, kept current as rows change; a click takes the translator to
 * the row. Untranslated rows are left out unless asked for: early in a job they would bury everything else. A
 * finding can be ignored in its row (kept in the document, listed as ignored) and the choice taken back.
 */
export function QaPanel({ onJump }: { onJump: (rowId: string) => void }) {
  const t = useTranslations('Qa');
  const message = useQaMessage();
  const session = useEditorSession();
  const { qa } = session;
  const qaActions = session.actions.qa;
  const canIgnore = session.can.edit;
  const computed = useSyncExternalStore(qa.subscribeList, qa.getList, () => null);
  const list = computed ?? EMPTY;
  const [showUntranslated, setShowUntranslated] = useState(false);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const rows = list
    .map((r) => ({
      ...r,
      findings: r.findings.filter((f) => (showUntranslated || f.check !== 'untranslated') && (!errorsOnly || f.severity === 'error')),
      ignored: errorsOnly ? [] : r.ignored,
    }))
    .filter((r) => r.findings.length || r.ignored.length);
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
                <li key={`${f.check}-${i}`} className={`qa-${f.severity}`} data-check={f.check} data-testid="qa-finding">
                  <span className="qa-severity">{t(f.severity)}</span> {message(f)}
                  {canIgnore && f.check !== 'untranslated' && (
                    <button type="button" className="qa-ignore" onClick={() => void qaActions.ignore(r.rowId, f, true)} data-testid="qa-ignore">
                      {t('ignore')}
                    </button>
                  )}
                </li>
              ))}
              {r.ignored.map((f, i) => (
                <li key={`ignored-${f.check}-${i}`} className="qa-ignored" data-check={f.check} data-testid="qa-ignored">
                  <span className="qa-severity">{t('ignored')}</span> {message(f)}
                  {canIgnore && (
                    <button type="button" className="qa-ignore" onClick={() => void qaActions.ignore(r.rowId, f, false)} data-testid="qa-unignore">
                      {t('unignore')}
                    </button>
                  )}
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
