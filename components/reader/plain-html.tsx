import { createTranslator } from 'next-intl';
import type { ReactNode } from 'react';
import { renderHtmlDocument } from '@/lib/export/page';
import { getLangDir, getLayoutParam, getSnapshotDescription, type PublishedSnapshot, type PublishedSummary, type ReaderLayout } from '@/lib/model';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';
import { formatReaderDate, getReaderLabels } from './labels';
import { LayoutLinks } from './layout-switch';
import { ENHANCEMENT_SCRIPT, getPlainAssets } from './plain-assets';
import { ReaderDocument } from './reader-document';

/*
 * The public reading pages as whole HTML documents, written on the server with no framework script: the reading
 * page of a published text, the index of published texts, and their not-found and cannot-be-shown pages. They
 * render the reader's own components (the static export renders the same ones) inside a site frame drawn in
 * plain HTML: the header with its links, and the interface language as links. The route handlers under
 * app/[locale]/read/ serve them with their policy and validators.
 */

const MESSAGES = { en, ar } as const;
export type PlainLocale = keyof typeof MESSAGES;
export const PLAIN_LOCALES = Object.keys(MESSAGES) as PlainLocale[];

/** True for an interface locale these pages are written in. */
export function isPlainLocale(value: string): value is PlainLocale {
  return value in MESSAGES;
}

function translator(locale: PlainLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

/** Who is looking, as far as the frame shows it: a session cookie brings the signed-in links. */
export interface PlainFrame {
  locale: PlainLocale;
  /** A session cookie came with the request: the header links to the library and glossary, else to sign-in. */
  signedIn: boolean;
  /** This page's address without the locale (`/read/x?layout=en`): the language links and sign-in return to it. */
  path: string;
}

interface Head {
  title: string;
  description?: string;
  /** Open Graph `property` → content. */
  og?: Record<string, string | undefined>;
}

/** The site header of the app (components/layout/site-header.tsx) as plain HTML, the language switch as links. */
function PlainHeader({ frame }: { frame: PlainFrame }) {
  const t = translator(frame.locale);
  const { locale, path } = frame;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('Header.skipToContent')}
      </a>
      <a href={`/${locale}`} className="site-name">
        {t('Header.appName')}
      </a>
      <nav className="site-nav">
        {frame.signedIn ? (
          <>
            <a href={`/${locale}`}>{t('Header.library')}</a>
            <a href={`/${locale}/glossary`}>{t('Glossary.nav')}</a>
          </>
        ) : (
          <a href={`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}${path}`)}`} data-testid="sign-in-link">
            {t('Auth.signIn')}
          </a>
        )}
      </nav>
      <ul className="locale-links" aria-label={t('LocaleSwitcher.label')}>
        {PLAIN_LOCALES.map((l) => (
          <li key={l}>
            <a href={`/${l}${path}`} lang={l} hrefLang={l} aria-current={l === locale ? 'true' : undefined}>
              {t(`LocaleSwitcher.${l}`)}
            </a>
          </li>
        ))}
      </ul>
    </header>
  );
}

/** A whole page: `<html lang dir>`, the head with its metadata and the one inline style, the frame, the body. */
async function renderPage(frame: PlainFrame, head: Head, body: ReactNode, options: { script?: boolean } = {}): Promise<string> {
  const { css } = await getPlainAssets();
  const t = translator(frame.locale);
  const page = (
    <html lang={frame.locale} dir={getLangDir(frame.locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${head.title} · ${t('Metadata.title')}`}</title>
        {head.description && <meta name="description" content={head.description} />}
        {Object.entries(head.og ?? {}).map(([property, content]) => content && <meta key={property} property={property} content={content} />)}
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <PlainHeader frame={frame} />
        <main id="main">{body}</main>
        {options.script && <script dangerouslySetInnerHTML={{ __html: ENHANCEMENT_SCRIPT }} />}
      </body>
    </html>
  );
  return renderHtmlDocument(page);
}

