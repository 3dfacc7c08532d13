import { useFormatter, useTranslations } from 'next-intl';
import { getLangDir, STATUS_ORDER, type BrokenDocument, type DocumentSummary } from '@/lib/model';
import { StatusBar } from './status-bar';

/**
 * The library's list: titles in both languages, rows by status, progress, and links to the editor and the
 * report. A server component with plain links and no client component per row, so a page of 50 documents
 * stays small: each row is its HTML once and its description in the page's payload once, nothing more.
 */
export function DocumentList({ documents, broken, locale }: { documents: DocumentSummary[]; broken: BrokenDocument[]; locale: string }) {
  const t = useTranslations('Library');
  const ts = useTranslations('Status');
  const format = useFormatter();
  return (
    <>
      <ul className="doc-list" data-testid="document-list">
        {documents.map((d) => {
          const editor = `/${locale}/documents/${d.slug}`;
          const progress = t('progress', { percent: Math.round(d.progress * 100) });
          return (
            <li key={d.slug} className="doc-card" data-slug={d.slug}>
              <h2 className="doc-title-source" lang={d.sourceLang} dir={getLangDir(d.sourceLang)}>
                <a href={editor}>{d.title}</a>
              </h2>
              {d.targetTitle && (
                <p className="doc-title-target" lang={d.targetLang} dir={getLangDir(d.targetLang)}>
                  {d.targetTitle}
                </p>
              )}
              <StatusBar counts={d.statusCounts} total={d.rowCount} label={progress} />
              <p className="doc-meta">
                <span>{t('rows', { count: d.rowCount })}</span>
                <span>{progress}</span>
                <span data-testid="word-progress">{t('words', { done: format.number(d.words.translated), total: format.number(d.words.total) })}</span>
                <span>{t('updated', { date: format.dateTime(new Date(d.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
                {d.published && (
                  <a href={`/${locale}/read/${d.slug}`} className="badge" data-testid="published-link">
                    {t('published')}
                  </a>
                )}
              </p>
              <ul className="status-counts" aria-label={t('byStatus')}>
                {STATUS_ORDER.map((s) => (
                  <li key={s} data-status={s}>
                    {ts(s)}: <span className="count">{format.number(d.statusCounts[s])}</span>
                  </li>
                ))}
              </ul>
              <p className="doc-links">
                <a href={editor}>{t('open')}</a>
                <a href={`${editor}/report`} data-testid="report-link">
                  {t('report')}
                </a>
              </p>
            </li>
          );
        })}
      </ul>
      {broken.length > 0 && (
        <div className="broken-docs" role="alert">
          <p>{t('broken')}</p>
          <ul>
            {broken.map((b) => (
              <li key={b.slug}>
                <code>{b.slug}</code>: {b.error}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
