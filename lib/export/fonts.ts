import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Naskh face from npm, inlined: per weight, fontsource ships one CSS file naming a woff2 per subset. Files are
 * found through Node's resolution from this module, loaded at run time rather than bundled (`turbopackIgnore`):
 * subset-font reads its WebAssembly file from its own folder.
 */
const runtimeRequire = createRequire(/*turbopackIgnore: true*/ fileURLToPath(import.meta.url));
const FONT_PACKAGE = '@fontsource/noto-naskh-arabic';
const FONT_WEIGHTS = [400, 700] as const;
/** Arabic letters, and the Latin subset for the digits and punctuation Arabic text uses ("10 ماي 2025", “…”). */
const FONT_SUBSETS = ['arabic', 'latin'] as const;

/** "U+0600-06FF,U+200C" → code point ranges. */
function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').flatMap((part) => {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    return m ? [[parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] as [number, number]] : [];
  });
}

/** The file and unicode-range of one subset of one weight, from fontsource's own CSS. */
async function getFontSubset(weight: number, subset: string): Promise<{ file: string; range: string } | null> {
  const cssFile = runtimeRequire.resolve(`${FONT_PACKAGE}/${weight}.css`);
  const css = await readFile(/*turbopackIgnore: true*/ cssFile, 'utf8');
  const name = `noto-naskh-arabic-${subset}-${weight}-normal.woff2`;
  const block = css.split('@font-face').find((b) => b.includes(`/files/${name}`));
  const range = block && /unicode-range:\s*([^;]+);/.exec(block)?.[1];
  return range ? { file: path.join(/*turbopackIgnore: true*/ path.dirname(cssFile), 'files', name), range: range.trim() } : null;
}

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'woff2' }) => Promise<Buffer>;

/**
 * A woff2 cut down to `text`'s characters (and the glyphs Arabic shaping reaches from them) with HarfBuzz's
 * subsetter; the whole file when subsetting is off or fails.
 */
async function loadFont(file: string, text: string | null): Promise<Buffer> {
  const font = await readFile(/*turbopackIgnore: true*/ file);
  if (text === null) return font;
  try {
    const subsetFont = runtimeRequire(/*turbopackIgnore: true*/ 'subset-font') as SubsetFont;
    return await subsetFont(font, text, { targetFormat: 'woff2' });
  } catch (e) {
    console.warn(`static export: font subsetting failed, inlining the whole subset file (${e instanceof Error ? e.message : String(e)})`);
    return font;
  }
}

/**
 * @font-face rules for the Naskh face with the fonts inlined as data: URLs, for the characters of `text`.
 * Subsetting on: each of fontsource's Arabic and Latin files, cut down to the characters of `text` that fall in
 * its unicode-range (files with none are left out). Off: the whole Arabic subset files only.
 */
export async function getInlineFontFaces(text: string, subset: boolean): Promise<string> {
  if (!text) return '';
  const faces: string[] = [];
  for (const weight of FONT_WEIGHTS) {
    for (const name of subset ? FONT_SUBSETS : (['arabic'] as const)) {
      const info = await getFontSubset(weight, name);
      if (!info) continue;
      const ranges = parseUnicodeRange(info.range);
      const chars = [...text].filter((c) => ranges.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to)).join('');
      if (!chars) continue;
      const data = (await loadFont(info.file, subset ? chars : null)).toString('base64');
      faces.push(
        `@font-face { font-family: 'Noto Naskh Arabic'; font-style: normal; font-weight: ${weight}; font-display: swap; ` +
          `src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${info.range}; }`,
      );
    }
  }
  return faces.join('\n');
}

/** The files of fontsource's package the app serves itself (woff2, and woff for old browsers): nothing else. */
const SERVED_FONT_FILE = /^noto-naskh-arabic-[a-z-]+-[47]00-normal\.woff2?$/;

/**
 * fontsource's @font-face rules for the Naskh face (400 and 700, every subset with its unicode-range, so a
 * browser fetches only the subsets a page uses), pointing at `base` + the file name instead of the package's
 * own folder: for pages the app writes itself, which the bundler's CSS pipeline never sees.
 */
export async function getFontFaceCss(base: string): Promise<string> {
  const sheets = await Promise.all(
    FONT_WEIGHTS.map((weight) => readFile(/*turbopackIgnore: true*/ runtimeRequire.resolve(`${FONT_PACKAGE}/${weight}.css`), 'utf8')),
  );
  return sheets.join('\n').replace(/\/\*[^*]*\*\//g, '').replace(/url\(\.\/files\//g, `url(${base}`);
}

/** One of the served font files (see getFontFaceCss) by name; null for any other name. */
export async function readFontFile(name: string): Promise<Buffer | null> {
  if (!SERVED_FONT_FILE.test(name)) return null;
  const dir = path.dirname(runtimeRequire.resolve(`${FONT_PACKAGE}/400.css`));
  try {
    return await readFile(/*turbopackIgnore: true*/ path.join(dir, 'files', name));
  } catch {
    return null;
  }
}

/** The font package's version: part of the served files' addresses, so a new version is a new address. */
export function getFontVersion(): string {
  const pkg = runtimeRequire(/*turbopackIgnore: true*/ `${FONT_PACKAGE}/package.json`) as { version: string };
  return pkg.version;
}
