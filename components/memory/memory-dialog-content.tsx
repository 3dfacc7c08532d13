'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { api, getMemoryExportUrl, type MemoryImportReport } from '@/lib/client';
import { getLangDir, type ConcordanceHit, type TextSpan } from '@/lib/model';
import { BODY_LIMITS } from '@/lib/model/limits';
import { useErrorMessage } from '@/components/errors/use-error-message';
import { useFileUpload } from '@/components/upload/use-file-upload';
import styles from './memory.module.css';

/** Text with the found spans marked (as elements around text, never as HTML). */
function Marked({ text, spans }: { text: string; spans: TextSpan[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(<mark key={i}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * "Translation memory…" in the editor header: a dialog to search the memory for a word (concordance), download it
 * as TMX, and (for translators and editors) import a TMX file from another tool.
 */
export function MemoryDialogContent({ canImport, openOnMount = false }: { canImport: boolean; openOnMount?: boolean }) {
  const t = useTranslations('Memory');
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; hits: ConcordanceHit[]; total: number } | null>(null);
  const [report, setReport] = useState<MemoryImportReport | null>(null);
  // Searching and importing share one busy flag and one error line, as one dialog.
  const { busy, error, upload, run } = useFileUpload(BODY_LIMITS.import);
  const describe = useErrorMessage();
  // Loaded by its button's first press (memory-dialog.tsx), which this button then replaces.
  useEffect(() => {
    if (openOnMount) dialog.current?.showModal();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function search(e: React.FormEvent) {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    const found = await run(() => api.searchMemory(q));
    if (found) setResult({ query: q, ...found });
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    setReport(null);
    const imported = await upload(file, (chosen) => api.importMemoryTmx(chosen.text));
    if (imported) setReport(imported);
    if (fileInput.current) fileInput.current.value = '';
  }

  return (
    <>
      <button type="button" className={styles.open} onClick={() => dialog.current?.showModal()} data-testid="tm-open">
        {t('open')}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-h`} data-testid="tm-dialog">
        <div className={styles.dialogHead}>
          <h2 id={`${id}-h`}>{t('title')}</h2>
          <button type="button" className={styles.open} onClick={() => dialog.current?.close()}>
            {t('close')}
          </button>
        </div>
        <form className={styles.search} role="search" onSubmit={(e) => void search(e)}>
          <label htmlFor={`${id}-q`}>{t('searchLabel')}</label>
          <input
            id={`${id}-q`}
            type="search"
            dir="auto"
            value={query}
            maxLength={200}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="tm-search"
          />
          <button type="submit" className="button" disabled={busy || !query.trim()}>
            {t('search')}
          </button>
        </form>
        {result && (
          <>
            <p className={styles.result} role="status" data-testid="tm-search-count">
              {t('found', { count: result.total, query: result.query })}
            </p>
            {/* Scrolls on its own, so it takes the keyboard focus too. */}
            <ul className={styles.hits} tabIndex={0} aria-label={t('results')}>
              {result.hits.map((h) => (
                <li key={h.entry.id} className={styles.hit} data-testid="tm-hit">
                  <p lang={h.entry.sourceLang} dir={getLangDir(h.entry.sourceLang)}>
                    <Marked text={h.entry.source} spans={h.source} />
                  </p>
                  <p lang={h.entry.targetLang} dir={getLangDir(h.entry.targetLang)} className="content-latin">
                    <Marked text={h.entry.target} spans={h.target} />
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className={styles.tools}>
          <a href={getMemoryExportUrl()} download data-testid="tm-export">
            {t('export')}
          </a>
          {canImport && (
            <label className={styles.pick}>
              <input
                ref={fileInput}
                type="file"
                accept=".tmx,.xml,application/x-tmx+xml"
                className="visually-hidden"
                disabled={busy}
                onChange={(e) => void importFile(e.target.files?.[0])}
                data-testid="tm-import-file"
              />
              {t('import')}
            </label>
          )}
        </div>
        {report && (
          <div role="status" data-testid="tm-import-report">
            <p className={styles.result}>{t('imported', { units: report.units, added: report.added, replaced: report.replaced, unchanged: report.unchanged, skipped: report.skipped.length })}</p>
            {report.skipped.length > 0 && (
              <ul className={styles.skipped} tabIndex={0} aria-label={t('skippedList')}>
                {report.skipped.map((s) => (
                  <li key={`${s.line}-${s.reason}`} dir="ltr">
                    {s.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="tm-error">
            {describe(error, { 'too-large': t('tooLarge', { megabytes: BODY_LIMITS.import / 1024 / 1024 }), invalid: t('invalidTmx') })}
          </p>
        )}
      </dialog>
    </>
  );
}
