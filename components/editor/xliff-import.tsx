'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { useEditorContext } from './editor-context';
import styles from './xliff-import.module.css';

/** One unit of the server's report (see lib/model/xliff/merge.ts). */
interface UnitReport {
  id: string;
  line: number;
  status: string;
  rowId?: string;
  rev?: number;
  target?: string;
  message?: string;
}

interface ImportResult {
  preview: boolean;
  version: string;
  srcLang: string;
  trgLang: string | null;
  units: UnitReport[];
  counts: Record<string, number>;
  applied: number;
  notesAdded: number;
}

/** The same limit as the server's: a bigger file is refused before it is sent. */
const MAX_BYTES = 5 * 1024 * 1024;

async function post(url: string, body: string, contentType: string): Promise<ImportResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json as ImportResult;
}

/**
 * "Import XLIFF" in the editor header: uploads a file from a CAT tool, shows what each unit would do (matched,
 * unknown, source changed…), and applies only the matched units when the person confirms, then reloads the page
 * so every row shows its new translation. Nothing changes before the confirmation.
 */
export function XliffImport({ slug }: { slug: string }) {
  const t = useTranslations('Xliff');
  const { queue } = useEditorContext();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/documents/${slug}/import?format=xliff`;

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
    setError(null);
    if (input.current) input.current.value = '';
  };

  async function onFile(chosen: File | undefined) {
    if (!chosen) return;
    setReport(null);
    setError(null);
    if (chosen.size > MAX_BYTES) {
      setError(t('tooLarge'));
      return;
    }
    setBusy(true);
    try {
      const text = await chosen.text();
      // Edits still on their way must reach the server first, so the report compares against them.
      await queue.flushAll();
      setFile({ name: chosen.name, text });
      setReport(await post(url, text, 'application/xliff+xml'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!file || !report) return;
    const units = report.units.filter((u) => u.status === 'match' && u.rev !== undefined).map((u) => ({ id: u.id, rev: u.rev! }));
    setBusy(true);
    setError(null);
    try {
      await queue.flushAll();
      const result = await post(url, JSON.stringify({ xliff: file.text, units }), 'application/json');
      if (result.applied > 0 || result.notesAdded > 0) {
        window.location.reload();
        return;
      }
      setReport(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
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
      {error && !report && (
        <p className="form-error" role="alert" data-testid="xliff-import-error">
          {error}
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
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </dialog>
      )}
    </div>
  );
}
