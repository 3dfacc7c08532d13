'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { api } from '@/lib/client';
import { getTargetText, type RowRevision } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { useEditorSession } from './editor-context';
import { useReviewTools } from './review-context';
import { WordDiff } from './word-diff';
import './review.css';

/** What a revision was, in words: its kind, or why it was made when a person did not type it. */
function useDescribeRevision(): (r: RowRevision) => string {
  const t = useTranslations('History');
  return (r) => {
    if (r.reason?.kind === 'restore' && r.reason.fromRev) return t('restoredFrom', { rev: r.reason.fromRev });
    if (r.reason) return t(`reason.${r.reason.kind}`);
    if (r.removed) return t('mergedAway');
    return t(`kind.${r.kind}`);
  };
}

/**
 * A row's history in a dialog: every revision (who, when, status, what kind of change), a word-level diff between
 * any two of them (the one before the newest and the newest to begin with), and for people who edit, Restore,
 * which makes the chosen revision's English the newest revision.
 */
export function RowHistoryDialog({ rowId, number, onClose }: { rowId: string; number: number; onClose: () => void }) {
  const t = useTranslations('History');
  const ts = useTranslations('Status');
  const format = useFormatter();
  const describeError = useErrorMessage();
  const describe = useDescribeRevision();
  const session = useEditorSession();
  const tools = useReviewTools();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [history, setHistory] = useState<{ revisions: RowRevision[]; names: Record<string, string> } | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState<{ from: number; rev: number } | null>(null);

  const load = async () => {
    try {
      const found = await api.getRowHistoryWithNames(session.slug, rowId);
      setHistory(found);
      const revs = found.revisions.map((r) => r.rev);
      setTo(revs[revs.length - 1] ?? null);
      setFrom(revs[revs.length - 2] ?? revs[0] ?? null);
    } catch (e) {
      setError(e);
    }
  };

  useEffect(() => {
    dialog.current?.showModal();
    void load();
    // Loaded once per opening; a restore loads again itself.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const restore = async (rev: number) => {
    setBusy(true);
    setError(null);
    try {
      const row = await tools.restore(rowId, rev);
      if (row) setRestored({ from: rev, rev: row.rev });
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const revisions = history?.revisions ?? [];
  const newest = revisions[revisions.length - 1];
  const fromRev = revisions.find((r) => r.rev === from);
  const toRev = revisions.find((r) => r.rev === to);
  const nameOf = (by: string | null) => (by ? (history?.names[by] ?? by) : t('nobody'));

  return createPortal(
    <dialog
      ref={dialog}
      className="review-dialog history-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="history-dialog"
      onClose={onClose}
    >
      <header className="review-dialog-head">
        <h2 id={`${id}-title`}>{t('title', { number })}</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label={t('close')} data-testid="history-close">
          ×
        </button>
      </header>
      {!history && !error && <p role="status">{t('loading')}</p>}
      {restored && (
        <p role="status" className="review-ok" data-testid="history-restored">
          {t('restored', { from: restored.from, rev: restored.rev })}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="review-error" data-testid="history-error">
          {describeError(error)}
        </p>
      )}
      {history && (
        <>
          <table className="history-table" data-testid="history-list">
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('revision')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('change')}</th>
                <th scope="col">{t('compareFrom')}</th>
                <th scope="col">{t('compareTo')}</th>
                {session.can.edit && <th scope="col"><span className="visually-hidden">{t('actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {revisions
                .slice()
                .reverse()
                .map((r) => (
                  <tr key={r.rev} data-testid="history-revision" data-rev={r.rev} data-kind={r.kind}>
                    <th scope="row">{r.rev}</th>
                    <td data-testid="history-who">{nameOf(r.by)}</td>
                    <td>
                      <time dateTime={r.at}>{format.dateTime(new Date(r.at), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                    </td>
                    <td>{ts(r.status)}</td>
                    <td>{describe(r)}</td>
                    <td>
                      <input
                        type="radio"
                        name={`${id}-from`}
                        checked={from === r.rev}
                        onChange={() => setFrom(r.rev)}
                        aria-label={t('compareFromRev', { rev: r.rev })}
                      />
                    </td>
                    <td>
                      <input type="radio" name={`${id}-to`} checked={to === r.rev} onChange={() => setTo(r.rev)} aria-label={t('compareToRev', { rev: r.rev })} />
                    </td>
                    {session.can.edit && (
                      <td>
                        {r !== newest && !r.removed && (
                          <button type="button" disabled={busy} onClick={() => void restore(r.rev)} data-testid="history-restore">
                            {t('restore', { rev: r.rev })}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          </table>
          {fromRev && toRev && (
            <section className="history-diff" aria-labelledby={`${id}-diff`}>
              <h3 id={`${id}-diff`}>{t('diffTitle', { from: fromRev.rev, to: toRev.rev })}</h3>
              <WordDiff before={getTargetText(fromRev.target)} after={getTargetText(toRev.target)} lang={session.targetLang} testId="history-diff" />
            </section>
          )}
        </>
      )}
    </dialog>,
    document.body,
  );
}
