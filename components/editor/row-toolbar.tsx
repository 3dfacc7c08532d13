'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getSettableStatuses, type RowStatus } from '@/lib/model';
import type { RowEditorCommand } from '@/lib/editor/row-editor';
import { useEditorSession } from './editor-context';
import { useReviewTools } from './review-context';
import { lazyTool } from './lazy-tool';

const RowHistoryDialog = lazyTool(() => import('./row-history').then((m) => m.RowHistoryDialog));

/**
 * Actions of the active row, as the person's role allows: formatting, history, merge and confirm for those who
 * edit; approve and send back for reviewers; status and comment for everyone. Only the active row renders it.
 */
export function RowToolbar({ rowId, status, isLast }: { rowId: string; status: RowStatus; isLast: boolean }) {
  const t = useTranslations('Editor');
  const ts = useTranslations('Status');
  const tn = useTranslations('Notes');
  const tr = useTranslations('Review');
  const th = useTranslations('History');
  const session = useEditorSession();
  const review = useReviewTools();
  const [historyOpen, setHistoryOpen] = useState(false);
  const { editing, notes } = session.actions;
  const { edit: canEdit, align: canAlign } = session.can;
  const user = session.user;
  const settable = getSettableStatuses(user.role);
  const options = settable.includes(status) ? settable : [status, ...settable];
  // mousedown is prevented so the editor keeps focus and selection while a button is pressed.
  const keepFocus = { onMouseDown: (e: React.MouseEvent) => e.preventDefault() };
  const command = (name: RowEditorCommand) => ({ ...keepFocus, onClick: () => editing.run(name) });
  return (
    <div className="row-toolbar" role="toolbar" aria-label={t('rowActions')} data-testid="row-toolbar">
      {canEdit && (
        <>
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
        </>
      )}
      <label>
        {t('status')}{' '}
        <select value={status} onChange={(e) => editing.setStatus(rowId, e.target.value as RowStatus)} data-testid="row-status">
          {options.map((s) => (
            <option key={s} value={s} disabled={!settable.includes(s)}>
              {ts(s)}
            </option>
          ))}
        </select>
      </label>
      {settable.includes('approved') && (
        <button type="button" onClick={() => editing.setStatus(rowId, 'approved')} disabled={status === 'approved'} data-testid="approve-row">
          {tr('approve')}
        </button>
      )}
      {settable.includes('needs-changes') && (
        <button
          type="button"
          onClick={() => {
            editing.setStatus(rowId, 'needs-changes');
            notes.commentRow(rowId, 'target');
          }}
          disabled={status === 'needs-changes'}
          data-testid="send-back-row"
        >
          {tr('sendBack')}
        </button>
      )}
      {canAlign && (
        <button type="button" onClick={() => void review.merge(rowId)} disabled={isLast} data-testid="merge-next">
          {t('merge')}
        </button>
      )}
      {canEdit && (
        <button type="button" {...keepFocus} onClick={() => editing.confirm()} data-testid="confirm-row">
          {t('confirm')}
        </button>
      )}
      <button type="button" {...keepFocus} onClick={() => notes.commentRow(rowId)} data-testid="toolbar-comment">
        {tn('commentRow')}
      </button>
      <button type="button" onClick={() => setHistoryOpen(true)} aria-haspopup="dialog" data-testid="row-history">
        {th('open')}
      </button>
      {historyOpen && (
        <RowHistoryDialog rowId={rowId} number={session.rows.getRowNumber(rowId)} onClose={() => setHistoryOpen(false)} />
      )}
    </div>
  );
}
