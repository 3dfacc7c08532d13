import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Row, RowPatch } from '@/lib/model';
import { DocumentState } from './document-state';
import { prepareKeptEdits } from './pending-store';
import { MAX_RETRY_MS, SAVE_DELAY_MS, SaveQueue } from './save-queue';
import { docOf, elapse, en, fakeServer, memoryStorage, savedRow, type AutoAnswer, type FakeCall } from './test-support';

const KEY = (rowId: string) => `bilingual-editor:pending:test-doc:${rowId}`;

/** A document state and its save queue wired as the editor session wires them, over a fake server. */
function setup(options: { auto?: AutoAnswer; online?: () => boolean; storage?: Storage; rows?: number } = {}) {
  const doc = docOf(options.rows ?? 3, 1);
  const server = fakeServer(options.auto);
  const storage = options.storage ?? memoryStorage();
  const rows = new DocumentState(doc);
  const saves = new SaveQueue(doc.slug, rows, server.client, { storage: () => storage, isOnline: options.online ?? (() => true) });
  rows.subscribeText((change) => {
    if (change.origin !== 'remote') saves.textChanged(change.rowId, change.anchors);
  });
  const ids = doc.rows.map((r) => r.id);
  const type = (rowId: string, ...text: string[]) => rows.setText(rowId, en(...text), { origin: 'editor' });
  return { doc, rows, saves, server, storage, ids, type };
}

