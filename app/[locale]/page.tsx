import '@/components/library/library.css';
import '@/components/library/status.css';
import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { DocumentList } from '@/components/library/document-list';
import { getLibraryHref } from '@/components/library/library-href';
import { LibraryPager } from '@/components/library/library-pager';
import { LibrarySearch } from '@/components/library/library-search';
import { NewDocumentForm } from '@/components/library/new-document-form';
import { requirePageUser } from '@/lib/auth/page-user';
import { can, getLastPage, LIBRARY_PAGE_SIZE, parseLibraryParams } from '@/lib/model';
import { findLibraryPage } from '@/lib/service/documents';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Library' });
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The document library: one page of 50 documents with their progress, found and ordered by the address
 * (`?q=&sort=&page=`, a GET form and links, so it all works without JavaScript), and the import form. The store
 * answers from its summaries (lib/storage), so the page costs the same with 50 documents or thousands.
 */
export default async function LibraryPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: SearchParams }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, `/${locale}`);
  const t = await getTranslations('Library');
  const format = await getFormatter();
  const view = parseLibraryParams(await searchParams);
  const { documents, total, broken } = await findLibraryPage({ q: view.q, sort: view.sort, page: view.page, pageSize: LIBRARY_PAGE_SIZE });
  const last = getLastPage(total);
  const from = (view.page - 1) * LIBRARY_PAGE_SIZE + 1;
  const showing = { from: format.number(from), to: format.number(from + documents.length - 1), total: format.number(total), q: view.q };
  return (
    <div className="library">
      <h1>{t('title')}</h1>
      <LibrarySearch locale={locale} view={view} />
      <p className="library-status" role="status" data-testid="library-status">
        {documents.length > 0
          ? t(view.q ? 'showingMatches' : 'showing', showing)
          : total > 0
            ? t('pastEnd', { page: format.number(view.page), last })
            : view.q
              ? t('noMatch', { q: view.q })
              : t('empty')}
      </p>
      {documents.length === 0 && total > 0 && <a href={getLibraryHref(locale, { ...view, page: 1 })}>{t('firstPage')}</a>}
      {documents.length === 0 && total === 0 && view.q && <a href={getLibraryHref(locale, { q: '', sort: view.sort, page: 1 })}>{t('showAll')}</a>}
      <DocumentList documents={documents} broken={broken} />
      <LibraryPager locale={locale} view={view} last={last} />
      {can(user.role, 'create-document') && <NewDocumentForm />}
    </div>
  );
}
