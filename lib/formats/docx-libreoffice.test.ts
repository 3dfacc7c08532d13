import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BilingualDocument } from '@/lib/model';
import { createDocumentFromWordHtml, getWordExport } from '@/lib/model/word';
import { getArabicFontFaces } from './docx-font';
import { readWordHtml } from './docx-reader';
import { getWordExportText, writeWordDocument } from './docx-writer';
import { translatedArticle } from './docx-fixtures.test-support';

/**
 * The round trip through another word processor: a Word file imported, translated and exported is opened by
 * LibreOffice (headless) and converted to HTML, PDF and .docx again; the HTML must show the same rows and kinds,
 * and LibreOffice's own .docx must import as the same rows. Runs where LibreOffice is installed (`.ci/run`
 * installs Debian's libreoffice-writer-nogui); elsewhere it is skipped, saying so.
 */

const CANDIDATES = [
  process.env.LIBREOFFICE_PATH,
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
].filter((p): p is string => !!p);
const soffice = CANDIDATES.find((p) => existsSync(p));
if (!soffice) console.warn('LibreOffice round trip skipped: no soffice found (install libreoffice-writer-nogui, or set LIBREOFFICE_PATH)');

const run = promisify(execFile);
const at = '2025-05-12T09:00:00.000Z';
let dir = '';

