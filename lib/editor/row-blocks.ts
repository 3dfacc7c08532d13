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

/**
 * Collects blocks of rows as they arrive, handing the browser back a turn whenever `sliceMs` of work went by,
 * so a document of any size is read without a long task.
 */
export async function collectBlocks<T>(blocks: AsyncIterable<T[]>, sliceMs = 40): Promise<T[]> {
  const rows: T[] = [];
  let sliceStart = performance.now();
  for await (const block of blocks) {
    for (const row of block) rows.push(row);
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToBrowser();
      sliceStart = performance.now();
    }
  }
  return rows;
}
