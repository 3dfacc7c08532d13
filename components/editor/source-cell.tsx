import { memo } from 'react';
import type { SourceBlock } from '@/lib/model';

function SourceBlockView({ block }: { block: SourceBlock }) {
  switch (block.kind) {
    case 'title':
      return <p className="src-block src-title">{block.text}</p>;
    case 'heading':
      return <p className="src-block src-heading">{block.text}</p>;
    case 'numbered':
      return (
        <p className="src-block src-item">
          <span className="src-marker">{block.number}.</span>
          <span>{block.text}</span>
        </p>
      );
    case 'bulleted':
      return (
        <p className="src-block src-item">
          <span className="src-marker" aria-hidden="true">
            •
          </span>
          <span>{block.text}</span>
        </p>
      );
    default:
      return <p className="src-block">{block.text}</p>;
  }
}

/** The original: read-only, each block with its kind, exactly as imported. */
export const SourceCell = memo(function SourceCell({
  blocks,
  lang,
  dir,
  splitLabel,
  splitHint,
  onSplit,
}: {
  blocks: SourceBlock[];
  lang: string;
  dir: 'rtl' | 'ltr';
  splitLabel?: string;
  splitHint?: string;
  /** Present on the active row: offers a split between each pair of blocks. */
  onSplit?: (sourceIndex: number) => void;
}) {
  return (
    <div className="cell cell-source" lang={lang} dir={dir}>
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
    </div>
  );
});
