import { Fragment, type ReactNode } from 'react';
import {
  getLangDir,
  getTargetKinds,
  isTargetEmpty,
  splitInlineAt,
  splitTextAt,
  type FootnoteMark,
  type NoteSide,
  type PublishedRow,
} from '@/lib/model';
import { Blocks, type BlockItem } from './blocks';
import { InlineContent } from './inline-content';
import type { ReaderLabels } from './labels';

/** The id of a row's element: `#row-<id>` is its permalink, the same anchor the editor uses. */
export function rowAnchor(rowId: string): string {
  return `row-${rowId}`;
}

/** Typography class of a cell: Arabic-script (right-to-left) text gets the Naskh face at its larger size. */
export function scriptClass(lang: string): string {
  return getLangDir(lang) === 'rtl' ? 'r-rtl' : 'r-ltr';
}

/** A footnote's mark in the text: its number, linking to the note, and the note's way back. */
function FootnoteRef({ mark, labels }: { mark: FootnoteMark; labels: ReaderLabels }) {
  return (
    <sup className="r-fnref">
      <a id={`ref-${mark.noteId}`} href={`#note-${mark.noteId}`} aria-label={labels.noteRef(mark.number)}>
        {mark.number}
      </a>
    </sup>
  );
}

/** Pieces of text with the marks between them. */
function withMarks(pieces: ReactNode[], marks: FootnoteMark[], labels: ReaderLabels): ReactNode {
  return pieces.map((piece, i) => (
    <Fragment key={i}>
      {piece}
      {marks[i] && <FootnoteRef mark={marks[i]} labels={labels} />}
    </Fragment>
  ));
}

function marksOf(marks: FootnoteMark[], side: NoteSide, block: number): FootnoteMark[] {
  return marks.filter((m) => m.side === side && m.block === block).sort((a, b) => a.offset - b.offset || a.number - b.number);
}

function sourceItems(row: PublishedRow, marks: FootnoteMark[], labels: ReaderLabels): BlockItem[] {
  return row.source.map((block, i) => {
    const here = marksOf(marks, 'source', i);
    const pieces = splitTextAt(block.text, here.map((m) => m.offset));
    return { kind: block.kind, number: block.number, content: withMarks(pieces, here, labels) };
  });
}

function targetItems(row: PublishedRow, marks: FootnoteMark[], labels: ReaderLabels): BlockItem[] {
  const kinds = getTargetKinds(row.source, row.target);
  if (isTargetEmpty(row.target)) {
    const here = marks.filter((m) => m.side === 'target');
    return [
      {
        kind: 'paragraph',
        className: 'r-missing',
        lang: labels.locale,
        dir: getLangDir(labels.locale),
        content: withMarks([labels.notTranslated], here, labels),
      },
    ];
  }
  return row.target.content.map((paragraph, i) => {
    const here = marksOf(marks, 'target', i);
    const runs = splitInlineAt(paragraph, here.map((m) => m.offset));
    const kind = kinds[i] ?? { kind: 'paragraph' as const };
    return { kind: kind.kind, number: kind.number, content: withMarks(runs.map((r, j) => <InlineContent key={j} nodes={r} />), here, labels) };
  });
}

/**
 * One row of the published text: the original and its translation, each block keeping its kind, with a visible
 * permalink. The same element serves every layout; CSS places the two cells side by side, one under the other, or
 * shows one of them.
 */
export function ReaderRow({
  row,
  number,
  marks,
  sourceLang,
  targetLang,
  labels,
}: {
  row: PublishedRow;
  number: number;
  marks: FootnoteMark[];
  sourceLang: string;
  targetLang: string;
  labels: ReaderLabels;
}) {
  const kinds = new Set(row.source.map((b) => b.kind));
  const kind = kinds.size === 1 ? [...kinds][0]! : 'mixed';
  return (
    <div className={`r-row r-kind-${kind}`} id={rowAnchor(row.id)}>
      <a className="r-permalink" href={`#${rowAnchor(row.id)}`} aria-label={labels.permalink(number)}>
        {number}
      </a>
      <div className={`r-cell r-src ${scriptClass(sourceLang)}`} lang={sourceLang} dir={getLangDir(sourceLang)}>
        <Blocks items={sourceItems(row, marks, labels)} lang={sourceLang} dir={getLangDir(sourceLang)} />
      </div>
      <div className={`r-cell r-tgt ${scriptClass(targetLang)}`} lang={targetLang} dir={getLangDir(targetLang)}>
        <Blocks items={targetItems(row, marks, labels)} lang={targetLang} dir={getLangDir(targetLang)} />
      </div>
    </div>
  );
}
