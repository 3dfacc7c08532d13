import { createTranslator } from 'next-intl';
import { getInlineFontFaces } from '@/lib/export/fonts';
import { readStylesheets, renderHtmlDocument } from '@/lib/export/page';
import { getLangDir, getParagraphText, getSnapshotDescription, type PublishedSnapshot, type ReaderLayout } from '@/lib/model';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';
import { getReaderLabels } from './labels';
import { LayoutLabels, LayoutRadios } from './layout-switch';
import { ReaderDocument } from './reader-document';

const MESSAGES = { en, ar } as const;
export type ExportLocale = keyof typeof MESSAGES;

/** The shared tokens and the reader's stylesheet, the ones the app and the reading page load: inlined as they are. */
const STYLESHEETS = [new URL('../theme/tokens.css', import.meta.url), new URL('./reader.css', import.meta.url)];

/** What the page itself needs around the reader's rules when it stands alone (the app's globals.css is not there). */
const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { color: var(--ink); background: var(--bg); font-family: var(--font-ui); }
body { margin: 0; padding: 1rem 1.25rem 4rem; line-height: 1.5; }
a { color: var(--accent); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
html[lang='ar'] body { font-family: 'Noto Naskh Arabic', system-ui, sans-serif; }
@media print { body { background: #fff; padding: 0; } }
`;

export interface StaticHtmlOptions {
  /** Interface language of the page's own words (layout names, dates, notes heading). Default: English. */
  locale?: ExportLocale;
  /** The layout the file opens in; the reader can switch. Default: side by side. */
  layout?: ReaderLayout;
  /** Subset the font to the characters the text uses (default true); off, the whole Arabic subset is inlined. */
  subsetFonts?: boolean;
}

/** Every character of the text set in the Arabic face: the right-to-left side's blocks, quotes and titles. */
function getRtlText(snapshot: PublishedSnapshot): string {
  const parts: string[] = [];
  const sides = [
    { lang: snapshot.sourceLang, texts: () => snapshot.rows.flatMap((r) => r.source.map((b) => `${b.text}${b.number ?? ''}.`)) },
    { lang: snapshot.targetLang, texts: () => snapshot.rows.flatMap((r) => r.target.content.map(getParagraphText)) },
  ];
  for (const side of sides) if (getLangDir(side.lang) === 'rtl') parts.push(...side.texts());
  parts.push(snapshot.title, ...snapshot.notes.map((n) => `${n.quote?.exact ?? ''}${n.body}`));
  return [...new Set(parts.join(''))].join('');
}

/** The export's policy: its own inline style and font, and nothing else: no script, no request anywhere. */
export const STATIC_EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/**
 * The published document as one self-contained HTML file, for publishing elsewhere: the reading page's markup
 * (the same components, rendered to a string, every user text escaped by React), its stylesheet and the Arabic
 * font inlined, no script and no request to anywhere (a Content-Security-Policy says so to the browser too). The
 * layout switch works with CSS alone: radio inputs and `:checked ~` selectors.
 */
export async function renderStaticHtml(snapshot: PublishedSnapshot, options: StaticHtmlOptions = {}): Promise<string> {
  const locale = options.locale ?? 'en';
  const layout = options.layout ?? 'side';
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'Reader' });
  const labels = getReaderLabels(t, locale, snapshot);
  const [stylesheets, fontFaces] = await Promise.all([readStylesheets(STYLESHEETS), getInlineFontFaces(getRtlText(snapshot), options.subsetFonts ?? true)]);
  const title = snapshot.targetTitle ? `${snapshot.targetTitle} · ${snapshot.title}` : snapshot.title;
  const description = getSnapshotDescription(snapshot, 200);
  const css = `${fontFaces}\n${PAGE_CSS}\n${stylesheets}`.replace(/<\/style/gi, '<\\/style');
  const page = (
    <html lang={locale} dir={getLangDir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content={STATIC_EXPORT_CSP} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta property="og:type" content="article" />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="article:published_time" content={snapshot.firstPublishedAt} />
        <meta property="article:modified_time" content={snapshot.publishedAt} />
        <meta name="generator" content={`bilingual-editor, published version ${snapshot.version}`} />
        {/* No favicon request either. */}
        <link rel="icon" href="data:," />
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main>
          <ReaderDocument
            snapshot={snapshot}
            layout={null}
            labels={labels}
            before={
              <>
                <LayoutRadios layout={layout} labels={labels} />
                <div className="r-toolbar">
                  <LayoutLabels labels={labels} />
                </div>
              </>
            }
          />
        </main>
      </body>
    </html>
  );
  return renderHtmlDocument(page);
}

/** The static page as the export service takes it (lib/service/export.ts): how to render it, and its policy. */
export const staticHtmlPage = { render: renderStaticHtml, policy: STATIC_EXPORT_CSP };
