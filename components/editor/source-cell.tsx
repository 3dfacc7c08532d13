import { forwardRef, memo } from 'react';
import type { GlossaryEntry, SourceBlock } from '@/lib/model';
import { RowTerms } from '@/components/drafts/row-terms';

function SourceBlockView({ block }: { block: SourceBlock }) {
  // The block's text sits alone in .src-text: note offsets count it and nothing else (not the list markers).
  const text = <span className="src-text">{block.text}</span>;
  switch (block.kind) {
    case 'title':
      return <p className="src-block src-title">{text}</p>;
    case 'heading':
      return <p className="src-block src-heading">{text}</p>;
    case 'numbered':
      return (
        <p className="src-block src-item">
          <span className="src-marker">{block.number}.</span>
          {text}
        </p>
      );
    case 'bulleted':
      return (
        <p className="src-block src-item">
          <span className="src-marker" aria-hidden="true">
            •
          </span>
          {text}
        </p>
      );
    default:
      return <p className="src-block">{text}</p>;
  }
}

interface SourceCellProps {
  rowId: string;
  blocks: SourceBlock[];
  lang: string;
  dir: 'rtl' | 'ltr';
  splitLabel?: string;
  splitHint?: string;
  /** Present on the active row: offers a split between each pair of blocks. */
  onSplit?: (sourceIndex: number) => void;
  onClick?: (e: React.MouseEvent<HTMLDivElement>) => void;
  /** The glossary terms of the row, listed for keyboard and screen-reader users (given on the active row). */
  terms?: readonly GlossaryEntry[];
  termsLabel?: string;
}

/** The original: read-only, each block with its kind, exactly as imported. */
export const SourceCell = memo(
  forwardRef<HTMLDivElement, SourceCellProps>(function SourceCell(
    { rowId, blocks, lang, dir, splitLabel, splitHint, onSplit, onClick, terms, termsLabel },
    ref,
  ) {
    return (
      <div
        ref={ref}
        className="cell cell-source"
        id={`row-${rowId}-source`}
        lang={lang}
        dir={dir}
        data-testid="source-cell"
        data-row-id={rowId}
        data-note-side="source"
        onClick={onClick}
      >
        {blocks.map((b, i) => (
          <div key={i}>
            {i > 0 && onSplit && (
              <button type="button" className="split-here" title={splitHint} onClick={() => onSplit(i)} data-testid="split-here">
                ✂ {splitLabel}
              </button>
            )}
            <SourceBlockView block={b} />
          </div>
        ))}
        {terms && terms.length > 0 && <RowTerms rowId={rowId} terms={terms} lang={lang} label={termsLabel} />}
      </div>
    );
  }),
);
