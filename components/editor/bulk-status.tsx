'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import { api } from '@/lib/client';
import { getSettableStatuses, type RowStatus } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { useEditorSession } from './editor-context';
import { useRowTools } from './row-tools-context';

/**
 * Setting one status on many rows: rows get check boxes ("Choose rows"), the rows the filter shows can be chosen at
 * once, and the status the person's role may set goes to all of them in one request, or to none (the server checks
 * each row). Unsaved edits of those rows are saved first, so the status lands on what was typed.
 */
export function BulkStatus() {
  const t = useTranslations('Rows');
  const ts = useTranslations('Status');
  const describe = useErrorMessage();
  const session = useEditorSession();
  const { selection, filter } = useRowTools();
  const on = useSyncExternalStore(selection.subscribe, selection.isOn, () => false);
  const ids = useSyncExternalStore(selection.subscribe, selection.getIds, selection.getIds);
  const settable = getSettableStatuses(session.user.role);
  const [status, setStatus] = useState<RowStatus>(settable[0]!);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: number } | { error: unknown } | null>(null);

  if (!on) {
    return (
      <button type="button" className="header-button" onClick={() => selection.setOn(true)} data-testid="choose-rows">
        {t('chooseRows')}
      </button>
    );
  }

  const chooseShown = () => {
    const { rows, notes, qa } = session;
    selection.choose(
      rows.getOrder().filter((id) => {
        const row = rows.getRow(id)!;
        const openNotes = notes.getRowNotes(id).some((n) => n.status === 'open');
        return filter.matches({ status: row.status, openNotes, qa: qa.getRowFindings(id).some((f) => f.check !== 'untranslated') });
      }),
    );
  };

  const apply = async () => {
    const chosen = session.rows.getOrder().filter((id) => ids.has(id));
    if (!chosen.length) return;
    setBusy(true);
    setOutcome(null);
    try {
      await Promise.all(chosen.map((id) => session.saves.flush(id)));
      const { rows } = await api.setRowsStatus(session.slug, { status, rowIds: chosen });
      for (const row of rows) session.remote.applyRow(row);
      setOutcome({ ok: rows.length });
    } catch (e) {
      setOutcome({ error: e });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bulk-status" role="group" aria-label={t('bulkLabel')} data-testid="bulk-status">
      <span data-testid="chosen-count">{t('chosen', { count: ids.size })}</span>
      <button type="button" onClick={chooseShown} data-testid="choose-shown">
        {filter.isActive() ? t('chooseShown') : t('chooseAll')}
      </button>
      <button type="button" onClick={() => selection.choose([])} disabled={!ids.size}>
        {t('chooseNone')}
      </button>
      <label>
        {t('setStatus')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as RowStatus)} data-testid="bulk-status-select">
          {settable.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={() => void apply()} disabled={busy || !ids.size} data-testid="bulk-apply">
        {t('apply', { count: ids.size })}
      </button>
      <button type="button" onClick={() => selection.setOn(false)} data-testid="choose-done">
        {t('done')}
      </button>
      <span role="status" className="bulk-outcome">
        {outcome && 'ok' in outcome && t('applied', { count: outcome.ok })}
      </span>
      {outcome && 'error' in outcome && (
        <span className="form-error" role="alert" data-testid="bulk-error">
          {t('failed', { message: describe(outcome.error) })}
        </span>
      )}
    </div>
  );
}
