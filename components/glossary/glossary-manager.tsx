'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, getGlossaryExportUrl, toApiError, type GlossaryImportReport } from '@/lib/client';
import { foldArabic, getGlossaryKey, sortGlossary, type GlossaryEntry } from '@/lib/model';
import { BODY_LIMITS } from '@/lib/model/limits';
import { getFileProblem, useErrorMessage } from '@/components/errors/use-error-message';
import { useFileUpload } from '@/components/upload/use-file-upload';
import styles from './glossary.module.css';
import { FilePick } from '@/components/upload/file-pick';

type Fields = { term: string; rendering: string; note: string };
const EMPTY: Fields = { term: '', rendering: '', note: '' };

/** Folded for search: diacritics, tatweel and letter forms aside, any case (as the editor's find does). */
const fold = (text: string) => foldArabic(text, { lowerAll: true }).text;

/** The glossary's file exchange: TBX and CSV downloads and, for those who may edit, an import. */
function GlossaryExchange({ canEdit, onImported }: { canEdit: boolean; onImported: (entries: GlossaryEntry[]) => void }) {
  const t = useTranslations('Glossary');
  const id = useId();
  const describe = useErrorMessage();
  const { busy, error, clearError, upload } = useFileUpload(BODY_LIMITS.import);
  const [report, setReport] = useState<GlossaryImportReport | null>(null);
  const [wrongFormat, setWrongFormat] = useState(false);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const format = /\.csv$/i.test(file.name) ? 'csv' : /\.(tbx|xml)$/i.test(file.name) ? 'tbx' : null;
    setReport(null);
    clearError();
    setWrongFormat(!format);
    if (!format) return;
    const imported = await upload(file, (chosen) => api.importGlossary(chosen.text, format));
    if (!imported) return;
    onImported(imported.entries);
    setReport(imported);
  }

  const failed = wrongFormat || error !== null;
  return (
    <section className={styles.exchange} aria-labelledby={`${id}-exchange`} data-testid="glossary-exchange">
      <h2 id={`${id}-exchange`}>{t('exchangeTitle')}</h2>
      <p>
        <a href={getGlossaryExportUrl('tbx')} download data-testid="glossary-export-tbx">
          {t('exportTbx')}
        </a>{' '}
        <a href={getGlossaryExportUrl('csv')} download data-testid="glossary-export-csv">
          {t('exportCsv')}
        </a>
      </p>
      {canEdit && (
        <FilePick
          label={busy ? t('importing') : t('importLabel')}
          accept=".tbx,.xml,.csv,text/csv,application/xml"
          onFile={(_, e) => void onFile(e)}
          disabled={busy}
          testId="glossary-import-input"
        />
      )}
      {(report || failed) && (
        <div role={failed ? 'alert' : 'status'} data-testid="glossary-import-result">
          {failed ? (
            <>
              <p className="form-error">
                {wrongFormat
                  ? t('importFormat')
                  : describe(error, { 'too-large': t('importTooLarge', { megabytes: BODY_LIMITS.import / 1024 / 1024 }), invalid: t('importInvalid'), network: t('networkError') })}
              </p>
              {error && getFileProblem(error) && (
                <p className="hint" dir="auto" data-testid="glossary-import-detail">
                  {getFileProblem(error)}
                </p>
              )}
            </>
          ) : (
            report && (
              <>
                <p className="form-ok">
                  {t('imported', { records: report.records, added: report.added, replaced: report.replaced, unchanged: report.unchanged, skipped: report.skipped.length })}
                </p>
                {report.skipped.length > 0 && (
                  <details>
                    <summary>{t('skippedTitle')}</summary>
                    <ul dir="auto">
                      {report.skipped.slice(0, 50).map((s) => (
                        <li key={`${s.at}-${s.reason}`}>{s.message}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </>
            )
          )}
        </div>
      )}
    </section>
  );
}

/** The three inputs of an entry, for the add form and for editing a row in place. */
function EntryInputs({ value, onChange, idPrefix, inline }: { value: Fields; onChange: (v: Fields) => void; idPrefix: string; inline?: boolean }) {
  const t = useTranslations('Glossary');
  const field = (name: keyof Fields, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <label className={inline ? styles.inlineField : undefined}>
      <span className={inline ? 'visually-hidden' : undefined}>{t(name === 'term' ? 'term' : name === 'rendering' ? 'rendering' : 'note')}</span>
      <input
        type="text"
        name={name}
        id={`${idPrefix}-${name}`}
        value={value[name]}
        onChange={(e) => onChange({ ...value, [name]: e.target.value })}
        data-testid={`glossary-${name}-input`}
        {...props}
      />
    </label>
  );
  return (
    <>
      {field('term', { lang: 'ar', dir: 'rtl', required: true, autoFocus: inline })}
      {field('rendering', { lang: 'en', dir: 'ltr', required: true })}
      {field('note', { dir: 'auto' })}
    </>
  );
}

/**
 * The glossary as a table sorted by term. People who may edit it get a form to add a term, and per row an inline
 * edit and a delete that asks first. Every change goes to the server and the table shows what it answered.
 */
export function GlossaryManager({ initialEntries, canEdit }: { initialEntries: GlossaryEntry[]; canEdit: boolean }) {
  const t = useTranslations('Glossary');
  const id = useId();
  const [entries, setEntries] = useState(() => sortGlossary(initialEntries));
  const [draft, setDraft] = useState<Fields>(EMPTY);
  const [adding, setAdding] = useState(false);
  const [addResult, setAddResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [editing, setEditing] = useState<{ id: string; fields: Fields } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [query, setQuery] = useState('');
  const needle = fold(query.trim());
  const shown = useMemo(
    () => (needle ? entries.filter((e) => [e.term, e.rendering, e.note ?? ''].some((text) => fold(text).includes(needle))) : entries),
    [entries, needle],
  );
  // After an edit is saved or cancelled the focus goes back to the row's Edit button, once the row shows it again.
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    document.querySelector<HTMLElement>(`[data-entry-id="${refocus}"] [data-testid="glossary-edit-button"]`)?.focus();
    setRefocus(null);
  }, [refocus]);

  const describe = useErrorMessage();
  /** Why a change was refused; a term that is there already is named, as the list here has it. */
  const failure = (e: unknown, term?: string, exceptId?: string) => {
    const key = term === undefined ? null : getGlossaryKey(term);
    const other = toApiError(e).code === 'exists' ? entries.find((x) => x.id !== exceptId && getGlossaryKey(x.term) === key) : undefined;
    return describe(e, { network: t('networkError'), ...(other && { exists: t('exists', { term: other.term }) }) });
  };

  async function onAdd(e: FormEvent) {
    e.preventDefault();
    setAdding(true);
    setAddResult(null);
    try {
      const entry = await api.addGlossaryTerm({
        term: draft.term,
        rendering: draft.rendering,
        ...(draft.note.trim() && { note: draft.note }),
      });
      setEntries((list) => sortGlossary([...list, entry]));
      setDraft(EMPTY);
      setAddResult({ ok: true, message: t('added', { term: entry.term }) });
    } catch (err) {
      setAddResult({ ok: false, message: failure(err, draft.term) });
    } finally {
      setAdding(false);
    }
  }

  async function onSave(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const old = entries.find((x) => x.id === editing.id);
    if (!old) return;
    const { term, rendering, note } = editing.fields;
    setBusyId(editing.id);
    setRowError(null);
    try {
      const entry = await api.updateGlossaryTerm(editing.id, {
        ...(term !== old.term && { term }),
        ...(rendering !== old.rendering && { rendering }),
        note,
      });
      setEntries((list) => sortGlossary(list.map((x) => (x.id === entry.id ? entry : x))));
      setEditing(null);
      setRefocus(entry.id);
    } catch (err) {
      setRowError({ id: editing.id, message: failure(err, term, editing.id) });
    } finally {
      setBusyId(null);
    }
  }

  async function onDelete(entry: GlossaryEntry) {
    setBusyId(entry.id);
    setRowError(null);
    try {
      await api.deleteGlossaryTerm(entry.id);
      setEntries((list) => list.filter((x) => x.id !== entry.id));
      setConfirming(null);
    } catch (err) {
      setRowError({ id: entry.id, message: failure(err) });
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className={styles.glossary} data-testid="glossary" data-can-edit={canEdit}>
      <p className="hint">{t('intro')}</p>
      {!canEdit && (
        <p className="hint" data-testid="glossary-read-only">
          {t('readOnly')}
        </p>
      )}
      {canEdit && (
        <form className={styles.addForm} onSubmit={onAdd} aria-labelledby={`${id}-add`} data-testid="glossary-add">
          <h2 id={`${id}-add`}>{t('addTitle')}</h2>
          <div className="form-row">
            <EntryInputs value={draft} onChange={setDraft} idPrefix={`${id}-new`} />
          </div>
          {addResult && (
            <p className={addResult.ok ? 'form-ok' : 'form-error'} role={addResult.ok ? 'status' : 'alert'} data-testid="glossary-add-result">
              {addResult.message}
            </p>
          )}
          <button className="button" type="submit" disabled={adding}>
            {adding ? t('adding') : t('add')}
          </button>
        </form>
      )}
      <GlossaryExchange canEdit={canEdit} onImported={(list) => setEntries(sortGlossary(list))} />
      <p className="hint" data-testid="glossary-count">
        {t('count', { count: entries.length })}
      </p>
      <label className={styles.search}>
        <span>{t('search')}</span>
        <input
          type="search"
          dir="auto"
          value={query}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="glossary-search"
        />
      </label>
      {needle && (
        <p className="hint" role="status" data-testid="glossary-search-count">
          {t('matches', { shown: shown.length, query: query.trim() })}
        </p>
      )}
      {entries.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('term')}</th>
              <th scope="col">{t('rendering')}</th>
              <th scope="col">{t('note')}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => {
              const isEditing = editing?.id === entry.id;
              const busy = busyId === entry.id;
              return (
                <tr key={entry.id} data-testid="glossary-entry" data-entry-id={entry.id}>
                  {isEditing ? (
                    <td colSpan={canEdit ? 4 : 3}>
                      <form
                        className={styles.editForm}
                        onSubmit={onSave}
                        onKeyDown={(e) => {
                          if (e.key !== 'Escape') return;
                          setEditing(null);
                          setRefocus(entry.id);
                        }}
                        aria-label={t('editLabel', { term: entry.term })}
                        data-testid="glossary-edit"
                      >
                        <EntryInputs value={editing.fields} onChange={(fields) => setEditing({ id: entry.id, fields })} idPrefix={`${id}-${entry.id}`} inline />
                        <button className="button" type="submit" disabled={busy} data-testid="glossary-save">
                          {busy ? t('saving') : t('save')}
                        </button>
                        <button
                          type="button"
                          onClick={() => {
                            setEditing(null);
                            setRefocus(entry.id);
                          }}
                        >
                          {t('cancel')}
                        </button>
                        {rowError?.id === entry.id && (
                          <p className="form-error" role="alert" data-testid="glossary-row-error">
                            {rowError.message}
                          </p>
                        )}
                      </form>
                    </td>
                  ) : (
                    <>
                      <td lang="ar" dir="rtl" className={styles.term} data-testid="glossary-entry-term">
                        {entry.term}
                      </td>
                      <td lang="en" dir="ltr" data-testid="glossary-entry-rendering">
                        {entry.rendering}
                      </td>
                      <td dir="auto" className={styles.note} data-testid="glossary-entry-note">
                        {entry.note}
                      </td>
                      {canEdit && (
                        <td className={styles.actions}>
                          {confirming === entry.id ? (
                            <span role="group" aria-label={t('confirmDelete', { term: entry.term })} data-testid="glossary-confirm">
                              <span>{t('confirmDelete', { term: entry.term })}</span>{' '}
                              <button type="button" className={styles.danger} disabled={busy} onClick={() => void onDelete(entry)} data-testid="glossary-confirm-yes">
                                {t('confirmYes')}
                              </button>
                              <button type="button" onClick={() => setConfirming(null)} autoFocus>
                                {t('confirmNo')}
                              </button>
                            </span>
                          ) : (
                            <>
                              <button
                                type="button"
                                aria-label={t('editLabel', { term: entry.term })}
                                onClick={() => {
                                  setConfirming(null);
                                  setRowError(null);
                                  setEditing({ id: entry.id, fields: { term: entry.term, rendering: entry.rendering, note: entry.note ?? '' } });
                                }}
                                data-testid="glossary-edit-button"
                              >
                                {t('edit')}
                              </button>
                              <button
                                type="button"
                                aria-label={t('deleteLabel', { term: entry.term })}
                                onClick={() => {
                                  setRowError(null);
                                  setConfirming(entry.id);
                                }}
                                data-testid="glossary-delete-button"
                              >
                                {t('delete')}
                              </button>
                            </>
                          )}
                          {rowError?.id === entry.id && (
                            <p className="form-error" role="alert" data-testid="glossary-row-error">
                              {rowError.message}
                            </p>
                          )}
                        </td>
                      )}
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
