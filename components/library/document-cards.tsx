'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { getLangDir } from '@/lib/model/lang';
import { STATUS_ORDER } from '@/lib/model/status';
import { getCardCounts, type LibraryCard } from './library-card';
import { StatusBar } from './status-bar';

/**
 * The library's cards: titles in both languages, progress, rows by status, links to the editor, the report and
 * the published version. A client component on purpose: its props (a few hundred bytes a document) are all the
 * page's payload carries of the list, where a server component would send every element of every card again.
 * Nothing here needs the browser: the cards are plain links, complete without JavaScript.
 */
export function DocumentCards({ cards }: { cards: LibraryCard[] }) {
  const t = useTranslations('Library');
  const ts = useTranslations('Status');
  const format = useFormatter();
  const locale = useLocale();
  return (
    <ul className="doc-list" data-testid="document-list">
      {cards.map((c) => {
        const editor = `/${locale}/documents/${c.slug}`;
        const counts = getCardCounts(c);
        const progress = t('progress', { percent: Math.round(((counts.translated + counts.approved) / Math.max(c.rows, 1)) * 100) });
        return (
          <li key={c.slug} className="doc-card" data-slug={c.slug}>
            <h2 className="doc-title-source" lang={c.sourceLang} dir={getLangDir(c.sourceLang)}>
              <a href={editor}>{c.title}</a>
            </h2>
            {c.targetTitle && (
              <p className="doc-title-target" lang={c.targetLang} dir={getLangDir(c.targetLang)}>
                {c.targetTitle}
              </p>
            )}
            <StatusBar counts={counts} total={c.rows} label={progress} />
            <p className="doc-meta">
              <span>{t('rows', { count: c.rows })}</span>
              <span>{progress}</span>
              <span data-testid="word-progress">{t('words', { done: format.number(c.words[0]), total: format.number(c.words[1]) })}</span>
              <span>{t('updated', { date: c.updated })}</span>
              {c.published && (
                <a href={`/${locale}/read/${c.slug}`} className="badge" data-testid="published-link">
                  {t('published')}
                </a>
              )}
            </p>
            <ul className="status-counts" aria-label={t('byStatus')}>
              {STATUS_ORDER.map((s) => (
                <li key={s} data-status={s}>{`${ts(s)}: ${format.number(counts[s])}`}</li>
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
  );
}
