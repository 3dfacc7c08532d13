import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/client';
import { CHUNK_SIZE, DocumentState, FULL_CHUNK, INITIAL_ROWS, type TextChange } from './document-state';
import { docOf, en, rowOf } from './test-support';

/** Counts calls of each subscription. */
function counters(state: DocumentState, rowId: string) {
  const count = { row: 0, list: 0, active: 0, any: 0, chunks: 0 };
  state.subscribeRow(rowId, () => count.row++);
  state.subscribeList(() => count.list++);
  state.subscribeActive(() => count.active++);
  state.subscribeAny(() => count.any++);
  state.subscribeChunks(() => count.chunks++);
  return count;
}

describe('DocumentState', () => {
  it('groups rows in chunks of a hundred, renders a screen of the first with the page and the others when asked', () => {
    const state = new DocumentState(docOf(250));
    const chunks = state.getChunks();
    expect(chunks.map((c) => c.ids.length)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 50]);
    expect(state.getOrder()).toHaveLength(250);
    expect(chunks.map((c) => state.getChunkWindow(c.key))).toEqual([{ start: 0, end: INITIAL_ROWS }, null, null]);
    let told = 0;
    state.subscribeChunks(() => told++);
    expect(state.ensureRendered(chunks[2]!.ids[30]!)).toBe(true);
    expect(state.getChunkWindow(chunks[2]!.key)).toEqual({ start: 30 - INITIAL_ROWS / 2, end: 30 + INITIAL_ROWS / 2 });
    expect(told).toBe(1);
    // Asked again, nothing changes; asked for a row further on, the window grows to take it in.
    expect(state.ensureRendered(chunks[2]!.ids[30]!)).toBe(true);
    expect(told).toBe(1);
    state.ensureRendered(chunks[2]!.ids[45]!);
    expect(state.getChunkWindow(chunks[2]!.key)).toEqual({ start: 30 - INITIAL_ROWS / 2, end: 50 });
    expect(state.isChunkRendered(chunks[2]!.key)).toBe(false);
    state.renderChunk(chunks[2]!.key);
    expect(state.isChunkRendered(chunks[2]!.key)).toBe(true);
    expect(state.getChunkWindow(chunks[2]!.key)).toBe(FULL_CHUNK);
    expect(told).toBe(3);
    expect(state.ensureRendered('zzzzzzzzzz')).toBe(false);
  });

  it('opens at a linked row with its neighbours, then fills in every row a slice at a time', () => {
    const doc = docOf(250);
    const linked = doc.rows[150]!.id;
    const state = new DocumentState(doc, linked);
    const chunks = state.getChunks();
    expect(chunks.map((c) => state.getChunkWindow(c.key))).toEqual([null, { start: 50 - INITIAL_ROWS / 2, end: 50 + INITIAL_ROWS / 2 }, null]);
    let slices = 0;
    while (state.renderMore(20)) slices++;
    expect(state.hasUnrendered()).toBe(false);
    expect(chunks.map((c) => state.isChunkRendered(c.key))).toEqual([true, true, true]);
    // The linked row's chunk first (the rows not in its window), then the others: 20 rows a slice.
    expect(slices).toBe(Math.ceil((CHUNK_SIZE - INITIAL_ROWS) / 20) + CHUNK_SIZE / 20 + Math.ceil(50 / 20));
    // A link to a row that is not there opens at the top.
    expect(new DocumentState(doc, 'zzzzzzzzzz').getChunkWindow(chunks[0]!.key)).toEqual({ start: 0, end: INITIAL_ROWS });
  });

  it('opens with a run of the rows, takes the rest as they arrive, and numbers every row in the document', () => {
    const doc = docOf(700);
    const linked = doc.rows[520]!.id;
    // As a page opened at a linked row gets them: that row's block first, then the rows after it, then before.
    const state = new DocumentState({ ...doc, rows: doc.rows.slice(500, 600) }, linked, { before: 500, after: 100 });
    const count = counters(state, linked);
    expect(state.getLoading()).toEqual({ before: 500, after: 100, complete: false, error: null });
    expect(state.getRowNumber(linked)).toBe(521);
    expect(state.getChunkWindow(state.getChunks()[0]!.key)).toEqual({ start: 20 - INITIAL_ROWS / 2, end: 20 + INITIAL_ROWS / 2 });
    expect(state.findRowId((r) => r.id === doc.rows[0]!.id)).toBeNull();
    // Nothing to go to past the rows here yet.
    expect(state.getNeighbour(doc.rows[500]!.id, -1)).toBeNull();

    const loadings: unknown[] = [];
    state.subscribeLoading(() => loadings.push(state.getLoading()));
    state.addRows(doc.rows.slice(600), 'after');
    expect(state.getNeighbour(doc.rows[599]!.id, 1)).toBe(doc.rows[600]!.id);
    state.addRows(doc.rows.slice(0, 500), 'before');
    expect(state.getOrder()).toEqual(doc.rows.map((r) => r.id));
    expect(state.getRowNumber(linked)).toBe(521);
    expect(state.getRowNumber(doc.rows[0]!.id)).toBe(1);
    expect(state.getRows()).toHaveLength(700);
    expect(state.findRowId((r) => r.id === doc.rows[3]!.id)).toBe(doc.rows[3]!.id);
    // The rows that arrived are out of the page until wanted; the window of the linked row stays as it was.
    expect(state.getChunks().map((c) => state.getChunkWindow(c.key)).filter(Boolean)).toEqual([{ start: 20 - INITIAL_ROWS / 2, end: 20 + INITIAL_ROWS / 2 }]);
    expect(count).toMatchObject({ list: 2, any: 2, row: 0 });
    expect(loadings).toEqual([
      { before: 500, after: 0, complete: false, error: null },
      { before: 0, after: 0, complete: false, error: null },
    ]);
    state.finishLoading();
    expect(state.getLoading()).toEqual({ before: 0, after: 0, complete: true, error: null });
    expect(() => state.addRows([rowOf(9999)], 'after')).toThrow(/complete/);
    while (state.renderMore(100));
    expect(state.hasUnrendered()).toBe(false);
  });

  it('keeps the rows here and says what failed when the rest cannot be read', () => {
    const doc = docOf(300);
    const state = new DocumentState({ ...doc, rows: doc.rows.slice(0, 250) }, null, { before: 0, after: 50 });
    const error = new ApiError(0, 'network', 'the connection was lost');
    state.finishLoading(error);
    expect(state.getLoading()).toEqual({ before: 0, after: 50, complete: false, error });
    expect(state.getOrder()).toHaveLength(250);
  });

  it('keeps the same rows in a chunk’s window through a split and a merge', () => {
    const doc = docOf(250);
    const state = new DocumentState(doc, doc.rows[150]!.id);
    const key = state.getChunks()[1]!.key;
    const inside = doc.rows[150]!;
    state.applySplit({ ...inside, rev: inside.rev + 1 }, { ...rowOf(900), id: 'zzzzzzzzz1' });
    expect(state.getChunkWindow(key)).toEqual({ start: 50 - INITIAL_ROWS / 2, end: 50 + INITIAL_ROWS / 2 + 1 });
    const before = doc.rows[110]!;
    state.applyMerge({ ...before, rev: before.rev + 1 }, doc.rows[111]!.id);
    expect(state.getChunkWindow(key)).toEqual({ start: 50 - INITIAL_ROWS / 2 - 1, end: 50 + INITIAL_ROWS / 2 });
  });

  it('owns each row’s text: typed text changes the row without re-rendering it; any other change re-renders it', () => {
    const state = new DocumentState(docOf(3));
    const id = state.getOrder()[1]!;
    const count = counters(state, id);
    const changes: TextChange[] = [];
    state.subscribeText((c) => changes.push(c));
    const before = state.getRow(id)!;

    state.setText(id, en('Typed'), { origin: 'editor', anchors: [{ noteId: 'n000000001', start: 0, end: 5 }] });
    expect(state.getRow(id)!.target).toEqual(en('Typed'));
    expect(count).toMatchObject({ row: 0, any: 0 });
    expect(changes).toEqual([{ rowId: id, target: en('Typed'), previous: before, origin: 'editor', anchors: [{ noteId: 'n000000001', start: 0, end: 5 }] }]);

    state.setText(id, en('Replaced'), { origin: 'replace' });
    expect(count).toMatchObject({ row: 1, any: 1 });
    expect(state.getVersion()).toBe(1);
    expect(changes[1]).toMatchObject({ origin: 'replace', previous: { target: en('Typed') } });
    expect(changes[1]).not.toHaveProperty('anchors');

    state.setText('zzzzzzzzzz', en('Nowhere'), { origin: 'replace' });
    expect(changes).toHaveLength(2);
  });

  it('takes a save’s answer for revision, status and author, and keeps the text typed since', () => {
    const state = new DocumentState(docOf(2));
    const id = state.getOrder()[0]!;
    const count = counters(state, id);
    state.setText(id, en('Typed after the save went out'), { origin: 'editor' });
    state.applySaved({ ...rowOf(1, ['What the save carried'], 'translated'), rev: 2, updatedBy: 'layla' });
    expect(state.getRow(id)).toMatchObject({ rev: 2, status: 'translated', updatedBy: 'layla', target: en('Typed after the save went out') });
    expect(count).toMatchObject({ row: 1, any: 1 });
    expect(state.getStatusCounts()).toMatchObject({ translated: 1, untranslated: 1 });
  });

  it('snapshots rows and status counts until the next saved change', () => {
    const state = new DocumentState(docOf(3, 1));
    const rows = state.getRows();
    const counts = state.getStatusCounts();
    expect(state.getRows()).toBe(rows);
    expect(counts).toMatchObject({ translated: 1, untranslated: 2 });
    state.setText(rows[1]!.id, en('Typing'), { origin: 'editor' });
    expect(state.getRows()).toBe(rows);
    expect(state.getStatusCounts()).toBe(counts);
    state.applySaved({ ...state.getRow(rows[1]!.id)!, status: 'draft', rev: 2 });
    expect(state.getRows()).not.toBe(rows);
    expect(state.getRows()[1]!.target).toEqual(en('Typing'));
    expect(state.getStatusCounts()).toMatchObject({ translated: 1, draft: 1, untranslated: 1 });
  });

  it('moves the active row, telling the rows that stop and start being active', () => {
    const state = new DocumentState(docOf(250));
    const [a, b] = state.getOrder();
    const far = state.getOrder()[220]!;
    const countA = counters(state, a!);
    let bTold = 0;
    state.subscribeRow(b!, () => bTold++);
    state.setActive(a!);
    state.setActive(a!);
    state.setActive(b!);
    expect(state.getActiveRowId()).toBe(b);
    expect(countA).toMatchObject({ row: 2, active: 2 });
    expect(bTold).toBe(1);
    // A row far below is rendered before it becomes active.
    state.setActive(far);
    expect(state.getChunkWindow(state.getChunks()[2]!.key)).not.toBeNull();
  });

  it('applies a split in place in its chunk and a merge that removes the next row, re-mounting the row’s editor', () => {
    const state = new DocumentState(docOf(3));
    const [a, b, c] = state.getOrder() as [string, string, string];
    const count = counters(state, a);
    const key = state.getChunks()[0]!.key;
    const second = { ...rowOf(9, ['Second half']), id: 'snew000001' };
    state.applySplit({ ...state.getRow(a)!, rev: 2 }, second);
    expect(state.getOrder()).toEqual([a, 'snew000001', b, c]);
    expect(state.getChunks()[0]!.key).toBe(key);
    expect(state.getEpoch(a)).toBe(1);
    expect(count).toMatchObject({ row: 1, list: 1, any: 1 });

    state.setActive(c);
    state.applyMerge({ ...state.getRow(b)!, rev: 2, target: en('Merged') }, c);
    expect(state.getOrder()).toEqual([a, 'snew000001', b]);
    expect(state.getRow(c)).toBeUndefined();
    expect(state.getRow(b)!.target).toEqual(en('Merged'));
    expect(state.getActiveRowId()).toBeNull();
    expect(count.list).toBe(2);
  });

  it('takes the same split or merge twice (this page’s answer and its live event) as one', () => {
    const state = new DocumentState(docOf(3));
    const [a, b, c] = state.getOrder() as [string, string, string];
    const second = { ...rowOf(9, ['Second half']), id: 'snew000002' };
    state.applySplit({ ...state.getRow(a)!, rev: 2 }, second);
    state.applySplit({ ...state.getRow(a)!, rev: 2 }, second);
    expect(state.getOrder()).toEqual([a, 'snew000002', b, c]);
    state.applyMerge({ ...state.getRow(b)!, rev: 3, target: en('Merged') }, c);
    // A late copy of the merge, older than what the page has now, changes nothing.
    state.applyMerge({ ...state.getRow(b)!, rev: 2, target: en('Old') }, c);
    expect(state.getOrder()).toEqual([a, 'snew000002', b]);
    expect(state.getRow(b)!.target).toEqual(en('Merged'));
  });

  it('finds neighbours and the next row nobody has translated, wrapping around', () => {
    const doc = docOf(5, 2);
    doc.rows[4] = rowOf(5, ['Done'], 'translated');
    const state = new DocumentState(doc);
    const ids = state.getOrder();
    expect(state.getNeighbour(ids[0]!, -1)).toBeNull();
    expect(state.getNeighbour(ids[0]!, 1)).toBe(ids[1]);
    expect(state.getNeighbour(ids[4]!, 1)).toBeNull();
    expect(state.findNextUntranslated(ids[0]!)).toBe(ids[2]);
    expect(state.findNextUntranslated(ids[3]!)).toBe(ids[2]);
    state.applySaved({ ...state.getRow(ids[2]!)!, status: 'translated' });
    state.applySaved({ ...state.getRow(ids[3]!)!, status: 'translated' });
    expect(state.findNextUntranslated(ids[0]!)).toBeNull();
  });

  it('shows a failed action on its row until it is cleared', () => {
    const state = new DocumentState(docOf(2));
    const id = state.getOrder()[0]!;
    const count = counters(state, id);
    const error = new ApiError(409, 'conflict', 'changed meanwhile');
    state.setRowError(id, error);
    state.setRowError(id, error);
    expect(state.getRowError(id)).toBe(error);
    state.setRowError(id, null);
    expect(state.getRowError(id)).toBeNull();
    expect(count.row).toBe(2);
  });
});
