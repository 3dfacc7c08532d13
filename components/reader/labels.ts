import type { Messages } from 'next-intl';
import { READER_LAYOUTS, type PublishedSnapshot, type ReaderLayout } from '@/lib/model';

/** A message lookup of the "Reader" namespace: next-intl's `getTranslations` or `createTranslator` both fit. */
export type ReaderTranslate = (key: keyof Messages['Reader'], values?: Record<string, string | number>) => string;

/**
 * Every string the reading page shows, resolved for one interface locale. The reader's components take these
 * instead of calling next-intl themselves, so the same components render the page and the static export.
 */
export interface ReaderLabels {
  locale: string;
  layout: string;
  layouts: Record<ReaderLayout, string>;
  allPublished: string;
  translatedFrom: string;
  published: string;
  updated: string | null;
  version: string;
  source: string;
  notTranslated: string;
  notes: string;
  permalink: (number: number) => string;
  noteRef: (number: number) => string;
  backToText: (number: number) => string;
  backToParagraph: (number: number) => string;
  linkCopied: string;
}

/** The name of a language in the interface's language ("Arabic", "العربية"), or its tag when unknown. */
export function getLanguageName(lang: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** A date as the reading page prints it ("10 May 2025"), in UTC so every reader and the export agree. */
export function formatReaderDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** The reading page's strings for `snapshot` in `locale`. */
export function getReaderLabels(t: ReaderTranslate, locale: string, snapshot: PublishedSnapshot): ReaderLabels {
  const source = getLanguageName(snapshot.sourceLang, locale);
  const target = getLanguageName(snapshot.targetLang, locale);
  const layouts = Object.fromEntries(
    READER_LAYOUTS.map((l) => [
      l,
      l === 'side' ? t('layoutSide') : l === 'interleaved' ? t('layoutInterleaved') : t('layoutOnly', { language: l === 'source' ? source : target }),
    ]),
  ) as Record<ReaderLayout, string>;
  const revised = snapshot.version > 1 && snapshot.publishedAt.slice(0, 10) !== snapshot.firstPublishedAt.slice(0, 10);
  return {
    locale,
    layout: t('layout'),
    layouts,
    allPublished: t('allPublished'),
    translatedFrom: t('translatedFrom', { source, target }),
    published: t('publishedOn', { date: formatReaderDate(snapshot.firstPublishedAt, locale) }),
    updated: revised ? t('updatedOn', { date: formatReaderDate(snapshot.publishedAt, locale) }) : null,
    version: t('version', { version: snapshot.version }),
    source: t('source'),
    notTranslated: t('notTranslated'),
    notes: t('notes'),
    permalink: (number) => t('permalink', { number }),
    noteRef: (number) => t('noteRef', { number }),
    backToText: (number) => t('backToText', { number }),
    backToParagraph: (number) => t('backToParagraph', { number }),
    linkCopied: t('linkCopied'),
  };
}
