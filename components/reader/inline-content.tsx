import { Fragment, type ReactNode } from 'react';
import type { TargetParagraph } from '@/lib/model';

/** One inline node of a translation: text with its marks, or a line break. */
export type InlineNode = NonNullable<TargetParagraph['content']>[number];

function Inline({ node }: { node: InlineNode }) {
  if (node.type === 'hard_break') return <br />;
  let out: ReactNode = node.text;
  for (const mark of node.marks ?? []) out = mark.type === 'bold' ? <strong>{out}</strong> : <em>{out}</em>;
  return <>{out}</>;
}

/**
 * A run of a translation's inline nodes as plain elements (strong, em, br), the way the editor's schema renders
 * them. Pure and server-safe: the editor's static rows and the public reading page both use it, and neither needs
 * ProseMirror to show stored text. Text is text: nothing is parsed as HTML.
 */
export function InlineContent({ nodes }: { nodes: readonly InlineNode[] }) {
  return (
    <>
      {nodes.map((n, i) => (
        <Fragment key={i}>
          <Inline node={n} />
        </Fragment>
      ))}
    </>
  );
}