/** The reading page of a published text in one layout (see app/[locale]/read/[slug]/route.ts). */
export function renderReadingPage(snapshot: PublishedSnapshot, layout: ReaderLayout, frame: PlainFrame): Promise<string> {
  const locale = frame.locale;
  const labels = getReaderLabels(createTranslator({ locale, messages: MESSAGES[locale], namespace: 'Reader' }), locale, snapshot);
  const description = getSnapshotDescription(snapshot, 200);
  const head: Head = {
    title: locale === snapshot.targetLang && snapshot.targetTitle ? snapshot.targetTitle : snapshot.title,
    description,
    og: {
      'og:title': snapshot.targetTitle ? `${snapshot.targetTitle} · ${snapshot.title}` : snapshot.title,
      'og:description': description,
      'og:locale': locale,
      'og:type': 'article',
      'article:published_time': snapshot.firstPublishedAt,
      'article:modified_time': snapshot.publishedAt,
    },
  };
  const body = (
    <ReaderDocument
      snapshot={snapshot}
      layout={layout}
      labels={labels}
      before={
        <div className="r-toolbar">
          <a href={`/${locale}/read`}>{labels.allPublished}</a>
          <LayoutLinks layout={layout} langs={snapshot} labels={labels} />
          <p className="r-copy-status" id="copy-status" role="status" aria-live="polite" data-testid="copy-status" data-copied={labels.linkCopied} />
        </div>
      }
    />
  );
  return renderPage(frame, head, body, { script: true });
}

/** The reading page's address without the locale, keeping the layout (`/read/x?layout=en`). */
export function getReadingPath(snapshot: PublishedSnapshot, layout: ReaderLayout | null): string {
  return `/read/${snapshot.slug}${layout ? `?layout=${encodeURIComponent(getLayoutParam(layout, snapshot))}` : ''}`;
}


/** The public index: every published text, as given (most recently published first). */
export function renderReadIndexPage(documents: readonly PublishedSummary[], frame: PlainFrame): Promise<string> {
  const { locale } = frame;
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'Reader' });
  const body = (
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
                <a href={`/${locale}/read/${d.slug}`}>
                  <span className="doc-title-source" lang={d.sourceLang} dir={getLangDir(d.sourceLang)}>
                    {d.title}
                  </span>
                  {d.targetTitle && (
                    <span className="doc-title-target" lang={d.targetLang} dir={getLangDir(d.targetLang)}>
                      {d.targetTitle}
                    </span>
                  )}
                </a>
              </h2>
              <p className="doc-meta">{t('indexItem', { version: d.version, date: formatReaderDate(d.publishedAt, locale), count: d.rowCount })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return renderPage(frame, { title: t('indexTitle'), description: t('indexIntro') }, body);
}

/** The app's not-found page (app/[locale]/not-found.tsx), for a text that is not published. */
export function renderNotFoundPage(frame: PlainFrame): Promise<string> {
  const t = translator(frame.locale);
  const body = (
    <div className="library">
      <h1>{t('NotFound.title')}</h1>
      <p>{t('NotFound.body')}</p>
      <a href={`/${frame.locale}`}>{t('NotFound.back')}</a>
    </div>
  );
  return renderPage(frame, { title: t('NotFound.title') }, body);
}

/**
 * A published file broken by hand: a clear page instead of a crash. The file's path and the field at fault are
 * for the people who can repair it, so `problem` is given only for someone signed in.
 */
export function renderBrokenPage(problem: string | null, frame: PlainFrame): Promise<string> {
  const t = translator(frame.locale);
  const body = (
    <div className="library" role="alert" data-testid="broken-file">
      <h1>{t('BrokenFile.readerTitle')}</h1>
      <p>{t('BrokenFile.readerBody')}</p>
      {problem && (
        <>
          <p>{t('BrokenFile.detail')}</p>
          <pre className="form-error" dir="ltr">
            {problem}
          </pre>
        </>
      )}
    </div>
  );
  return renderPage(frame, { title: t('BrokenFile.readerTitle') }, body);
}
