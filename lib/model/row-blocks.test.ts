import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutIntoBlocks, orderBlocksFrom } from './row-blocks';

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));

describe('orderBlocksFrom', () => {
  it('sends the linked row’s block first, then the blocks after it, then those before it from the nearest back', () => {
    const { blocks, rowsBefore } = orderBlocksFrom(rowsOf(13), 'r7', 3);
    expect(blocks.map((b) => b.map((r) => r.id))).toEqual([['r6', 'r7', 'r8'], ['r9', 'r10', 'r11'], ['r12'], ['r3', 'r4', 'r5'], ['r0', 'r1', 'r2']]);
    expect(rowsBefore).toBe(6);
  });

  it('keeps document order without a row, or for a row that is not there', () => {
    expect(orderBlocksFrom(rowsOf(7), null, 3)).toEqual({ blocks: cutIntoBlocks(rowsOf(7), 3), rowsBefore: 0 });
    expect(orderBlocksFrom(rowsOf(7), 'gone', 3)).toEqual({ blocks: cutIntoBlocks(rowsOf(7), 3), rowsBefore: 0 });
    expect(orderBlocksFrom([], 'r0', 3)).toEqual({ blocks: [], rowsBefore: 0 });
  });

  it('sends every row once, and putting the blocks before the first one sent in front gives the document back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 9 }), fc.nat(70), (n, size, pick) => {
        const rows = rowsOf(n);
        const { blocks, rowsBefore } = orderBlocksFrom(rows, `r${pick}`, size);
        const sent = blocks.flat();
        expect(sent).toHaveLength(n);
        expect(rowsBefore % size).toBe(0);
        if (pick < n) expect(blocks[0]).toContainEqual({ id: `r${pick}` });
        // What the page does: the blocks up to the document's end are appended, each of the rest goes in front.
        let doc: { id: string }[] = [];
        let placed = 0;
        for (const block of blocks) {
          doc = placed < n - rowsBefore ? [...doc, ...block] : [...block, ...doc];
          placed += block.length;
        }
        expect(doc).toEqual(rows);
      }),
    );
  });
});
