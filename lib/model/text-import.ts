import { ModelError } from './errors';
import { LIMITS } from './limits';
import { checkImportRowCount } from './row-limits';
import { runSteps } from './steps';
import type { SourceBlock } from './schema';
import { isSpace, trimEndOf } from './text-scan';

/** The largest text an import accepts, in UTF-8 bytes. */
export const MAX_IMPORT_BYTES = LIMITS.importTextBytes;

/** Lines that web scrapers leave at the top of a page and that are never part of an article. */
const SCRAPE_ARTIFACTS = [/^you are currently viewing\b/i, /^skip to (main )?content$/i];

/**
 * Line patterns. Each `\s+` is followed by a non-space and the rest is taken whole (`s`: any character), so no
 * two quantifiers can share a character and a line is read once however its spaces fall (a heading pattern with
 * `\s+(.+?)(?:\s+#+)?$` took 15 s on "# ا" and 160,000 spaces).
 */
const HEADING = /^(#{1,6})\s+(\S.*)$/s;
const NUMBERED = /^([0-9]{1,4}|[٠-٩]{1,4}|[۰-۹]{1,4})[.)٫]\s+(\S.*)$/s;
const BULLETED = /^[-•*·–]\s+(\S.*)$/s;
/** Characters that end a sentence or introduce what follows, in Arabic and Latin punctuation. */
const SENTENCE_END = /[.!?؟:؛…,،;"»”)\]]$/;

/** Checks what the model requires of imported text before anything is parsed. */
export function checkImportText(text: unknown): string {
  if (typeof text !== 'string') throw new ModelError('invalid', 'text must be a string');
  if (text.includes('\u0000')) throw new ModelError('invalid', 'text contains NUL bytes; is this a binary file?');
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
    throw new ModelError('too-large', `text is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
  if (text.trim() === '') throw new ModelError('invalid', 'text is empty');
  return text;
}

/** A heading's text without its closing run of `#`, which counts only after a space, as in CommonMark ("C#" keeps its `#`). */
function withoutClosingHashes(text: string): string {
  const bare = trimEndOf(text, '#');
  if (bare === text || !bare || !isSpace(bare[bare.length - 1]!)) return text;
  return bare.trimEnd();
}

function classifyLine(line: string): SourceBlock {
  const heading = HEADING.exec(line);
  if (heading) return { kind: 'heading', level: heading[1]!.length, text: withoutClosingHashes(heading[2]!) };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { kind: 'numbered', number: numbered[1]!, text: numbered[2]!.trim() };
  const bulleted = BULLETED.exec(line);
  if (bulleted) return { kind: 'bulleted', text: bulleted[1]!.trim() };
  return { kind: 'paragraph', text: line };
}

/** A short line with no sentence punctuation at its end reads as a heading in plain text. */
function looksLikeHeading(text: string): boolean {
  return text.length <= 120 && text.split(/\s+/).length <= 14 && !SENTENCE_END.test(text);
}

/**
 * Splits plain text or light Markdown into source blocks. Paragraphs are separated by blank lines (text with no
 * blank line at all has one paragraph per line); `#` lines are headings; `1.`/`١.` lines numbered items and
 * `-`/`•`/`*` lines bulleted items. Text without Markdown headings gets its headings and title inferred: a
 * short line without final punctuation. Each block's text is kept exactly, only trimmed. Past `maxBlocks` blocks
 * it stops with 'too-large'.
 */
export function parseSourceText(input: string, options: { maxBlocks?: number } = {}): SourceBlock[] {
  return runSteps(parseSourceTextSteps(input, options));
}

/** Lines read between two steps of parseSourceTextSteps. */
const STEP_LINES = 1000;

/**
 * parseSourceText in steps: the generator pauses every STEP_LINES lines, so a server can answer other requests
 * between the steps of a long import (lib/model/steps.ts); run it at once with runSteps.
 */
export function* parseSourceTextSteps(input: string, options: { maxBlocks?: number } = {}): Generator<void, SourceBlock[], void> {
  const maxBlocks = options.maxBlocks ?? Infinity;
  const lines = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  yield;
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  if (lines.length && SCRAPE_ARTIFACTS.some((re) => re.test(lines[0]!.trim()))) lines.shift();
  // Blank lines before the first or after the last line of text separate nothing.
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();

  const hasBlankLines = lines.some((l) => l.trim() === '');
  yield;
  const blocks: SourceBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  let read = 0;
  for (const raw of lines) {
    if (++read % STEP_LINES === 0) yield;
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    // Stop as soon as the text is known to make too many blocks: 500,000 short lines need not all be read.
    if (blocks.length > maxBlocks) checkImportRowCount(blocks.length);
    const block = classifyLine(line);
    if (block.kind !== 'paragraph') {
      flush();
      blocks.push(block);
    } else if (hasBlankLines) {
      paragraph.push(line);
    } else {
      blocks.push(block);
    }
  }
  flush();
  if (!blocks.length) throw new ModelError('invalid', 'text holds no paragraphs');

  const usesMarkdownHeadings = blocks.some((b) => b.kind === 'heading');
  const first = blocks[0]!;
  if (usesMarkdownHeadings) {
    if (first.kind === 'heading' && first.level === 1) blocks[0] = { kind: 'title', text: first.text };
    return blocks;
  }
  for (let i = 0; i < blocks.length; i++) {
    if (i % STEP_LINES === STEP_LINES - 1) yield;
    const b = blocks[i]!;
    if (b.kind !== 'paragraph' || blocks.length < 2 || !looksLikeHeading(b.text)) continue;
    if (i === 0) blocks[i] = { kind: 'title', text: b.text };
    else if (i < blocks.length - 1) blocks[i] = { kind: 'heading', level: 2, text: b.text };
  }
  return blocks;
}
