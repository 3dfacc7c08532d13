import type { Chunk } from './document-state';

const cache = new WeakMap<readonly Chunk[], Map<string, number>>();

/**
 * A row's 1-based number in the document as it stands: its place in the chunks, whatever a filter hides or which
 * chunks are rendered yet. Worked out once per list of chunks (a split or a merge makes a new list).
 */
export function getRowNumber(chunks: readonly Chunk[], id: string): number {
  let numbers = cache.get(chunks);
  if (!numbers) {
    numbers = new Map();
    let n = 0;
    for (const chunk of chunks) for (const rowId of chunk.ids) numbers.set(rowId, ++n);
    cache.set(chunks, numbers);
  }
  return numbers.get(id) ?? 0;
}
