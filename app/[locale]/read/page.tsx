import '@/components/library/library.css';
import '@/components/reader/reader-index.css';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { formatReaderDate } from '@/components/reader/labels';
import { Link } from '@/i18n/navigation';
import { getLangDir } from '@/lib/model';
import { listPublished } from '@/lib/service/publish';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Reader' });
  return { title: t('indexTitle'), description: t('indexIntro') };
}

/** The public index: every published document, most recently published first. */
export default async function ReadIndexPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('Reader');
  const documents = await listPublished();
  return (
    <div className="library reader-index">
      <h1>{t('indexTitle')}</h1>
      <p className="hint">{t('indexIntro')}</p>
      {documents.length === 0 ? (
        <p>{t('indexEmpty')}</p>
      ) : (
        <ul className="doc-list" data-testid="published-list">
          {documents.map((d) => (
            <li key={d.slug} className="doc-card" data-slug={d.slug}>
              <h2 className="reader-index-title">
                <Link href={`/read/${d.slug}`}>
                  <span className="doc-title-source" lang={d.sourceLang} dir={getLangDir(d.sourceLang)}>
                    {d.title}
                  </span>
                  {d.targetTitle && (
                    <span className="doc-title-target" lang={d.targetLang} dir={getLangDir(d.targetLang)}>
                      {d.targetTitle}
                    </span>
                  )}
                </Link>
              </h2>
              <p className="doc-meta">
                {t('indexItem', { version: d.version, date: formatReaderDate(d.publishedAt, locale), count: d.rowCount })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
