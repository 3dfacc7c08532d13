import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { createElement, Fragment } from 'react';
import { getReaderLabels } from '@/components/reader/labels';
import { LayoutLabels, LayoutRadios } from '@/components/reader/layout-switch';
import { ReaderDocument } from '@/components/reader/reader-document';
import { getLangDir, getParagraphText, getSnapshotDescription, type PublishedSnapshot, type ReaderLayout } from '@/lib/model';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';

const MESSAGES = { en, ar } as const;
export type ExportLocale = keyof typeof MESSAGES;

/** The reader's stylesheet, the one the reading page imports: the export inlines the same rules. */
const READER_CSS = path.join('app', '[locale]', 'read', 'reader.css');
/** The Naskh face from npm, as the app's layout imports it: per weight, one CSS file naming a woff2 per subset. */
const FONT_PACKAGE = path.join('node_modules', '@fontsource', 'noto-naskh-arabic');
const FONT_WEIGHTS = [400, 700] as const;
/** Arabic letters, and the Latin subset for the digits and punctuation Arabic text uses ("10 ماي 2025", “…”). */
const FONT_SUBSETS = ['arabic', 'latin'] as const;

/** What the page itself needs around the reader's rules when it stands alone (the app's globals.css is not there). */
const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { color: #1d1d1f; background: #fbfaf7; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Naskh Arabic', sans-serif; }
body { margin: 0; padding: 1rem 1.25rem 4rem; line-height: 1.5; }
a { color: #1f5fa8; }
:focus-visible { outline: 2px solid #1f5fa8; outline-offset: 2px; }
html[lang='ar'] body { font-family: 'Noto Naskh Arabic', system-ui, sans-serif; }
@media print { body { background: #fff; padding: 0; } }
`;

export interface StaticHtmlOptions {
  /** Interface language of the page's own words (layout names, dates, notes heading). Default: English. */
  locale?: ExportLocale;
  /** The layout the file opens in; the reader can switch. Default: side by side. */
  layout?: ReaderLayout;
  /** The project folder, where reader.css and node_modules are. Default: the working directory. */
  root?: string;
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

/** "U+0600-06FF,U+200C" → code point ranges. */
function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').flatMap((part) => {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    return m ? [[parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] as [number, number]] : [];
  });
}

/** The file and unicode-range of one subset of one weight, from fontsource's own CSS. */
async function getFontSubset(root: string, weight: number, subset: string): Promise<{ file: string; range: string } | null> {
  const css = await readFile(path.join(/*turbopackIgnore: true*/ root, FONT_PACKAGE, `${weight}.css`), 'utf8');
  const block = css.split('@font-face').find((b) => b.includes(`/files/noto-naskh-arabic-${subset}-${weight}-normal.woff2`));
  const range = block && /unicode-range:\s*([^\s;][^;]*);/.exec(block)?.[1];
  return range ? { file: path.join(FONT_PACKAGE, 'files', `noto-naskh-arabic-${subset}-${weight}-normal.woff2`), range: range.trim() } : null;
}

/**
 * react-dom/server from the project's node_modules, loaded at run time. Next bundles route handlers for React
 * Server Components, where react-dom/server may not be imported; the reader's components are plain functions of
 * their props (no hooks, no context), so the elements they make render the same with this copy of React.
 */
function loadRenderer(root: string): typeof import('react-dom/server') {
  return createRequire(path.join(/*turbopackIgnore: true*/ root, 'package.json'))('react-dom/server') as typeof import('react-dom/server');
}

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'woff2' }) => Promise<Buffer>;

/**
 * A woff2 cut down to `text`'s characters (and the glyphs Arabic shaping reaches from them) with HarfBuzz's
 * subsetter; the whole file when subsetting is off or fails. subset-font is loaded from the project's node_modules
 * at run time, not bundled: it reads its WebAssembly file from its own folder.
 */
async function loadFont(root: string, file: string, text: string | null): Promise<Buffer> {
  const font = await readFile(path.join(/*turbopackIgnore: true*/ root, file));
  if (text === null) return font;
  try {
    const subsetFont = createRequire(path.join(/*turbopackIgnore: true*/ root, 'package.json'))('subset-font') as SubsetFont;
    return await subsetFont(font, text, { targetFormat: 'woff2' });
  } catch (e) {
    console.warn(`static export: font subsetting failed, inlining the whole subset file (${e instanceof Error ? e.message : String(e)})`);
    return font;
  }
}

/**
 * @font-face rules with the fonts inlined as data: URLs. Subsetting on: each of fontsource's Arabic and Latin files,
 * cut down to the characters of the right-to-left text that fall in its unicode-range (files with none are left
 * out). Off: the whole Arabic subset files only.
 */
async function getFontFaces(root: string, snapshot: PublishedSnapshot, subset: boolean): Promise<string> {
  const text = getRtlText(snapshot);
  if (!text) return '';
  const faces: string[] = [];
  for (const weight of FONT_WEIGHTS) {
    for (const name of subset ? FONT_SUBSETS : (['arabic'] as const)) {
      const info = await getFontSubset(root, weight, name);
      if (!info) continue;
      const ranges = parseUnicodeRange(info.range);
      const chars = [...text].filter((c) => ranges.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to)).join('');
      if (!chars) continue;
      const data = (await loadFont(root, info.file, subset ? chars : null)).toString('base64');
      faces.push(
        `@font-face { font-family: 'Noto Naskh Arabic'; font-style: normal; font-weight: ${weight}; font-display: swap; ` +
          `src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${info.range}; }`,
      );
    }
  }
  return faces.join('\n');
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
  const root = options.root ?? process.cwd();
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'Reader' });
  const labels = getReaderLabels((key, values) => t(key as Parameters<typeof t>[0], values), locale, snapshot);
  const [readerCss, fontFaces] = await Promise.all([
    readFile(path.join(/*turbopackIgnore: true*/ root, READER_CSS), 'utf8'),
    getFontFaces(root, snapshot, options.subsetFonts ?? true),
  ]);
  const title = snapshot.targetTitle ? `${snapshot.targetTitle} · ${snapshot.title}` : snapshot.title;
  const description = getSnapshotDescription(snapshot, 200);
  const css = `${fontFaces}\n${PAGE_CSS}\n${readerCss}`.replace(/<\/style/gi, '<\\/style');
  const h = createElement;
  const page = h(
    'html',
    { lang: locale, dir: getLangDir(locale) },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { httpEquiv: 'Content-Security-Policy', content: STATIC_EXPORT_CSP }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', null, title),
      h('meta', { name: 'description', content: description }),
      h('meta', { property: 'og:type', content: 'article' }),
      h('meta', { property: 'og:title', content: title }),
      h('meta', { property: 'og:description', content: description }),
      h('meta', { property: 'article:published_time', content: snapshot.firstPublishedAt }),
      h('meta', { property: 'article:modified_time', content: snapshot.publishedAt }),
      h('meta', { name: 'generator', content: `bilingual-editor, published version ${snapshot.version}` }),
      // No favicon request either.
      h('link', { rel: 'icon', href: 'data:,' }),
      h('style', { dangerouslySetInnerHTML: { __html: css } }),
    ),
    h(
      'body',
      null,
      h(
        'main',
        null,
        h(ReaderDocument, {
          snapshot,
          layout: null,
          labels,
          before: h(
            Fragment,
            null,
            h(LayoutRadios, { layout, labels }),
            h('div', { className: 'r-toolbar' }, h(LayoutLabels, { labels })),
          ),
        }),
      ),
    ),
  );
  return `<!DOCTYPE html>\n${loadRenderer(root).renderToStaticMarkup(page)}\n`;
}