/** Answers a row save as the server does: the row at the next revision with what the patch brought. */
function answerSave(call: FakeCall, rows: DocumentState, rowId: string) {
  const patch = call.body as RowPatch;
  call.respond(200, savedRow({ ...rows.getRow(rowId)!, rev: patch.baseRev }, patch));
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SaveQueue', () => {
  it('saves a row after a quiet pause, only that row, with the revision it was edited on', async () => {
    const { rows, saves, server, ids, type } = setup();
    type(ids[1]!, 'First');
    type(ids[1]!, 'First words');
    expect(saves.getRowInfo(ids[1]!).state).toBe('pending');
    expect(saves.getSummary()).toBe('saving');
    await elapse(SAVE_DELAY_MS - 1);
    expect(server.calls).toHaveLength(0);
    await elapse(1);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({
      method: 'PATCH',
      url: `/api/documents/test-doc/rows/${ids[1]}`,
      body: { target: en('First words'), baseRev: 1 },
    });
    expect(saves.getRowInfo(ids[1]!).state).toBe('saving');
    answerSave(server.calls[0]!, rows, ids[1]!);
    await elapse();
    expect(saves.getRowInfo(ids[1]!).state).toBe('saved');
    expect(saves.getSummary()).toBe('saved');
    expect(saves.hasUnsaved()).toBe(false);
    expect(rows.getRow(ids[1]!)).toMatchObject({ rev: 2, target: en('First words'), updatedBy: 'tester' });
  });

  it('sends one save of a row at a time, in order: what is typed meanwhile goes next, on the new revision', async () => {
    const { rows, saves, server, ids, type } = setup();
    type(ids[0]!, 'One');
    await elapse(SAVE_DELAY_MS);
    type(ids[0]!, 'One two');
    await elapse(SAVE_DELAY_MS * 3);
    // The second save waits for the first one's answer.
    expect(server.calls).toHaveLength(1);
    answerSave(server.calls[0]!, rows, ids[0]!);
    await elapse();
    // The answer brings the revision and keeps what was typed after the save went out.
    expect(rows.getRow(ids[0]!)).toMatchObject({ rev: 2, target: en('One two') });
    expect(saves.getRowInfo(ids[0]!).state).not.toBe('saved');
    await elapse();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.body).toMatchObject({ target: en('One two'), baseRev: 2 });
    answerSave(server.calls[1]!, rows, ids[0]!);
    await elapse();
    expect(rows.getRow(ids[0]!)).toMatchObject({ rev: 3, target: en('One two') });
    expect(saves.hasUnsaved()).toBe(false);
  });

  it('saves rows independently and sends a status at once, with the text typed before it', async () => {
    const { rows, saves, server, ids, type } = setup({
      auto: (call) => {
        const rowId = call.url.split('/').pop()!;
        const patch = call.body as RowPatch;
        return { status: 200, body: savedRow({ ...rows.getRow(rowId)!, rev: patch.baseRev }, patch) };
      },
    });
    type(ids[1]!, 'Row two');
    type(ids[2]!, 'Row three');
    const confirmed = saves.setStatus(ids[2]!, 'translated');
    await elapse();
    await confirmed;
    expect(server.calls.map((c) => [c.url.split('/').pop(), c.body])).toEqual([
      [ids[2], { target: en('Row three'), status: 'translated', baseRev: 1 }],
    ]);
    await elapse(SAVE_DELAY_MS);
    expect(server.calls[1]).toMatchObject({ url: `/api/documents/test-doc/rows/${ids[1]}`, body: { target: en('Row two'), baseRev: 1 } });
    expect(rows.getRow(ids[2]!)!.status).toBe('translated');
  });

  it('retries failed saves with backoff doubling from 1 s to 30 s, keeping the edit in the browser until one succeeds', async () => {
    let failing = true;
    const { rows, saves, server, storage, ids, type } = setup({
      auto: () => (failing ? (server.calls.length % 2 ? 'network' : { status: 503, body: { error: { code: 'internal', message: 'down' } } }) : undefined),
    });
    type(ids[1]!, 'Kept');
    expect(JSON.parse(storage.getItem(KEY(ids[1]!))!)).toEqual({ target: en('Kept'), baseRev: 1 });
    await elapse(SAVE_DELAY_MS);
    expect(server.calls).toHaveLength(1);
    expect(saves.getRowInfo(ids[1]!).state).toBe('retrying');
    expect(saves.getSummary()).toBe('retrying');
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const before = server.calls.length;
      let waited = 0;
      while (server.calls.length === before) {
        await elapse(250);
        waited += 250;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, MAX_RETRY_MS, MAX_RETRY_MS]);
    // Every attempt sent the same edit on the same revision.
    expect(new Set(server.calls.map((c) => JSON.stringify(c.body))).size).toBe(1);
    expect(storage.getItem(KEY(ids[1]!))).not.toBeNull();

    failing = false;
    await elapse(MAX_RETRY_MS);
    const last = server.pending()[0]!;
    answerSave(last, rows, ids[1]!);
    await elapse();
    expect(saves.getRowInfo(ids[1]!).state).toBe('saved');
    expect(storage.getItem(KEY(ids[1]!))).toBeNull();
  });

  it('says offline when the browser knows it is, and sends at once when asked (coming back online)', async () => {
    let online = false;
    const { rows, saves, server, ids, type } = setup({ online: () => online, auto: () => (online ? undefined : 'network') });
    type(ids[0]!, 'Written on a train');
    await elapse(SAVE_DELAY_MS);
    expect(saves.getRowInfo(ids[0]!).state).toBe('offline');
    expect(saves.getSummary()).toBe('offline');
    // More typing while offline keeps the state and the backoff.
    type(ids[0]!, 'Written on a train, offline');
    expect(saves.getRowInfo(ids[0]!).state).toBe('offline');
    online = true;
    const flushed = saves.flushAll();
    await elapse();
    expect(server.pending()[0]!.body).toMatchObject({ target: en('Written on a train, offline'), baseRev: 1 });
    answerSave(server.pending()[0]!, rows, ids[0]!);
    await flushed;
    expect(saves.getSummary()).toBe('saved');
  });

  it('on 409 keeps what was typed beside their version, sends nothing more, then keeps mine over their revision', async () => {
    const { rows, saves, server, storage, ids, type } = setup();
    const theirs: Row = { ...rows.getRow(ids[0]!)!, rev: 4, target: en('Their words'), updatedBy: 'someone' };
    type(ids[0]!, 'My words');
    await elapse(SAVE_DELAY_MS);
    server.calls[0]!.respond(409, { error: { code: 'conflict', message: 'changed by someone else' }, current: theirs });
    await elapse();
    const info = saves.getRowInfo(ids[0]!);
    expect(info).toMatchObject({ state: 'conflict', theirs, error: { status: 409, code: 'conflict' } });
    expect(saves.getSummary()).toBe('conflict');
    expect(rows.getRow(ids[0]!)!.target).toEqual(en('My words'));

    // Typing on in a conflicted row is kept (and in the browser, on the revision it was made on), not sent.
    type(ids[0]!, 'My better words');
    await elapse(SAVE_DELAY_MS * 4);
    expect(server.calls).toHaveLength(1);
    expect(JSON.parse(storage.getItem(KEY(ids[0]!))!)).toEqual({ target: en('My better words'), baseRev: 1 });

    const kept = saves.keepMine(ids[0]!);
    await elapse();
    expect(server.calls[1]!.body).toEqual({ target: en('My better words'), baseRev: 4 });
    answerSave(server.calls[1]!, rows, ids[0]!);
    await kept;
    expect(rows.getRow(ids[0]!)).toMatchObject({ rev: 5, target: en('My better words') });
    expect(saves.getRowInfo(ids[0]!).state).toBe('saved');
  });

  it('takes their version on a conflict: the typed text leaves the queue and the browser', async () => {
    const { rows, saves, server, storage, ids, type } = setup();
    const theirs: Row = { ...rows.getRow(ids[0]!)!, rev: 3, target: en('Theirs'), updatedBy: 'someone' };
    type(ids[0]!, 'Mine');
    await elapse(SAVE_DELAY_MS);
    server.calls[0]!.respond(409, { error: { code: 'conflict', message: 'x' }, current: theirs });
    await elapse();
    expect(saves.takeTheirs(ids[0]!)).toEqual(theirs);
    expect(saves.getRowInfo(ids[0]!).state).toBe('saved');
    expect(saves.hasUnsaved()).toBe(false);
    expect(storage.getItem(KEY(ids[0]!))).toBeNull();
    await elapse(SAVE_DELAY_MS * 2);
    expect(server.calls).toHaveLength(1);
  });

  it('keeps a conflict raised while a save was out when that save then fails, and sends nothing more until a choice', async () => {
    const { rows, saves, server, ids, type } = setup();
    type(ids[1]!, 'Mine');
    await elapse(SAVE_DELAY_MS);
    expect(saves.getRowInfo(ids[1]!).state).toBe('saving');
    const theirs: Row = { ...rows.getRow(ids[1]!)!, rev: 2, target: en('Theirs'), updatedBy: 'omar' };
    saves.conflictWith(ids[1]!, theirs);
    server.calls[0]!.fail();
    await elapse();
    expect(saves.getRowInfo(ids[1]!)).toMatchObject({ state: 'conflict', theirs });
    expect(saves.getSummary()).toBe('conflict');
    await elapse(MAX_RETRY_MS * 2);
    expect(server.calls).toHaveLength(1);
    const kept = saves.keepMine(ids[1]!);
    await elapse();
    expect(server.calls[1]!.body).toEqual({ target: en('Mine'), baseRev: 2 });
    answerSave(server.calls[1]!, rows, ids[1]!);
    await kept;
    expect(saves.getSummary()).toBe('saved');
  });

  it('keeps mine over a conflict raised before anything was sent (someone else saved the row being edited)', async () => {
    const { rows, saves, server, ids } = setup();
    const theirs: Row = { ...rows.getRow(ids[0]!)!, rev: 2, target: en('Saved elsewhere'), updatedBy: 'omar' };
    saves.conflictWith(ids[0]!, theirs);
    expect(saves.getSummary()).toBe('conflict');
    const kept = saves.keepMine(ids[0]!);
    await elapse();
    expect(server.calls[0]!.body).toEqual({ target: rows.getRow(ids[0]!)!.target, baseRev: 2 });
    answerSave(server.calls[0]!, rows, ids[0]!);
    await kept;
    expect(saves.getSummary()).toBe('saved');
  });

  it('shows a refused save as an error and does not send a refused status again with the next edit', async () => {
    const { rows, saves, server, ids, type } = setup();
    const refused = saves.setStatus(ids[0]!, 'approved');
    await elapse();
    server.calls[0]!.respond(403, { error: { code: 'forbidden', message: 'a translator may not mark a row "approved"' } });
    await refused;
    expect(saves.getRowInfo(ids[0]!)).toMatchObject({ state: 'error', error: { status: 403, code: 'forbidden' } });
    expect(saves.getSummary()).toBe('error');
    type(ids[0]!, 'Fixed');
    expect(saves.getRowInfo(ids[0]!).state).toBe('pending');
    await elapse(SAVE_DELAY_MS);
    expect(server.calls[1]!.body).toEqual({ target: en('Fixed'), baseRev: 1 });
    answerSave(server.calls[1]!, rows, ids[0]!);
    await elapse();
    expect(saves.getSummary()).toBe('saved');
  });

  it('restores edits kept in the browser: sent when the row is where they left it, a conflict when it moved on', async () => {
    const storage = memoryStorage();
    const doc = docOf(4, 1);
    const [same, moved, unchanged, gone] = [doc.rows[1]!.id, doc.rows[2]!.id, doc.rows[0]!.id, 'zzzzzzzzzz'];
    storage.setItem(KEY(same), JSON.stringify({ target: en('Typed before the crash'), baseRev: 1 }));
    storage.setItem(KEY(moved), JSON.stringify({ target: en('Typed on an old revision'), baseRev: 1 }));
    storage.setItem(KEY(unchanged), JSON.stringify({ target: doc.rows[0]!.target, baseRev: 1 }));
    storage.setItem(KEY(gone), JSON.stringify({ target: en('A row merged away'), baseRev: 1 }));
    storage.setItem(KEY(doc.rows[3]!.id), '{"target": "not a document"}');
    storage.setItem('bilingual-editor:pending:other-doc:r000000002', JSON.stringify({ target: en('Another document'), baseRev: 1 }));
    doc.rows[2] = { ...doc.rows[2]!, rev: 3, target: en('Saved elsewhere since'), status: 'draft' };

    await prepareKeptEdits(doc.slug, () => storage);
    const { rows, saves, server } = setup({ storage });
    // The setup's document is a fresh copy: give it the moved row too.
    rows.applySaved(doc.rows[2]!);
    rows.setText(moved, doc.rows[2]!.target, { origin: 'remote' });

    const written: string[] = [];
    const restored = saves.restore((id, target) => {
      written.push(id);
      rows.setText(id, target, { origin: 'restore' });
    });
    expect(restored.sort()).toEqual([same, moved].sort());
    expect(written.sort()).toEqual([same, moved].sort());
    expect(rows.getRow(same)!.target).toEqual(en('Typed before the crash'));
    expect(rows.getRow(moved)!.target).toEqual(en('Typed on an old revision'));
    expect(storage.getItem(KEY(unchanged))).toBeNull();
    expect(storage.getItem(KEY(gone))).toBeNull();
    expect(storage.getItem('bilingual-editor:pending:other-doc:r000000002')).not.toBeNull();

    const conflict = saves.getRowInfo(moved);
    expect(conflict.state).toBe('conflict');
    expect(conflict.theirs).toMatchObject({ rev: 3, target: en('Saved elsewhere since') });
    // Still kept on the revision it was made on, so a second reload finds the same conflict.
    expect(JSON.parse(storage.getItem(KEY(moved))!)).toEqual({ target: en('Typed on an old revision'), baseRev: 1 });

    await elapse();
    expect(server.calls.map((c) => [c.url.split('/').pop(), c.body])).toEqual([[same, { target: en('Typed before the crash'), baseRev: 1 }]]);
  });

  it('resumes what a pause left waiting', async () => {
    const { saves, server, ids, type } = setup();
    type(ids[0]!, 'Half a sentence');
    saves.pause();
    await elapse(SAVE_DELAY_MS * 3);
    expect(server.calls).toHaveLength(0);
    saves.resume();
    await elapse();
    expect(server.calls).toHaveLength(1);
  });

  it('drops a row that left the page (merged away) instead of saving it', async () => {
    const { rows, saves, server, storage, ids, type } = setup();
    type(ids[2]!, 'Last row');
    rows.applyMerge({ ...rows.getRow(ids[1]!)!, rev: 2 }, ids[2]!);
    await elapse(SAVE_DELAY_MS);
    expect(server.calls).toHaveLength(0);
    expect(saves.hasUnsaved()).toBe(false);
    expect(storage.getItem(KEY(ids[2]!))).toBeNull();
  });
});
