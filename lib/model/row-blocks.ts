/** Rows per block of `GET /api/documents/:slug/rows`: a block parses in a few milliseconds, far from a long task. */
export const ROWS_PER_BLOCK = 250;

/** The rows cut into the blocks the rows route sends them in, in order. */
export function cutIntoBlocks<T>(rows: readonly T[], size = ROWS_PER_BLOCK): T[][] {
  const blocks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) blocks.push(rows.slice(i, i + size));
  return blocks;
}

/** The blocks in the order the rows route sends them, and how many rows come before the first one sent. */
export interface BlockOrder<T> {
  blocks: T[][];
  rowsBefore: number;
}

/**
 * The blocks in the order a page opening at row `firstId` wants them: the block holding that row first, then
 * the blocks after it in order, then those before it from the nearest back to the first (so the page shows the
 * row it opens at while the rest arrive, each block going after or before the rows it has). Without `firstId`,
 * or when no row has that id, plain document order.
 */
export function orderBlocksFrom<T extends { id: string }>(rows: readonly T[], firstId: string | null, size = ROWS_PER_BLOCK): BlockOrder<T> {
  const blocks = cutIntoBlocks(rows, size);
  const at = firstId === null ? -1 : rows.findIndex((r) => r.id === firstId);
  if (at < 0) return { blocks, rowsBefore: 0 };
  const first = Math.floor(at / size);
  return { blocks: [...blocks.slice(first), ...blocks.slice(0, first).reverse()], rowsBefore: first * size };
}
