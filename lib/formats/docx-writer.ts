import {
  AlignmentType,
  CharacterSet,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type INumberingOptions,
  type ParagraphChild,
} from 'docx';
import { getLangDir, toLatinDigits } from '@/lib/model';
import type { WordExport, WordFootnote, WordParagraph } from '@/lib/model/word';

/**
 * Writes a Word export (lib/model/word/export.ts) as a .docx with the `docx` library: Word's own Title and
 * Heading styles, real Word numbering and bullets, bold and italic, footnotes for public notes, and right-to-left
 * text as Word wants it (bidirectional paragraphs, right-to-left runs, the complex-script font and size).
 */

/** The Arabic column's face, as the app shows it (embedded when the caller gives it, see docx-font.ts). */
export const ARABIC_FONT = 'Noto Naskh Arabic';
/** Sizes in half-points: English 11 pt, Arabic about 1.3 times that. */
const LATIN_SIZE = 22;
const RTL_SIZE = 28;

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const BULLETS = ['•', '◦', '▪'];

/**
 * The numbering definitions a document needs, made as lists appear: one per column, kind, digits and start number.
 * Each column has definitions of its own: lists that share one count on together, even across table cells.
 */
class Numbering {
  private readonly configs = new Map<string, INumberingOptions['config'][number]>();
  private instance = 0;

  /** A new list (numbering restarts): its reference and instance. */
  start(column: string, kind: 'numbered' | 'bulleted', first: string | undefined): { reference: string; instance: number } {
    const arabicDigits = kind === 'numbered' && /^[\u0660-\u0669]/.test(first ?? '');
    const latin = toLatinDigits(first ?? '');
    const startAt = kind === 'numbered' && /^\d{1,4}/.test(latin) ? Math.max(1, parseInt(latin, 10)) : 1;
    const reference = `${column}-${kind === 'bulleted' ? 'bulleted' : `numbered-${arabicDigits ? 'arabic' : 'latin'}-${startAt}`}`;
    if (!this.configs.has(reference)) {
      const levels: ILevelsOptions[] = Array.from({ length: 6 }, (_, level) => ({
        level,
        format: kind === 'bulleted' ? LevelFormat.BULLET : arabicDigits ? LevelFormat.HINDI_NUMBERS : LevelFormat.DECIMAL,
        text: kind === 'bulleted' ? BULLETS[level % BULLETS.length]! : `%${level + 1}.`,
        start: level === 0 ? startAt : 1,
        alignment: AlignmentType.START,
        style: { paragraph: { indent: { start: 720 * (level + 1), hanging: 360 } } },
      }));
      this.configs.set(reference, { reference, levels });
    }
    return { reference, instance: ++this.instance };
  }

  options(): INumberingOptions {
    return { config: [...this.configs.values()] };
  }
}

interface ColumnStyle {
  lang: string;
  rtl: boolean;
}

/** Writes one column's paragraphs in order, continuing a list across rows until something else comes. */
class ColumnWriter {
  private list: { kind: string; reference: string; instance: number } | null = null;

  constructor(
    private readonly column: string,
    private readonly style: ColumnStyle,
    private readonly numbering: Numbering,
  ) {}

  paragraph(p: WordParagraph): Paragraph {
    const { rtl, lang } = this.style;
    const isList = p.kind === 'numbered' || p.kind === 'bulleted';
    if (!isList) this.list = null;
    else if (!this.list || this.list.kind !== p.kind || (p.level === 1 && p.kind === 'numbered' && p.number !== undefined && /^(1|١)$/.test(p.number))) {
      this.list = { kind: p.kind, ...this.numbering.start(this.column, p.kind as 'numbered' | 'bulleted', p.number) };
    }
    const heading = p.kind === 'title' ? HeadingLevel.TITLE : p.kind === 'heading' ? HEADINGS[Math.min(Math.max(p.level, 1), 6) - 1] : undefined;
    const size = heading ? undefined : rtl ? RTL_SIZE : LATIN_SIZE;
    const children: ParagraphChild[] = p.runs.map((run) => {
      if ('footnote' in run) return new FootnoteReferenceRun(run.footnote);
      if ('break' in run) return new TextRun({ break: 1 });
      return new TextRun({
        text: run.text,
        bold: run.bold,
        italics: run.italic,
        size,
        ...(rtl ? { rightToLeft: true, font: { cs: ARABIC_FONT }, language: { bidirectional: lang } } : { language: { value: lang } }),
      });
    });
    return new Paragraph({
      children,
      ...(heading && { heading }),
      ...(isList && this.list && { numbering: { reference: this.list.reference, level: Math.min(Math.max(p.level, 1), 6) - 1, instance: this.list.instance } }),
      ...(rtl && { bidirectional: true, spacing: { line: 336 } }),
    });
  }
}

