import { Fragment } from 'react';
import type { TargetDoc, TargetParagraph } from '@/lib/model';

function Inline({ node }: { node: NonNullable<TargetParagraph['content']>[number] }) {
  if (node.type === 'hard_break') return <br />;
  let out: React.ReactNode = node.text;
  for (const mark of node.marks ?? []) out = mark.type === 'bold' ? <strong>{out}</strong> : <em>{out}</em>;
  return <>{out}</>;
}

/**
 * A row's translation as plain DOM, laid out exactly as the ProseMirror view lays it out (same elements, same
 * CSS), so a click lands on the same character once the editor takes the row's place. Text is text: no HTML.
 */
export function StaticTarget({ target }: { target: TargetDoc }) {
  return (
    <>
      {target.content.map((p, i) => (
        <p key={i}>
          {(p.content ?? []).map((n, j) => (
            <Fragment key={j}>
              <Inline node={n} />
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}
