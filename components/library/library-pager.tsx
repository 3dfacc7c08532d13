import { useFormatter, useTranslations } from 'next-intl';
import { getPageWindow } from '@/lib/model';
import { getLibraryHref, type LibraryView } from './library-href';

/**
 * The library's pages as links (the current one marked with `aria-current="page"`), previous and next at the
 * ends: the first, the last and the two on either side of the current page, gaps shown as "…".
 */
export function LibraryPager({ locale, view, last }: { locale: string; view: LibraryView; last: number }) {
  const t = useTranslations('Library');
  const format = useFormatter();
  if (last <= 1) return null;
  const href = (page: number) => getLibraryHref(locale, { ...view, page });
  return (
    <nav className="pager" aria-label={t('pages')} data-testid="library-pager">
      <ul>
        <li>{view.page > 1 ? <a href={href(view.page - 1)} rel="prev">{t('previous')}</a> : <span aria-disabled="true">{t('previous')}</span>}</li>
        {getPageWindow(view.page, last).map((page, i) =>
          page === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={page}>
              <a href={href(page)} aria-label={t('pageNumber', { page: format.number(page) })} aria-current={page === view.page ? 'page' : undefined}>
                {format.number(page)}
              </a>
            </li>
          ),
        )}
        <li>{view.page < last ? <a href={href(view.page + 1)} rel="next">{t('next')}</a> : <span aria-disabled="true">{t('next')}</span>}</li>
      </ul>
    </nav>
  );
}
