/** Rows per block of `GET /api/documents/:slug/rows`: a block parses in a few milliseconds, far from a long task. */
export const ROWS_PER_BLOCK = 250;

/** The rows cut into the blocks the rows route sends them in, in order. */
export function cutIntoBlocks<T>(rows: readonly T[], size = ROWS_PER_BLOCK): T[][] {
  const blocks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) blocks.push(rows.slice(i, i + size));
  return blocks;
}
