'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { useEditorSession } from './editor-context';
import './review.css';

/**
 * The question asked before the first change typed into an approved row: "this row is approved; editing sends it
 * back to review". Edit lets the typed change through (and the row is not asked about again); Cancel drops it.
 */
export function ApprovalDialog() {
  const t = useTranslations('Approval');
  const { approval, rows, editor } = useEditorSession();
  const question = useSyncExternalStore(approval.subscribe, approval.getQuestion, () => null);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (question && !el.open) el.showModal();
    if (!question && el.open) {
      el.close();
      // Back to the row's editor with its caret where it was: the dialog's buttons took the page's selection.
      editor.focus();
    }
  }, [question, editor]);

  const number = question ? rows.getRowNumber(question.rowId) : 0;
  return (
    <dialog
      ref={dialog}
      className="review-dialog approval-dialog"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="approval-dialog"
      onClose={() => approval.cancel()}
    >
      <h2 id={`${id}-title`}>{t('title', { number })}</h2>
      <p id={`${id}-body`}>{t('body')}</p>
      <div className="review-dialog-actions">
        <button type="button" className="review-primary" onClick={() => approval.confirm()} data-testid="approval-edit" autoFocus>
          {t('edit')}
        </button>
        <button type="button" onClick={() => approval.cancel()} data-testid="approval-cancel">
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
