import type { Row, SourceBlock, TargetDoc } from './schema';
import { isDoneStatus } from './status';
import { getParagraphText } from './target';

/**
 * A word: a run of letters, combining marks and digits. Inside a run, an apostrophe or hyphen joins two runs
 * ("Putin's", "Haftar’s", "well-known" are one word, as CAT tools count them), and between digits a decimal,
 * thousands, time or date separator does too ("1,000", "١٠٫٥", "10:30", "10/05/2025"). Arabic clitics are written
 * joined to their word ("وبالرئيس"), so they never count apart; tatweel is a letter (Lm) and harakat are marks,
 * so neither splits a word. Punctuation and symbols alone ("—", "%", "،") are not words.
 */
const WORD =
  /[\p{L}\p{M}\p{N}]+(?:(?:['’\-‐\u200C]|(?<=\p{N})[.,٫٬:/](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** The words of `text` as written, in order (see WORD above for what a word is). */
export function getWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Number of words in `text`, Arabic or English alike (see WORD above for what a word is). */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/** Words of a row's original: all its blocks (a numbered block's own number is not part of its text). */
export function countSourceWords(source: readonly SourceBlock[]): number {
  return source.reduce((sum, b) => sum + countWords(b.text), 0);
}

/** Words of a translation, all paragraphs. */
export function countTargetWords(target: TargetDoc): number {
  return target.content.reduce((sum, p) => sum + countWords(getParagraphText(p)), 0);
}

/** Progress by words, as CAT tools count it: source words of done rows against source words of all rows. */
export interface WordProgress {
  /** Source words of rows that are translated or approved. */
  translatedWords: number;
  /** Source words of every row. */
  totalWords: number;
}

/**
 * Word progress of a document (or any list of rows). Progress counts SOURCE words, so a row's weight is the
 * work it holds whatever length its translation came out at; drafts and rows that need changes are not done.
 */
export function getWordProgress(
  doc: { rows: readonly Pick<Row, 'source' | 'status'>[] },
  /** How a row's source words are counted; the editor passes one that remembers each row's count. */
  count: (source: readonly SourceBlock[]) => number = countSourceWords,
): WordProgress {
  let translatedWords = 0;
  let totalWords = 0;
  for (const row of doc.rows) {
    const words = count(row.source);
    totalWords += words;
    if (isDoneStatus(row.status)) translatedWords += words;
  }
  return { translatedWords, totalWords };
}