/** Converts files with LibreOffice in a profile of its own, so parallel runs and a desktop session never clash. */
async function convert(files: string[], to: string): Promise<void> {
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  await run(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', path.join(dir, to.split(':')[0]!), ...files], { timeout: 150_000 });
}

/** Text as read, without footnote marks. */
function rawText(nodes: ChildNode[]): string {
  return nodes.map((n) => (isText(n) ? n.data : isTag(n) && n.attribs.class !== 'sdfootnoteanc' ? rawText(n.children) : '')).join('');
}

const text = (nodes: ChildNode[]) => rawText(nodes).replace(/\s+/g, ' ').trim();

/** The paragraphs of LibreOffice's HTML in order: their kind (h1…, a list item of ol or ul, p) and text. */
function blocksOf(nodes: ChildNode[], list: string | null = null, out: [string, string][] = []): [string, string][] {
  for (const n of nodes) {
    if (!isTag(n)) continue;
    const el = n as Element;
    if (el.name === 'div' && (el.attribs.id ?? '').startsWith('sdfootnote')) continue;
    if (/^h[1-6]$/.test(el.name)) out.push([el.name, text(el.children)]);
    else if (el.name === 'p') out.push([list ? `${list}>li` : 'p', text(el.children)]);
    else blocksOf(el.children, el.name === 'ol' || el.name === 'ul' ? el.name : list, out);
  }
  return out.filter(([, t]) => t !== '');
}

const KIND_TAG = (doc: BilingualDocument) =>
  doc.rows.map((r) => {
    const b = r.source[0]!;
    return b.kind === 'heading' ? `h${b.level}` : b.kind === 'numbered' ? 'ol>li' : b.kind === 'bulleted' ? 'ul>li' : 'p';
  });

describe.skipIf(!soffice)('LibreOffice opens the exported Word files', { timeout: 60_000 }, () => {
  let doc: BilingualDocument;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'docx-lo-'));
    const article = await translatedArticle();
    doc = article.doc;
    await writeFile(path.join(dir, 'target.docx'), await writeWordDocument(getWordExport(doc, article.notes, 'target', at)));
    const bilingual = getWordExport(doc, article.notes, 'bilingual', at);
    await writeFile(path.join(dir, 'bilingual.docx'), await writeWordDocument(bilingual, await getArabicFontFaces(getWordExportText(bilingual))));
    const files = [path.join(dir, 'target.docx'), path.join(dir, 'bilingual.docx')];
    // One after the other: LibreOffice refuses a second instance on the same profile.
    await convert(files, 'html');
    await convert(files, 'pdf');
    await convert(files, 'docx:MS Word 2007 XML');
  }, 480_000);

  afterAll(async () => {
    if (dir && !process.env.KEEP_LO) await rm(dir, { recursive: true, force: true });
  });

  it('shows the translation with the same rows and kinds, bold, and the footnote', async () => {
    const html = await readFile(path.join(dir, 'html', 'target.html'), 'utf8');
    const blocks = blocksOf(parseDocument(html).children);
    expect(blocks.map(([, t]) => t)).toEqual(doc.rows.map((_, i) => `Row ${i + 1}`));
    // The title is a paragraph in LibreOffice's HTML (its Title style has no HTML element).
    expect(blocks.map(([tag]) => tag)).toEqual(KIND_TAG(doc));
    expect(html).toMatch(/<b>2<\/b>/);
    expect(html.replace(/\s+/g, ' ')).toContain('Vladimir Putin, president since 2012.');
    expect(html).toContain('class="sdfootnoteanc"');
  });

  it('shows the bilingual table a row a row, the Arabic right to left', async () => {
    const html = await readFile(path.join(dir, 'html', 'bilingual.html'), 'utf8');
    const rows = parseDocument(html).children.flatMap(function find(n): Element[] {
      return isTag(n) ? (n.name === 'tr' ? [n] : n.children.flatMap(find)) : [];
    });
    expect(rows).toHaveLength(doc.rows.length + 1);
    expect(html).toMatch(/<table (?![^>]*dir="rtl")/);
    const cells = rows.slice(1).map((tr) => tr.children.filter((c): c is Element => isTag(c) && c.name === 'td'));
    expect(cells.map((c) => blocksOf(c[0]!.children).map(([tag, t]) => [tag, t]))).toEqual(doc.rows.map((r, i) => [[KIND_TAG(doc)[i], r.source[0]!.text.replace(/\s+/g, ' ')]]));
    expect(cells.map((c) => text(c[1]!.children))).toEqual(doc.rows.map((_, i) => `Row ${i + 1}`));
    // Every Arabic paragraph is right to left (LibreOffice writes it as align="right" or dir="rtl").
    for (const c of cells) expect(c[0]!.children.filter(isTag).every((el) => /align="right"|dir="rtl"/.test(htmlOf(el)) || el.name === 'ol' || el.name === 'ul')).toBe(true);
    expect(html.replace(/<\/?(font|span)\b[^>]*>/g, '').replace(/\s+/g, ' ')).toMatch(/<b>فلاديمير بوتين<\/b>/);
  });

  it('converts both to PDF, the Arabic set in the Naskh face the file carries', async () => {
    for (const name of ['target', 'bilingual']) {
      const pdf = await readFile(path.join(dir, 'pdf', `${name}.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5000);
    }
    // LibreOffice names the fonts it embeds in the PDF; Noto Naskh Arabic is installed nowhere here but in the .docx.
    expect((await readFile(path.join(dir, 'pdf', 'bilingual.pdf'))).toString('latin1')).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoNaskhArabic/);
  });

  it('saves them as .docx again, which imports as the same rows and kinds', async () => {
    let n = 0;
    const ctx = { now: at, user: null, newId: () => `l${String(++n).padStart(9, '0')}`, slug: 'back' };
    const back = createDocumentFromWordHtml(await readWordHtml(await readFile(path.join(dir, 'docx', 'target.docx'))), { sourceLang: 'en', targetLang: 'ar' }, ctx).doc;
    const shape = (d: BilingualDocument) => d.rows.map((r) => [r.source[0]!.kind, r.source[0]!.level ?? 1]);
    expect(shape(back)).toEqual(shape(doc));
    expect(back.rows[2]!.xliff?.source).toBe('Row <pc id="w1" type="fmt" subType="xlf:b">3</pc>');
  });
});

/** The start tag of an element as LibreOffice wrote it, for its direction attributes. */
function htmlOf(el: Element): string {
  return `<${el.name}${Object.entries(el.attribs).map(([k, v]) => ` ${k}="${v}"`).join('')}>`;
}
