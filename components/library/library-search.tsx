import { useTranslations } from 'next-intl';
import { LIBRARY_SORTS, type LibrarySort } from '@/lib/model';
import type { LibraryView } from './library-href';

const SORT_LABEL = { updated: 'sortUpdated', title: 'sortTitle', progress: 'sortProgress' } as const satisfies Record<LibrarySort, string>;

/**
 * Search and order of the library: a plain GET form to the library's own address (`?q=&sort=`), so it works
 * without JavaScript and every result is an address to share. A new search starts at the first page.
 */
export function LibrarySearch({ locale, view }: { locale: string; view: LibraryView }) {
  const t = useTranslations('Library');
  return (
    <form className="library-search" method="get" action={`/${locale}`} role="search" data-testid="library-search">
      <label>
        <span>{t('searchLabel')}</span>
        <input type="search" name="q" defaultValue={view.q} maxLength={200} placeholder={t('searchPlaceholder')} dir="auto" />
      </label>
      <label>
        <span>{t('sortLabel')}</span>
        <select name="sort" defaultValue={view.sort}>
          {LIBRARY_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(SORT_LABEL[s])}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t('searchButton')}
      </button>
    </form>
  );
}
