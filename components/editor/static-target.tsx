import type { TargetDoc } from '@/lib/model';
import { InlineContent } from '@/components/reader/inline-content';

/**
 * A row's translation as plain DOM, laid out exactly as the ProseMirror view lays it out (same elements, same
 * CSS), so a click lands on the same character once the editor takes the row's place. Text is text: no HTML.
 */
export function StaticTarget({ target }: { target: TargetDoc }) {
  return (
    <>
      {target.content.map((p, i) => (
        <p key={i}>
          <InlineContent nodes={p.content ?? []} />
        </p>
      ))}
    </>
  );
}
