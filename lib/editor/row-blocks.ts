import type { RowStream } from '@/lib/client';

/**
 * Below this many rows the editor page preloads its rows with the page itself. A longer document's are fetched
 * when the page runs: a preloaded answer of megabytes is copied on the page's thread as it arrives (at 20,000
 * rows, 16 MB, tasks of 80–120 ms before the editor could start, and the page's own code ran 300 ms later).
 */
export const PRELOAD_ROWS_BELOW = 2000;

/** Yields to the browser between slices: a message is answered after pending input and paint, not 4 ms later. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Rows that arrived after the page opened: the next ones after the last row it has, or all those before its first. */
export interface RowBatch<T> {
  rows: T[];
  where: 'before' | 'after';
}

/** What the editor opens with. */
export interface OpeningRows<T> {
  /** A run of the document's rows, in order: all of them when `arriving` is null. */
  rows: T[];
  /** The rows still on their way, and how many come before and after `rows`; null when every row is here. */
  arriving: { before: number; after: number; rest: AsyncIterable<RowBatch<T>> } | null;
}

/**
 * Reads the rows route until the page can open: once the row it opens at (`openAt`, else the first block) is
 * here. The rest is left unread in `arriving.rest`, read when the editor asks (so it does not compete with the
 * editor's own start), a block at a time, with the browser given a turn whenever `sliceMs` of work went by.
 * Without a row count every row is read before the page opens; so with `wholly` (a document with edits kept
 * from an earlier visit, which are restored over the whole document before anyone types).
 */
export async function readOpening<T extends { id: string }>(
  answer: RowStream<T>,
  { openAt, wholly = false, sliceMs = 40 }: { openAt: string | null; wholly?: boolean; sliceMs?: number },
): Promise<OpeningRows<T>> {
  if (answer.rowCount === null && answer.rowsBefore > 0) throw new Error('the rows came out of order with no count to place them by');
  const blocks = answer.blocks[Symbol.asyncIterator]();
  const placeable = answer.rowCount !== null && answer.rowsBefore <= answer.rowCount;
  const early = !wholly && placeable;
  // The blocks from the first one sent to the document's end come first; the rows before them come last.
  const afterCount = placeable ? answer.rowCount! - answer.rowsBefore : Number.POSITIVE_INFINITY;
  const opening: T[] = [];
  // Rows before the first one sent, read before the page opened (in document order): the blocks before it come
  // from the nearest back to the first, each going in front of those here.
  let prefix: T[] = [];
  let placed = 0;
  let found = false;
  /** Splits a block into the rows after those here (appended to `after`) and those before them (answered). */
  const take = (block: readonly T[], after: T[]): T[] => {
    const before: T[] = [];
    for (const row of block) {
      if (placed >= afterCount) before.push(row);
      else {
        after.push(row);
        placed++;
        if (row.id === openAt) found = true;
      }
    }
    return before;
  };
  let sliceStart = performance.now();
  const pause = async () => {
    if (performance.now() - sliceStart <= sliceMs) return;
    await yieldToBrowser();
    sliceStart = performance.now();
  };

  while (!(early && opening.length > 0 && (openAt === null || found))) {
    const next = await blocks.next();
    if (next.done) return { rows: [...prefix, ...opening], arriving: null };
    const before = take(next.value, opening);
    if (before.length) prefix = [...before, ...prefix];
    await pause();
  }

  async function* rest(): AsyncGenerator<RowBatch<T>> {
    if (prefix.length) yield { rows: prefix, where: 'before' };
    sliceStart = performance.now();
    for (;;) {
      const next = await blocks.next();
      if (next.done) break;
      const after: T[] = [];
      const before = take(next.value, after);
      if (after.length) yield { rows: after, where: 'after' };
      if (before.length) yield { rows: before, where: 'before' };
      await pause();
    }
  }

  return {
    rows: opening,
    arriving: { before: answer.rowsBefore, after: afterCount - opening.length, rest: rest() },
  };
}