function footnoteParagraph(note: WordFootnote, sourceLang: string): Paragraph {
  const children: TextRun[] = [];
  if (note.quote) {
    const quoteRtl = getLangDir(note.quote.lang) === 'rtl';
    children.push(new TextRun({ text: `“${note.quote.text}”`, italics: true, ...(quoteRtl && { rightToLeft: true, font: { cs: ARABIC_FONT }, language: { bidirectional: sourceLang } }) }));
    children.push(new TextRun({ text: ' ' }));
  }
  children.push(new TextRun({ text: note.body, ...(note.rtl && { rightToLeft: true, font: { cs: ARABIC_FONT } }) }));
  children.push(new TextRun({ text: ` — ${note.author}` }));
  return new Paragraph({ children, ...(note.rtl && { bidirectional: true }) });
}

/** A language's name in its own language ("العربية", "English"), or its tag when the runtime has no name for it. */
function languageName(lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** Page width inside A4's margins, in twentieths of a point. */
const TEXT_WIDTH = 9026;

function bilingualTable(data: WordExport, numbering: Numbering): Table {
  const source: ColumnStyle = { lang: data.sourceLang, rtl: getLangDir(data.sourceLang) === 'rtl' };
  const target: ColumnStyle = { lang: data.targetLang, rtl: getLangDir(data.targetLang) === 'rtl' };
  const sourceColumn = new ColumnWriter('source', source, numbering);
  const targetColumn = new ColumnWriter('target', target, numbering);
  const half = { size: TEXT_WIDTH / 2, type: WidthType.DXA };
  const header = (style: ColumnStyle) =>
    new TableCell({
      width: half,
      children: [new Paragraph({ ...(style.rtl && { bidirectional: true }), children: [new TextRun({ text: languageName(style.lang), bold: true, ...(style.rtl && { rightToLeft: true, font: { cs: ARABIC_FONT } }) })] })],
    });
  const rows = [new TableRow({ tableHeader: true, children: [header(source), header(target)] })];
  for (const row of data.rows) {
    const cell = (paragraphs: Paragraph[], style: ColumnStyle) =>
      new TableCell({ width: half, children: paragraphs.length ? paragraphs : [new Paragraph({ ...(style.rtl && { bidirectional: true }) })] });
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [cell(row.source.map((p) => sourceColumn.paragraph(p)), source), cell(row.target.map((p) => targetColumn.paragraph(p)), target)],
      }),
    );
  }
  // The original in the first column, as in the editor. Said outright: without it LibreOffice takes the direction of
  // the first cell's paragraph and shows the table mirrored.
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH / 2, TEXT_WIDTH / 2],
    layout: TableLayoutType.FIXED,
    visuallyRightToLeft: false,
  });
}

/** Every character a Word export writes, for the embedded font's subset. */
export function getWordExportText(data: WordExport): string {
  const runs = data.rows.flatMap((r) => [...r.source, ...r.target]).flatMap((p) => p.runs.map((run) => ('text' in run ? run.text : '')));
  const notes = data.footnotes.map((n) => `${n.quote?.text ?? ''}${n.body}`);
  return [...runs, ...notes, languageName(data.sourceLang), languageName(data.targetLang)].join('');
}

/** True when the export writes right-to-left text (and so wants the Arabic face): a column, or a footnote's. */
export function hasRightToLeft(data: WordExport): boolean {
  if (getLangDir(data.targetLang) === 'rtl' || (data.layout === 'bilingual' && getLangDir(data.sourceLang) === 'rtl')) return true;
  return data.footnotes.some((n) => n.rtl || (n.quote && getLangDir(n.quote.lang) === 'rtl'));
}

/**
 * The .docx of a Word export. `arabicFont`, when given, is embedded as the Arabic face (see docx-font.ts), so the
 * right-to-left text shows in it wherever the file is opened.
 */
export async function writeWordDocument(data: WordExport, arabicFont?: { regular: Buffer; bold: Buffer } | null): Promise<Buffer> {
  const numbering = new Numbering();
  let body: (Paragraph | Table)[];
  if (data.layout === 'bilingual') {
    body = [bilingualTable(data, numbering)];
  } else {
    const column = new ColumnWriter('target', { lang: data.targetLang, rtl: getLangDir(data.targetLang) === 'rtl' }, numbering);
    body = data.rows.flatMap((row) => row.target.map((p) => column.paragraph(p)));
    if (!body.length) body = [new Paragraph({})];
  }
  const footnotes = Object.fromEntries(data.footnotes.map((n) => [n.id, { children: [footnoteParagraph(n, data.sourceLang)] }]));
  const doc = new Document({
    title: data.title,
    creator: 'Bilingual editor',
    styles: { default: { document: { run: { size: LATIN_SIZE } } } },
    numbering: numbering.options(),
    footnotes,
    ...(arabicFont && { fonts: [{ name: ARABIC_FONT, data: arabicFont.regular, bold: arabicFont.bold, characterSet: CharacterSet.ARABIC }] }),
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children: body }],
  });
  return Packer.toBuffer(doc);
}
