import type { TargetParagraph } from '../schema';

/**
 * Splits a paragraph's inline content at text offsets (hard breaks count one character, as in getParagraphText),
 * so marks can be put between the pieces. Returns `offsets.length + 1` runs of inline nodes.
 */
export function splitInlineAt(paragraph: TargetParagraph, offsets: number[]): NonNullable<TargetParagraph['content']>[] {
  type Inline = NonNullable<TargetParagraph['content']>[number];
  const sorted = [...offsets].sort((a, b) => a - b);
  const runs: Inline[][] = [[]];
  let pos = 0;
  let next = 0;
  const cut = () => {
    runs.push([]);
    next++;
  };
  for (const node of paragraph.content ?? []) {
    if (node.type === 'hard_break') {
      while (next < sorted.length && sorted[next]! <= pos) cut();
      runs[runs.length - 1]!.push(node);
      pos += 1;
      continue;
    }
    let text = node.text;
    let start = pos;
    while (next < sorted.length && sorted[next]! <= start + text.length) {
      const at = Math.max(sorted[next]! - start, 0);
      if (at > 0) runs[runs.length - 1]!.push({ ...node, text: text.slice(0, at) });
      text = text.slice(at);
      start += at;
      cut();
    }
    if (text) runs[runs.length - 1]!.push({ ...node, text });
    pos += node.text.length;
  }
  while (next < sorted.length) cut();
  return runs;
}

/** Splits a string at offsets: `offsets.length + 1` pieces. */
export function splitTextAt(text: string, offsets: number[]): string[] {
  const sorted = [...offsets].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const at of sorted) {
    const to = Math.min(Math.max(at, from), text.length);
    out.push(text.slice(from, to));
    from = to;
  }
  out.push(text.slice(from));
  return out;
}
