import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Arabic face a Word export carries inside it, so its Arabic shows in Naskh on a machine without the font
 * (Word and LibreOffice use embedded TrueType fonts; without one they fall back to any installed Arabic face).
 * The app's own Noto Naskh Arabic from npm, cut down to the characters the document uses.
 */

/** Resolved from this module, as the static export does, so the export works whatever the working folder. */
const runtimeRequire = createRequire(/*turbopackIgnore: true*/ fileURLToPath(import.meta.url));

/** A weight's Arabic woff2: fontsource exports only its CSS files, so the font is found beside the weight's CSS. */
function fontFile(weight: number): string {
  const css = runtimeRequire.resolve(`@fontsource/noto-naskh-arabic/${weight}.css`);
  return path.join(/*turbopackIgnore: true*/ path.dirname(css), 'files', `noto-naskh-arabic-arabic-${weight}-normal.woff2`);
}

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'sfnt' }) => Promise<Buffer>;

/** The regular and bold faces as TrueType, subset to `text`; null when they cannot be made (the export goes on without). */
export async function getArabicFontFaces(text: string): Promise<{ regular: Buffer; bold: Buffer } | null> {
  if (!text) return null;
  try {
    // Loaded from the project at run time, not bundled: subset-font reads its WebAssembly file from its own folder.
    const subsetFont = runtimeRequire(/*turbopackIgnore: true*/ 'subset-font') as SubsetFont;
    const face = async (weight: number) => {
      const woff2 = await readFile(/*turbopackIgnore: true*/ fontFile(weight));
      return subsetFont(woff2, text, { targetFormat: 'sfnt' });
    };
    const [regular, bold] = await Promise.all([face(400), face(700)]);
    return { regular, bold };
  } catch (e) {
    console.warn(`Word export: the Arabic font could not be embedded (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}
