import { getFontFaceCss, getFontVersion } from '@/lib/export/fonts';
import { readStylesheets } from '@/lib/export/page';
import { plainPagePolicy } from '@/lib/http/plain-page-policy';

/**
 * The stylesheets of the pages written without the framework (plain-html.tsx), in the order the app's layout
 * loads them: the tokens, the site-wide rules, then the features' own. Inlined into each page as one `<style>`:
 * a phone on a slow network paints the page from its first response, with no second round trip.
 */
const STYLESHEETS = [
  new URL('../theme/tokens.css', import.meta.url),
  new URL('../../app/globals.css', import.meta.url),
  new URL('./plain-page.css', import.meta.url),
  new URL('../library/library.css', import.meta.url),
  new URL('./reader-index.css', import.meta.url),
  new URL('./reader.css', import.meta.url),
];

/** Where the app serves the Naskh face's files (app/fonts/naskh/[version]/[file]/route.ts). */
export function getFontBase(): string {
  return `/fonts/naskh/${getFontVersion()}/`;
}

/**
 * The one progressive enhancement of the reading page, a few hundred bytes and no framework: following a
 * permalink also copies the paragraph's full address (its ?layout= included) and says so in the live region
 * `#copy-status` (its text from `data-copied`, so the script is the same bytes in every language and one hash
 * allows it); switching the interface language keeps the paragraph the reader is at (`#row-…`). Without it the
 * links do what links do.
 */
export const ENHANCEMENT_SCRIPT = `(function(){var timer;document.addEventListener('click',function(e){if(e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;var a=e.target instanceof Element?e.target.closest('a'):null;if(!a)return;if(a.matches('.locale-links a')){if(location.hash)a.href=a.href.split('#')[0]+location.hash;return}if(!a.matches('a.r-permalink')||!navigator.clipboard)return;var s=document.getElementById('copy-status');navigator.clipboard.writeText(a.href).then(function(){if(!s)return;s.textContent=s.getAttribute('data-copied');clearTimeout(timer);timer=setTimeout(function(){s.textContent=''},2500)},function(){})})})();`;

export interface PlainAssets {
  /** The text of the page's one `<style>` element. */
  css: string;
  /** The Content-Security-Policy that allows exactly that style and the enhancement script. */
  policy: string;
}

/** Comments and indentation out: a fifth of the bytes, nothing a browser reads. */
function compactCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s+/gm, '')
    .replace(/\n{2,}/g, '\n');
}

let assets: Promise<PlainAssets> | null = null;

/** The plain pages' CSS and policy, read once per process. */
export function getPlainAssets(): Promise<PlainAssets> {
  assets ??= (async () => {
    const [fonts, sheets] = await Promise.all([getFontFaceCss(getFontBase()), readStylesheets(STYLESHEETS)]);
    const css = compactCss(`${fonts}\n${sheets}`).replace(/<\/style/gi, '<\\/style');
    return { css, policy: plainPagePolicy({ styles: [css], scripts: [ENHANCEMENT_SCRIPT] }) };
  })().catch((e: unknown) => {
    assets = null;
    throw e;
  });
  return assets;
}
