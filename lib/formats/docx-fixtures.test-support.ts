import * as CFB from 'cfb';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import type { BilingualDocument, Note, TargetDoc } from '@/lib/model';
import { createDocumentFromWordHtml } from '@/lib/model/word';
import { readWordHtml } from './docx-reader';

/**
 * Word files for tests, made here rather than checked in: one written by the `docx` library as Word writes them
 * (styles by id, numbering definitions, bidi paragraphs), and small packages assembled by hand in the shapes
 * LibreOffice and Google Docs give theirs, plus broken ones.
 */

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const ar = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, rightToLeft: true, font: { cs: 'Arial' }, ...options });
const rtl = (children: (TextRun | ImageRun | FootnoteReferenceRun)[], extra: object = {}) => new Paragraph({ bidirectional: true, children, ...extra });

/**
 * An Arabic article as Word writes one: a Title, Heading 1 and 2, right-to-left paragraphs with bold, italic and
 * both, a numbered list with a nested item, a bulleted list with a nested item, a table, an image inside a
 * paragraph and one alone, a footnote, a line break.
 */
export async function wordArticle(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'numbers',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph({ bidirectional: true, children: [ar('المصدر: وكالة الأنباء.')] })] } },
    sections: [
      {
        children: [
          rtl([ar('بوتين يستقبل الجنرال حفتر في الكرملين')], { heading: HeadingLevel.TITLE }),
          rtl([ar('استقبل الرئيس الروسي '), ar('فلاديمير بوتين', { bold: true }), ar(' المشير '), ar('خليفة حفتر', { italics: true }), ar(' في موسكو.'), new FootnoteReferenceRun(1)]),
          rtl([ar('خلفية الزيارة')], { heading: HeadingLevel.HEADING_1 }),
          rtl([ar('نقاط '), ar('مهمة جدا', { bold: true, italics: true }), ar(':')]),
          rtl([ar('التعاون العسكري')], { numbering: { reference: 'numbers', level: 0 } }),
          rtl([ar('التدريب')], { numbering: { reference: 'numbers', level: 1 } }),
          rtl([ar('الطاقة')], { numbering: { reference: 'numbers', level: 0 } }),
          rtl([ar('طرابلس')], { bullet: { level: 0 } }),
          rtl([ar('بنغازي')], { bullet: { level: 1 } }),
          new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('السنة')] }), new TableCell({ children: [new Paragraph('2025')] })] })] }),
          rtl([ar('صورة من اللقاء '), new ImageRun({ type: 'png', data: PNG, transformation: { width: 20, height: 20 } }), ar(' في القاعة.')]),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 20, height: 20 } })] }),
          rtl([ar('ردود الفعل')], { heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ bidirectional: true }),
          rtl([ar('السطر الأول'), new TextRun({ text: 'السطر الثاني', rightToLeft: true, break: 1 })]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A document of the `docx` library with the given paragraphs only. */
export async function docxOf(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The smallest package Word accepts: the parts given, their content types and relationships. */
export function assembleDocx(parts: { document: string; styles?: string; numbering?: string }): Uint8Array {
  const overrides = [
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
    parts.styles && '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
    parts.numbering && '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>',
  ].filter(Boolean);
  const rels = [
    parts.styles && `<Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/>`,
    parts.numbering && `<Relationship Id="rIdNumbering" Type="${R}/numbering" Target="numbering.xml"/>`,
  ].filter(Boolean);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${parts.document}</w:body></w:document>`),
  };
  if (parts.styles) files['word/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">${parts.styles}</w:styles>`);
  if (parts.numbering) files['word/numbering.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}">${parts.numbering}</w:numbering>`);
  return zipSync(files);
}

const style = (id: string, name: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
const numbering = (abstractId: number, numId: number, fmt: 'decimal' | 'bullet') =>
  `<w:abstractNum w:abstractNumId="${abstractId}"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${fmt === 'bullet' ? '•' : '%1.'}"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${fmt === 'bullet' ? '◦' : '%2.'}"/></w:lvl></w:abstractNum>` +
  `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/></w:num>`;

/**
 * In the shape LibreOffice saves a .docx: style ids `Title`, `Heading1`…, list paragraphs with `w:numPr`,
 * right-to-left paragraphs and runs with `<w:bidi/>` and `<w:rtl/>`, bold as `<w:b/><w:bCs/>`, italic as
 * `<w:i/><w:iCs/>`.
 */
export function libreOfficeArticle(): Uint8Array {
  const p = (inner: string, pPr = '') => `<w:p><w:pPr>${pPr}<w:bidi/><w:jc w:val="start"/></w:pPr>${inner}</w:p>`;
  const r = (text: string, rPr = '') => `<w:r><w:rPr>${rPr}<w:rtl/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
  const list = (numId: number, level: number) => `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr>`;
  return assembleDocx({
    styles: style('Normal', 'Normal') + style('Title', 'Title') + style('Heading1', 'Heading 1') + style('Heading2', 'Heading 2') + style('ListParagraph', 'List Paragraph'),
    numbering: numbering(1, 1, 'decimal') + numbering(2, 2, 'bullet'),
    document: [
      p(r('عنوان المقال'), '<w:pStyle w:val="Title"/>'),
      p(r('فقرة فيها ') + r('كلمة غامقة', '<w:b/><w:bCs/>') + r(' وكلمة ') + r('مائلة', '<w:i/><w:iCs/>') + r('.')),
      p(r('قسم أول'), '<w:pStyle w:val="Heading1"/>'),
      p(r('البند الأول'), list(1, 0)),
      p(r('البند الثاني'), list(1, 0)),
      p(r('نقطة'), list(2, 0)),
      p(r('قسم فرعي'), '<w:pStyle w:val="Heading2"/>'),
      p(r('فقرة أخيرة.')),
    ].join(''),
  });
}

/**
 * In the shape Google Docs exports a .docx: headings by style (`Heading1` named "heading 1"), marks written
 * `<w:b w:val="1"/>` and switched off with `w:val="0"`, `<w:rtl w:val="1"/>`, lists of `w:numPr` with their own
 * definitions, and no Title style (the first heading is the title).
 */
export function googleDocsArticle(): Uint8Array {
  const p = (inner: string, pPr = '') => `<w:p><w:pPr>${pPr}<w:bidi w:val="1"/></w:pPr>${inner}</w:p>`;
  const r = (text: string, rPr = '') => `<w:r><w:rPr><w:rFonts w:ascii="Arial" w:cs="Arial"/>${rPr}<w:rtl w:val="1"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
  const list = (numId: number) => `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`;
  return assembleDocx({
    styles: style('Normal', 'normal') + style('Heading1', 'heading 1') + style('Heading2', 'heading 2'),
    numbering: numbering(0, 1, 'decimal') + numbering(1, 2, 'bullet'),
    document: [
      p(r('عنوان من مستندات جوجل'), '<w:pStyle w:val="Heading1"/>'),
      p(r('نص ') + r('غامق', '<w:b w:val="1"/>') + r(' وليس غامقا', '<w:b w:val="0"/>') + r(' و') + r('مائل', '<w:i w:val="1"/>')),
      p(r('أولا'), list(1)),
      p(r('ثانيا'), list(1)),
      p(r('نقطة أولى'), list(2)),
      p(r('قسم'), '<w:pStyle w:val="Heading2"/>'),
      p(r('')),
      p(r('خاتمة.')),
    ].join(''),
  });
}

/** An OLE compound file holding the given streams: an encrypted package, or an old Word .doc. */
export function compoundFile(streams: string[]): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const name of streams) CFB.utils.cfb_add(container, `/${name}`, new Uint8Array(600).fill(7));
  return Uint8Array.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/**
 * A small package whose directory claims that its document part unpacks to `bytes` bytes, as a zip bomb's does
 * (the size in the central directory entry is patched; nothing that large is ever made).
 */
export function bombDocx(bytes: number): Uint8Array {
  const zip = assembleDocx({ document: '<w:p><w:r><w:t>نص</w:t></w:r></w:p>' });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = new TextEncoder().encode('word/document.xml');
  for (let i = 0; i + 46 < zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (nameLength === name.length && name.every((b, k) => zip[i + 46 + k] === b)) view.setUint32(i + 24, bytes, true);
  }
  return zip;
}

const at = '2025-05-12T09:00:00.000Z';
let ids = 0;

/** The test article imported and translated: every row "Row N" with "N" in bold, a public note on row 2. */
export async function translatedArticle(): Promise<{ doc: BilingualDocument; notes: Note[] }> {
  const { doc } = createDocumentFromWordHtml(await readWordHtml(await wordArticle()), {}, { now: at, user: 'editor', newId: () => `x${String(++ids).padStart(9, '0')}`, slug: 'article' });
  doc.rows.forEach((row, i) => {
    const target: TargetDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Row ' }, { type: 'text', text: String(i + 1), marks: [{ type: 'bold' }] }] }] };
    Object.assign(row, { target, status: 'translated' });
  });
  const note: Note = {
    id: 'n000000001',
    rowId: doc.rows[1]!.id,
    side: 'source',
    quote: { exact: 'فلاديمير بوتين' },
    detached: false,
    body: 'Vladimir Putin, president since 2012.',
    author: 'layla',
    createdAt: at,
    updatedAt: at,
    status: 'open',
    visibility: 'public',
    replies: [],
  };
  return { doc, notes: [note] };
}

