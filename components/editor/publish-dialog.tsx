'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { getPublishPreview, STATUS_ORDER, type PublishSelection } from '@/lib/model';
import { useEditorSession } from './editor-context';
import './review.css';

/** The choices an editor has in the dialog (every row, with placeholders, stays for outside callers only). */
const CHOICES = ['approved', 'approved-translated'] as const satisfies readonly PublishSelection[];

/**
 * The check before publishing: what will be public (rows by status, the rows left out with their numbers, the
 * public notes that become footnotes), and the choice of approved rows only or approved and translated rows.
 * Nothing is published until Publish in the dialog is pressed.
 */
export function PublishDialog({
  initial,
  busy,
  error,
  onPublish,
  onClose,
}: {
  initial: PublishSelection | null;
  busy: boolean;
  /** Why the last try failed, in the interface's language. */
  error: string | null;
  onPublish: (include: PublishSelection) => void;
  onClose: () => void;
}) {
  const t = useTranslations('PublishCheck');
  const ts = useTranslations('Status');
  const { rows, notes, targetLang } = useEditorSession();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [include, setInclude] = useState<PublishSelection>(initial === 'approved' ? 'approved' : 'approved-translated');
  // The rows and notes as the editor has them now (pending saves are sent before publishing).
  const preview = useMemo(() => getPublishPreview({ rows: rows.getRows() }, notes.getAll(), include), [rows, notes, include]);
  const published = STATUS_ORDER.filter((s) => preview.byStatus[s] > 0);
  const total = published.reduce((n, s) => n + preview.byStatus[s], 0);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return createPortal(
    <dialog ref={dialog} className="review-dialog publish-dialog" aria-labelledby={`${id}-title`} data-testid="publish-dialog" onClose={onClose}>
      <header className="review-dialog-head">
        <h2 id={`${id}-title`}>{t('title')}</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label={t('close')}>
          ×
        </button>
      </header>
      <fieldset>
        <legend>{t('choose')}</legend>
        {CHOICES.map((c) => (
          <label key={c}>
            <input type="radio" name={`${id}-include`} checked={include === c} onChange={() => setInclude(c)} data-testid={`publish-include-${c}`} />{' '}
            {t(`include.${c}`)}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby={`${id}-public`}>
        <h3 id={`${id}-public`}>{t('public', { count: total })}</h3>
        {published.length ? (
          <ul data-testid="publish-by-status">
            {published.map((s) => (
              <li key={s} data-status={s}>
                {t('byStatus', { status: ts(s), count: preview.byStatus[s] })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="review-error" role="alert" data-testid="publish-nothing">
            {t('nothing')}
          </p>
        )}
      </section>
      <section aria-labelledby={`${id}-left`}>
        <h3 id={`${id}-left`}>{t('leftOut', { count: preview.leftOut.length })}</h3>
        {preview.leftOut.length > 0 && (
          <>
            <p>{t('leftOutHint')}</p>
            <ul className="publish-left-out" data-testid="publish-left-out">
              {preview.leftOut.map((r) => (
                <li key={r.id} data-row-id={r.id}>
                  {t('row', { number: r.number, status: ts(r.status) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby={`${id}-notes`}>
        <h3 id={`${id}-notes`}>{t('notes', { count: preview.notes.length })}</h3>
        {preview.notes.length > 0 && (
          <ul data-testid="publish-notes">
            {preview.notes.map((n) => (
              <li key={n.id}>
                {t('noteOn', { number: n.rowNumber })}{' '}
                <span dir="auto" lang={targetLang} className="publish-note-body">
                  {n.body}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {error && (
        <p className="review-error" role="alert" data-testid="publish-error">
          {error}
        </p>
      )}
      <div className="review-dialog-actions">
        <button
          type="button"
          className="review-primary"
          disabled={busy || total === 0}
          onClick={() => onPublish(include)}
          data-testid="publish-confirm"
        >
          {t('publish')}
        </button>
        <button type="button" onClick={() => dialog.current?.close()} data-testid="publish-cancel">
          {t('cancel')}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}
