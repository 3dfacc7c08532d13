import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Arabic face a Word export carries inside it, so its Arabic shows in Naskh on a machine without the font
 * (Word and LibreOffice use embedded TrueType fonts; without one they fall back to any installed Arabic face).
 * The app's own Noto Naskh Arabic from npm, cut down to the characters the document uses.
 */

const FONT_FILES = path.join('node_modules', '@fontsource', 'noto-naskh-arabic', 'files');

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'sfnt' }) => Promise<Buffer>;

/** The regular and bold faces as TrueType, subset to `text`; null when they cannot be made (the export goes on without). */
export async function getArabicFontFaces(text: string, root = process.cwd()): Promise<{ regular: Buffer; bold: Buffer } | null> {
  if (!text) return null;
  try {
    // Loaded from the project at run time, not bundled: subset-font reads its WebAssembly file from its own folder.
    const subsetFont = createRequire(path.join(/*turbopackIgnore: true*/ root, 'package.json'))('subset-font') as SubsetFont;
    const face = async (weight: number) => {
      const woff2 = await readFile(path.join(/*turbopackIgnore: true*/ root, FONT_FILES, `noto-naskh-arabic-arabic-${weight}-normal.woff2`));
      return subsetFont(woff2, text, { targetFormat: 'sfnt' });
    };
    const [regular, bold] = await Promise.all([face(400), face(700)]);
    return { regular, bold };
  } catch (e) {
    console.warn(`Word export: the Arabic font could not be embedded (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}
