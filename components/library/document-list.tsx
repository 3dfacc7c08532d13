import { useFormatter, useTranslations } from 'next-intl';
import { Link } from '@/i18n/navigation';
import { getLangDir, STATUS_ORDER, type BrokenDocument, type DocumentSummary } from '@/lib/model';
import { StatusBar } from './status-bar';

/** The library's list: titles in both languages, rows by status, progress, and a link to the editor. */
export function DocumentList({
  documents,
  broken,
}: {
  documents: DocumentSummary[];
  broken: BrokenDocument[];
}) {
  const t = useTranslations('Library');
  const ts = useTranslations('Status');
  const format = useFormatter();
  return (
    <>
      {documents.length === 0 && <p>{t('empty')}</p>}
      <ul className="doc-list" data-testid="document-list">
        {documents.map((d) => (
          <li key={d.slug} className="doc-card" data-slug={d.slug}>
            <h2 className="doc-title-source" lang={d.sourceLang} dir={getLangDir(d.sourceLang)}>
              <Link href={`/documents/${d.slug}`}>{d.title}</Link>
            </h2>
            {d.targetTitle && (
              <p className="doc-title-target" lang={d.targetLang} dir={getLangDir(d.targetLang)}>
                {d.targetTitle}
              </p>
            )}
            <StatusBar counts={d.statusCounts} total={d.rowCount} label={t('progress', { percent: Math.round(d.progress * 100) })} />
            <div className="doc-meta">
              <span>{t('rows', { count: d.rowCount })}</span>
              <span>{t('progress', { percent: Math.round(d.progress * 100) })}</span>
              <span data-testid="word-progress">{t('words', { done: format.number(d.words.translated), total: format.number(d.words.total) })}</span>
              <span>{t('updated', { date: format.dateTime(new Date(d.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
              {d.published && (
                <Link href={`/read/${d.slug}`} className="badge" data-testid="published-link">
                  {t('published')}
                </Link>
              )}
            </div>
            <ul className="status-counts" aria-label={t('byStatus')}>
              {STATUS_ORDER.map((s) => (
                <li key={s} data-status={s}>
                  <span className={`status-dot s-${s}`} aria-hidden="true" />
                  {ts(s)}: <span className="count">{format.number(d.statusCounts[s])}</span>
                </li>
              ))}
            </ul>
            <Link href={`/documents/${d.slug}`}>{t('open')}</Link>{' '}
            <Link href={`/documents/${d.slug}/report`} data-testid="report-link">
              {t('report')}
            </Link>
          </li>
        ))}
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
