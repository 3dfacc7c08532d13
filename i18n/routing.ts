import { defineRouting } from 'next-intl/routing';

/** The UI languages. The content's own languages are per document and independent of these. */
export const routing = defineRouting({
  locales: ['en', 'ar'],
  defaultLocale: 'en',
});

export type Locale = (typeof routing.locales)[number];

/** Text direction of a UI locale. */
export function getLocaleDir(locale: string): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}
