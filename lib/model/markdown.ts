import { toLatinDigits } from './digits';
import type { BilingualDocument, Row, SourceBlock, TargetParagraph } from './schema';
import { getRowParagraphs } from './target';

/** Characters Markdown would read as formatting anywhere in a line. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, '\\$1');
}

/**
 * Escapes a line's start where Markdown would read a heading, a list item, a quote or a rule. The indent is white
 * space other than line breaks, so it never runs into the next line: `\s*` there read a long run of blank lines
 * once from each of them.
 */
function escapeLineStart(text: string): string {
  return text.replace(/^([^\S\n\r\u2028\u2029]*)(#{1,6}(?=\s|$)|[-+=](?=\s|$)|>|\d+(?=[.)](?:\s|$)))/gm, (_, space: string, mark: string) => `${space}\\${mark}`);
}

/** Plain text as Markdown that reads as written: formatting characters escaped, newlines as hard breaks. */
function escapeText(text: string): string {
  return escapeLineStart(escapeInline(text)).replace(/\n/g, '\\\n');
}

/** A list marker Markdown reads as one: "1." or "1)" in ASCII digits. */
function isMarkdownNumber(number: string): boolean {
  return /^\d{1,9}[.)]$/.test(number);
}

function paragraphMarkdown(p: TargetParagraph, continuation: string): string {
  return (p.content ?? [])
    .map((node) => {
      if (node.type === 'hard_break') return `\\\n${continuation}`;
      let text = escapeLineStart(escapeInline(node.text));
      const marks = new Set((node.marks ?? []).map((m) => m.type));
      if (marks.has('italic')) text = `*${text}*`;
      if (marks.has('bold')) text = `**${text}**`;
      return text;
    })
    .join('');
}

/** The source block's line, and how a translated paragraph beside it is written. */
function blockMarkdown(block: SourceBlock): { source: string; target: (p: TargetParagraph) => string } {
  const text = escapeText(block.text);
  switch (block.kind) {
    case 'title':
    case 'heading': {
      // The title is the one "#"; headings start at "##".
      const hashes = block.kind === 'title' ? '#' : '#'.repeat(Math.min(6, Math.max(2, block.level ?? 2)));
      return { source: `${hashes} ${text.replace(/\\\n/g, ' ')}`, target: (p) => `${hashes} ${paragraphMarkdown(p, '').replace(/\\\n/g, ' ')}` };
    }
    case 'bulleted':
      // The translation is a second paragraph of the same item.
      return { source: `- ${text.replace(/\n/g, '\n  ')}`, target: (p) => `  ${paragraphMarkdown(p, '  ')}` };
    case 'numbered': {
      const number = block.number ?? '1.';
      if (isMarkdownNumber(number)) {
        const pad = ' '.repeat(number.length + 1);
        return { source: `${number} ${text.replace(/\n/g, `\n${pad}`)}`, target: (p) => `${pad}${paragraphMarkdown(p, pad)}` };
      }
      // "١." is not a Markdown list marker: the Arabic keeps it as text, the English gets it in ASCII digits.
      const english = toLatinDigits(number);
      const pad = ' '.repeat(english.length + 1);
      return {
        source: `${escapeInline(number)} ${text}`,
        target: (p) => (isMarkdownNumber(english) ? `${english} ${paragraphMarkdown(p, pad)}` : paragraphMarkdown(p, '')),
      };
    }
    case 'paragraph':
      return { source: text, target: (p) => paragraphMarkdown(p, '') };
  }
}

/** A row's blocks: each source block followed by the translated paragraph beside it, the rest after the last. */
function rowMarkdown(row: Row): string[] {
  const paragraphs = getRowParagraphs(row.target);
  const out: string[] = [];
  row.source.forEach((block, i) => {
    const md = blockMarkdown(block);
    out.push(md.source);
    const mine = i < row.source.length - 1 ? paragraphs.slice(i, i + 1) : paragraphs.slice(i);
    for (const p of mine) out.push(md.target(p));
  });
  return out;
}

/**
 * The document as bilingual Markdown: the title, then each row's source block(s), each followed by its
 * translation in the same kind (a heading stays a heading; a list item's translation is a second paragraph of
 * the item, so the list keeps its numbers). Untranslated rows show only the source. Text is escaped so it reads
 * as written.
 */
export function toBilingualMarkdown(doc: BilingualDocument): string {
  const blocks: string[] = [];
  const first = doc.rows[0]?.source[0];
  if (!(first?.kind === 'title' && first.text === doc.title)) blocks.push(`# ${escapeText(doc.title)}`);
  for (const row of doc.rows) blocks.push(...rowMarkdown(row));
  return `${blocks.join('\n\n')}\n`;
}
