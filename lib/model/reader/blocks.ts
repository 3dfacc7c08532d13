import { toLatinDigits } from '../digits';
import type { SourceBlock, TargetDoc } from '../schema';

/** How one translated paragraph is shown: with the kind of the original block it translates. */
export interface TargetBlockKind {
  kind: SourceBlock['kind'];
  number?: string;
  level?: number;
}

/**
 * The kinds of a row's translated paragraphs, taken from its original: paragraph by paragraph when the row has
 * as many of each; else every paragraph takes the kind the original's blocks share; else plain paragraphs. A list
 * item's number is given in Latin digits, as English writes it.
 */
export function getTargetKinds(source: SourceBlock[], target: TargetDoc): TargetBlockKind[] {
  const of = (b: SourceBlock): TargetBlockKind => ({
    kind: b.kind,
    ...(b.number !== undefined && { number: toLatinDigits(b.number) }),
    ...(b.level !== undefined && { level: b.level }),
  });
  if (target.content.length === source.length) return source.map(of);
  const first = source[0]!;
  const shared = source.every((b) => b.kind === first.kind);
  return target.content.map((_, i) => {
    if (!shared || (first.kind === 'numbered' && source.length > 1)) return { kind: 'paragraph' };
    // A run of numbered items translated as more paragraphs: only the first carries the number.
    return first.kind === 'numbered' && i > 0 ? { kind: 'paragraph' } : of(first);
  });
}
