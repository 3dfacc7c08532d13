/**
 * How long Word files take in and out, and how big they are: the seed article and synthetic articles of more rows
 * written as .docx the way Word writes them (Title, headings, bold runs, lists, right-to-left paragraphs), read back
 * through mammoth into rows, translated, and exported in both layouts (the bilingual one with its embedded font). Prints a table, writes bench/word-results.json.
 *   npm run bench:word -- [--sizes 21,1000,5000] [--repeat 3]
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { readWordHtml } from '@/lib/formats/docx-reader';
import { getArabicFontFaces } from '@/lib/formats/docx-font';
import { getWordExportText, writeWordDocument } from '@/lib/formats/docx-writer';
import { parseSourceText, type BilingualDocument, type SourceBlock } from '@/lib/model';
import { createDocumentFromWordHtml, getWordExport } from '@/lib/model/word';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '21,1000,5000' }, repeat: { type: 'string', default: '3' } } });
const sizes = values.sizes!.split(',').map(Number);
const repeat = Number(values.repeat);
const at = '2025-05-12T09:00:00.000Z';

async function seedBlocks(): Promise<SourceBlock[]> {
  const text = await readFile(path.join('lib', 'model', 'fixtures', 'seed-article.txt'), 'utf8');
  return parseSourceText(text);
}

/** `count` blocks: the seed's, repeated. */
function blocksOf(seed: SourceBlock[], count: number): SourceBlock[] {
  return Array.from({ length: count }, (_, i) => seed[i % seed.length]!);
}

/** A .docx of the blocks as Word writes an Arabic article; every paragraph has a bold word. */
function wordFileOf(blocks: SourceBlock[]): Promise<Buffer> {
  const run = (text: string, bold = false) => new TextRun({ text, rightToLeft: true, bold });
  const children = blocks.map((b) => {
    const [first, ...rest] = b.text.split(' ');
    const runs = [run(first!, b.kind === 'paragraph'), run(rest.length ? ` ${rest.join(' ')}` : '')];
    if (b.kind === 'title') return new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: true, children: runs });
    if (b.kind === 'heading') return new Paragraph({ heading: HeadingLevel.HEADING_2, bidirectional: true, children: runs });
    if (b.kind === 'bulleted' || b.kind === 'numbered') return new Paragraph({ bullet: { level: 0 }, bidirectional: true, children: runs });
    return new Paragraph({ bidirectional: true, children: runs });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)]!), value };
}

const seed = await seedBlocks();
const results = [];
for (const size of sizes) {
  const blocks = blocksOf(seed, size);
  const file = await wordFileOf(blocks);
  let n = 0;
  const read = await timed(async () => readWordHtml(file));
  const map = await timed(async () => createDocumentFromWordHtml(read.value, {}, { now: at, user: null, newId: () => `b${(n++).toString(36).padStart(9, '0')}`, slug: 'bench' }).doc);
  const doc: BilingualDocument = map.value;
  for (const row of doc.rows) row.target = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `English of ${row.source[0]!.text.length} characters.` }] }] };
  const target = await timed(() => writeWordDocument(getWordExport(doc, [], 'target', at)));
  // As the route does it: with the Arabic face subset to the text and embedded.
  const bilingual = await timed(async () => {
    const data = getWordExport(doc, [], 'bilingual', at);
    return writeWordDocument(data, await getArabicFontFaces(getWordExportText(data)));
  });
  results.push({
    rows: doc.rows.length,
    docxKB: Math.round(file.length / 1024),
    mammothMs: read.ms,
    mapMs: map.ms,
    exportTargetMs: target.ms,
    exportTargetKB: Math.round(target.value.length / 1024),
    exportBilingualMs: bilingual.ms,
    exportBilingualKB: Math.round(bilingual.value.length / 1024),
  });
}
console.table(results);
await writeFile(path.join('bench', 'word-results.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), repeat, results }, null, 2)}\n`);
