'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { ConfirmRequest } from '@/lib/editor/session';
import { useEditorSession } from './editor-context';
import { useQaMessage } from './qa-message';

/**
 * Asks before a row with an error-level quality finding is marked translated or approved (Ctrl+Enter, the status
 * control, Approve): the errors are listed, going back is the default, marking it anyway is one click away.
 */
export function ConfirmDoneDialog() {
  const t = useTranslations('QaConfirm');
  const ts = useTranslations('Status');
  const message = useQaMessage();
  const session = useEditorSession();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [request, setRequest] = useState<ConfirmRequest | null>(null);

  useEffect(() => session.actions.qa.askBeforeConfirm(setRequest), [session]);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
  }, [request]);

  const close = (proceed: boolean) => {
    const current = request;
    dialog.current?.close();
    setRequest(null);
    if (proceed) current?.proceed();
    else if (current && session.editor.activeRowId === current.rowId) session.editor.focus();
  };

  if (!request) return null;
  const number = session.rows.getRowNumber(request.rowId);
  return (
    <dialog
      ref={dialog}
      className="confirm-done"
      aria-labelledby={`${id}-h`}
      aria-describedby={`${id}-d`}
      data-testid="confirm-done"
      onCancel={(e) => {
        e.preventDefault();
        close(false);
      }}
    >
      <h2 id={`${id}-h`}>{t('title', { number })}</h2>
      <p id={`${id}-d`}>{t('body', { count: request.errors.length, status: ts(request.status) })}</p>
      <ul>
        {request.errors.map((f, i) => (
          <li key={`${f.check}-${i}`} className="qa-error">
            {message(f)}
          </li>
        ))}
      </ul>
      <div className="confirm-done-actions">
        <button type="button" className="button" autoFocus onClick={() => close(false)} data-testid="confirm-done-back">
          {t('back')}
        </button>
        <button type="button" onClick={() => close(true)} data-testid="confirm-done-anyway">
          {t('anyway', { status: ts(request.status) })}
        </button>
      </div>
    </dialog>
  );
}
