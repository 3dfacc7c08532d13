'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { api, type XliffImportResult } from '@/lib/client';
import { BODY_LIMITS } from '@/lib/model/limits';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { useFileUpload, type ChosenFile } from '@/components/upload/use-file-upload';
import { useEditorSession } from './editor-context';
import styles from './xliff-import.module.css';

/**
 * "Import XLIFF" in the editor header: uploads a file from a CAT tool, shows what each unit would do (matched,
 * unknown, source changed…), and applies only the matched units when the person confirms, then reloads the page
 * so every row shows its new translation. Nothing changes before the confirmation.
 */
export function XliffImport() {
  const t = useTranslations('Xliff');
  const describe = useErrorMessage();
  const { slug, saves } = useEditorSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [report, setReport] = useState<XliffImportResult | null>(null);
  const { busy, error, clearError, upload, run } = useFileUpload(BODY_LIMITS.import);
  const errorText = error && describe(error, { 'too-large': t('tooLarge', { megabytes: BODY_LIMITS.import / 1024 / 1024 }), invalid: t('invalid') });

  // The report is a modal dialog: the rows behind it are not edited while the person decides.
  useEffect(() => {
    const el = dialog.current;
    if (report && el && !el.open) {
      el.showModal();
      // Start on the safe choice: Enter must not apply a file by accident.
      el.querySelector<HTMLButtonElement>('[data-testid="xliff-import-cancel"]')?.focus();
    }
    if (!report && el?.open) el.close();
  }, [report]);

  const reset = () => {
    setFile(null);
    setReport(null);
    clearError();
    if (input.current) input.current.value = '';
  };

  async function onFile(chosen: File | undefined) {
    setReport(null);
    clearError();
    const preview = await upload(chosen, async (chosenFile) => {
      // Edits still on their way must reach the server first, so the report compares against them.
      await saves.flushAll();
      setFile(chosenFile);
      return api.previewXliffImport(slug, chosenFile.text);
    });
    if (preview) setReport(preview);
  }

  async function apply() {
    if (!file || !report) return;
    const units = report.units.filter((u) => u.status === 'match' && u.rev !== undefined).map((u) => ({ id: u.id, rev: u.rev! }));
    const result = await run(async () => {
      await saves.flushAll();
      return api.applyXliffImport(slug, file.text, units);
    });
    if (!result) return;
    if (result.applied > 0 || result.notesAdded > 0) window.location.reload();
    else setReport(result);
  }

  const matched = report?.units.filter((u) => u.status === 'match').length ?? 0;
  const knownStatuses = new Set([
    'match',
    'applied',
    'unchanged',
    'no-translation',
    'unknown-unit',
    'duplicate-unit',
    'source-changed',
    'wrong-language',
    'status-not-allowed',
    'conflict',
    'not-selected',
  ]);
  const label = (status: string) => (knownStatuses.has(status) ? t(`status.${status}` as 'status.match') : status);

  return (
    <div className={styles.wrap} data-testid="xliff-import">
      <label className={styles.pick} data-busy={busy || undefined}>
        <input
          ref={input}
          type="file"
          accept=".xlf,.xliff,.sdlxliff,.mqxliff,.xml,application/xliff+xml,application/x-xliff+xml"
          className="visually-hidden"
          data-testid="xliff-import-file"
          disabled={busy}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        {busy && !report ? t('checking') : t('import')}
      </label>
      {errorText && !report && (
        <p className="form-error" role="alert" data-testid="xliff-import-error">
          {errorText}
        </p>
      )}
      {report && (
        <dialog
          ref={dialog}
          className={styles.report}
          aria-labelledby={`${id}-h`}
          data-testid="xliff-import-report"
          onCancel={(e) => {
            e.preventDefault();
            if (!busy) reset();
          }}
        >
          <h2 id={`${id}-h`} className={styles.heading}>
            {report.preview ? t('previewTitle', { file: file?.name ?? '' }) : t('resultTitle')}
          </h2>
          <p className={styles.summary} data-testid="xliff-import-summary">
            {t('languages', { version: report.version, src: report.srcLang, trg: report.trgLang ?? '?' })}{' '}
            {Object.entries(report.counts)
              .map(([status, n]) => `${label(status)}: ${n}`)
              .join(' · ')}
          </p>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('outcome')}</th>
                  <th scope="col">{t('details')}</th>
                </tr>
              </thead>
              <tbody>
                {report.units.map((u) => (
                  <tr key={`${u.id}-${u.line}`} data-testid="xliff-unit" data-unit-id={u.id} data-status={u.status}>
                    <td dir="ltr">{u.id}</td>
                    <td>{u.line}</td>
                    <td>{label(u.status)}</td>
                    <td dir="auto">{u.message ?? u.target ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={styles.actions}>
            {report.preview && (
              <button type="button" className="button" data-testid="xliff-import-apply" disabled={busy || matched === 0} onClick={() => void apply()}>
                {t('apply', { count: matched })}
              </button>
            )}
            <button type="button" className={styles.secondary} data-testid="xliff-import-cancel" disabled={busy} onClick={reset}>
              {report.preview ? t('cancel') : t('close')}
            </button>
          </div>
          {errorText && (
            <p className="form-error" role="alert">
              {errorText}
            </p>
          )}
        </dialog>
      )}
    </div>
  );
}
