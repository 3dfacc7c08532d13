'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { STATUS_ORDER } from '@/lib/model';
import { useRowTools } from './row-tools-context';
import { useDetailsDismiss } from './use-details-dismiss';

/**
 * The grid's row filter: any of the chosen statuses, rows with open notes, rows with quality findings; the
 * conditions combine. A disclosure, so it takes one line of the header; its summary says what is chosen.
 */
export function RowFilterMenu() {
  const menu = useDetailsDismiss();
  const t = useTranslations('Rows');
  const ts = useTranslations('Status');
  const { filter } = useRowTools();
  const value = useSyncExternalStore(filter.subscribe, filter.get, filter.get);
  const chosen = value.statuses.length + (value.openNotes ? 1 : 0) + (value.qa ? 1 : 0);
  return (
    <details ref={menu} className="header-menu row-filter-menu" data-testid="row-filter">
      <summary data-active={chosen > 0 || undefined}>{chosen ? t('filterOn', { count: chosen }) : t('filter')}</summary>
      <div className="header-menu-body">
        <fieldset>
          <legend>{t('byStatus')}</legend>
          {STATUS_ORDER.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={value.statuses.includes(s)} onChange={() => filter.toggleStatus(s)} data-testid={`filter-status-${s}`} />{' '}
              {ts(s)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('withWhat')}</legend>
          <label>
            <input type="checkbox" checked={value.openNotes} onChange={(e) => filter.set({ openNotes: e.target.checked })} data-testid="filter-open-notes" />{' '}
            {t('openNotes')}
          </label>
          <label>
            <input type="checkbox" checked={value.qa} onChange={(e) => filter.set({ qa: e.target.checked })} data-testid="filter-qa" /> {t('qaFindings')}
          </label>
        </fieldset>
        <button type="button" onClick={() => filter.clear()} disabled={!chosen} data-testid="filter-clear">
          {t('showAll')}
        </button>
      </div>
    </details>
  );
}
