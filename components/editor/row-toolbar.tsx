'use client';

import { useTranslations } from 'next-intl';
import { ROW_STATUSES, type RowStatus } from '@/lib/model';
import type { RowEditorCommand } from '@/lib/editor/row-editor';
import { useEditorContext } from './editor-context';

/** Actions of the active row: formatting, history, status, merge, confirm. Only the active row renders it. */
export function RowToolbar({ rowId, status, isLast }: { rowId: string; status: RowStatus; isLast: boolean }) {
  const t = useTranslations('Editor');
  const ts = useTranslations('Status');
  const { editor, actions } = useEditorContext();
  // mousedown is prevented so the editor keeps focus and selection while a button is pressed.
  const command = (name: RowEditorCommand) => ({
    onMouseDown: (e: React.MouseEvent) => e.preventDefault(),
    onClick: () => editor.run(name),
  });
  return (
    <div className="row-toolbar" role="toolbar" aria-label={t('rowActions')} data-testid="row-toolbar">
      <button type="button" {...command('bold')} title={t('bold')}>
        <strong>B</strong>
        <span className="visually-hidden">{t('bold')}</span>
      </button>
      <button type="button" {...command('italic')} title={t('italic')}>
        <em>I</em>
        <span className="visually-hidden">{t('italic')}</span>
      </button>
      <button type="button" {...command('undo')}>
        {t('undo')}
      </button>
      <button type="button" {...command('redo')}>
        {t('redo')}
      </button>
      <span className="sep" aria-hidden="true" />
      <label>
        {t('status')}{' '}
        <select value={status} onChange={(e) => actions.setStatus(rowId, e.target.value as RowStatus)} data-testid="row-status">
          {ROW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => actions.merge(rowId)} disabled={isLast} data-testid="merge-next">
        {t('merge')}
      </button>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => editor.confirm()} data-testid="confirm-row">
        {t('confirm')}
      </button>
    </div>
  );
}
