import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderBlocksFrom } from '@/lib/model';
import { readOpening, type RowBatch } from './row-blocks';

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));

/** The rows route's answer for a page opening at `first`, as the client reads it. */
function answer(n: number, first: string | null, size: number) {
  const { blocks, rowsBefore } = orderBlocksFrom(rowsOf(n), first, size);
  let read = 0;
  async function* lines() {
    for (const block of blocks) {
      read++;
      yield block;
    }
  }
  return { answer: { rowsBefore, rowCount: n, blocks: lines() }, blocksRead: () => read };
}

async function drain<T>(rest: AsyncIterable<RowBatch<T>>): Promise<RowBatch<T>[]> {
  const out: RowBatch<T>[] = [];
  for await (const batch of rest) out.push(batch);
  return out;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('readOpening', () => {
  it('opens with the block of the linked row and leaves the rest unread until asked', async () => {
    const { answer: a, blocksRead } = answer(10, 'r7', 3);
    const opening = await readOpening(a, { openAt: 'r7' });
    expect(ids(opening.rows)).toEqual(['r6', 'r7', 'r8']);
    expect(opening.arriving).toMatchObject({ before: 6, after: 1 });
    expect(blocksRead()).toBe(1);
    const batches = await drain(opening.arriving!.rest);
    expect(batches.map((b) => [b.where, ids(b.rows)])).toEqual([
      ['after', ['r9']],
      ['before', ['r3', 'r4', 'r5']],
      ['before', ['r0', 'r1', 'r2']],
    ]);
  });

  it('opens with the first block when no row is linked', async () => {
    const opening = await readOpening(answer(7, null, 3).answer, { openAt: null });
    expect(ids(opening.rows)).toEqual(['r0', 'r1', 'r2']);
    expect(opening.arriving).toMatchObject({ before: 0, after: 4 });
    expect((await drain(opening.arriving!.rest)).map((b) => ids(b.rows))).toEqual([['r3', 'r4', 'r5'], ['r6']]);
  });

  it('reads a document in order up to the linked row (a preloaded answer, sent in order)', async () => {
    const opening = await readOpening(answer(10, null, 3).answer, { openAt: 'r7' });
    expect(ids(opening.rows)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    expect(opening.arriving).toMatchObject({ before: 0, after: 1 });
  });

  it('reads every row first, in document order, when asked to or when it cannot place them', async () => {
    for (const opening of [
      await readOpening(answer(10, 'r7', 3).answer, { openAt: 'r7', wholly: true }),
      await readOpening({ ...answer(10, null, 3).answer, rowCount: null }, { openAt: null }),
      await readOpening(answer(10, null, 3).answer, { openAt: 'gone' }),
    ]) {
      expect(ids(opening.rows)).toEqual(ids(rowsOf(10)));
      expect(opening.arriving).toBeNull();
    }
    expect(await readOpening(answer(0, null, 3).answer, { openAt: null })).toEqual({ rows: [], arriving: null });
  });

  it('gives back every row once, in document order, whatever row the page opens at', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }), fc.option(fc.nat(45)), async (n, size, pick) => {
        const openAt = pick === null ? null : `r${pick}`;
        const opening = await readOpening(answer(n, openAt, size).answer, { openAt });
        if (openAt && pick! < n) expect(ids(opening.rows)).toContain(openAt);
        let doc = [...opening.rows];
        if (opening.arriving) {
          let { before, after } = opening.arriving;
          for (const batch of await drain(opening.arriving.rest)) {
            if (batch.where === 'after') {
              doc = [...doc, ...batch.rows];
              after -= batch.rows.length;
            } else {
              doc = [...batch.rows, ...doc];
              before -= batch.rows.length;
            }
          }
          expect([before, after]).toEqual([0, 0]);
        }
        expect(doc).toEqual(rowsOf(n));
      }),
    );
  });
});
