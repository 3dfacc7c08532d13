import type { LibrarySort } from '@/lib/model';

/** A library page's query as the address carries it. */
export interface LibraryView {
  q: string;
  sort: LibrarySort;
  page: number;
}

/** The address of a library page: `/<locale>` with only the parameters that differ from the defaults. */
export function getLibraryHref(locale: string, view: LibraryView): string {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.sort !== 'updated') params.set('sort', view.sort);
  if (view.page > 1) params.set('page', String(view.page));
  const query = params.toString();
  return query ? `/${locale}?${query}` : `/${locale}`;
}
