import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Note, Row, RowPatch } from '@/lib/model';
import type { TextChange } from './document-state';
import type { PageView } from './page-view';
import { prepareKeptEdits } from './pending-store';
import { SAVE_DELAY_MS } from './save-queue';
import { createEditorSession } from './session';
import { AT, docOf, elapse, en, fakeServer, memoryStorage, savedRow, stillView, type FakeCall } from './test-support';

/**
 * The session without a browser: no row editor is mounted here (that needs a DOM and is covered by the
 * end-to-end tests), so these follow the rows' text, saves, alignment, conflicts and remote changes.
 */
function setup(role: 'translator' | 'reviewer' = 'translator', storage: Storage = memoryStorage()) {
  const doc = docOf(4, 2);
  const rowsById = new Map(doc.rows.map((r) => [r.id, r]));
  const server = fakeServer((call) => {
    if (call.method === 'PATCH' && call.url.includes('/rows/')) {
      const id = call.url.split('/').pop()!;
      const patch = call.body as RowPatch;
      const saved = savedRow({ ...rowsById.get(id)!, rev: patch.baseRev }, patch);
      rowsById.set(id, saved);
      return { status: 200, body: saved };
    }
    if (call.method === 'GET' && call.url.endsWith('/notes')) return { status: 200, body: { notes: [] } };
    if (call.url.startsWith('/api/memory/matches')) return { status: 200, body: { query: '', matches: [] } };
    if (call.url === '/api/mt') return { status: 200, body: { provider: null, model: null, problem: null } };
    return undefined;
  });
  const scrolled: string[] = [];
  let online: (() => void) | null = null;
  const view: PageView = {
    scrollToRow: (id, block) => scrolled.push(`${id}:${block}`),
    focusRow: (id) => scrolled.push(`focus:${id}`),
    scrollToNote: (note, where) => scrolled.push(`note:${note.id}:${where}`),
    getSelection: () => null,
    nextFrame: (fn) => fn(),
    onOnline: (fn) => {
      online = fn;
      return () => (online = null);
    },
  };
  const session = createEditorSession({ doc, notes: [], user: { name: 'layla', role }, client: server.client, storage: () => storage, view });
  const changes: TextChange[] = [];
  session.subscribeText((c) => changes.push(c));
  const ids = doc.rows.map((r) => r.id);
  return { session, server, ids, changes, scrolled, storage, goOnline: () => online?.(), rowsById };
}

const saves = (calls: FakeCall[]) => calls.filter((c) => c.method === 'PATCH').map((c) => [c.url.split('/').pop(), c.body]);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the editor session', () => {
  it('replaces a row’s text from outside the editor through the one owner: shown, checked, saved', async () => {
    const { session, server, ids, changes } = setup();
    const stop = session.start();
    let rendered = 0;
    session.rows.subscribeRow(ids[2]!, () => rendered++);
    session.actions.editing.replaceTarget(ids[2]!, en('Found and replaced'));
    expect(session.rows.getRow(ids[2]!)!.target).toEqual(en('Found and replaced'));
    expect(changes).toMatchObject([{ rowId: ids[2], origin: 'replace' }]);
    expect(rendered).toBe(1);
    expect(session.qa.getRowFindings(ids[2]!).some((f) => f.check === 'untranslated')).toBe(false);
    expect(session.saves.getRowInfo(ids[2]!).state).toBe('pending');
    await elapse(SAVE_DELAY_MS);
    expect(saves(server.calls)).toEqual([[ids[2], { target: en('Found and replaced'), baseRev: 1 }]]);
    expect(session.saves.getSummary()).toBe('saved');
    stop();
  });

  it('lets only people who may edit replace the English', () => {
    const { session, ids, changes } = setup('reviewer');
    session.actions.editing.replaceTarget(ids[2]!, en('Not mine to change'));
    expect(changes).toEqual([]);
    expect(session.can).toEqual({ edit: false, align: false, publish: false, deleteAnyNote: false });
  });

  it('restores an edit kept in the browser into its row when it starts, and sends it', async () => {
    const storage = memoryStorage();
    const { session: first, ids } = setup('translator', storage);
    first.start();
    first.actions.editing.replaceTarget(ids[3]!, en('Typed, then the laptop died'));
    first.dispose();

    // As the editor page does before it starts the editor (EditorLoader).
    await prepareKeptEdits(first.slug, () => storage);
    const { session, server, changes } = setup('translator', storage);
    session.start();
    expect(changes).toMatchObject([{ rowId: ids[3], origin: 'restore', target: en('Typed, then the laptop died') }]);
    expect(session.rows.getRow(ids[3]!)!.target).toEqual(en('Typed, then the laptop died'));
    await elapse();
    expect(saves(server.calls)).toEqual([[ids[3], { target: en('Typed, then the laptop died'), baseRev: 1 }]]);
  });

  it('sends what waits when the browser comes back online', async () => {
    const { session, server, ids, goOnline } = setup();
    session.start();
    session.actions.editing.replaceTarget(ids[2]!, en('Offline words'));
    goOnline();
    await elapse();
    expect(saves(server.calls)).toHaveLength(1);
  });

  it('answers a conflict: take theirs puts their text in the row and leaves nothing unsaved', async () => {
    const { session, server, ids } = setup();
    session.start();
    const theirs: Row = { ...session.rows.getRow(ids[0]!)!, rev: 5, target: en('Their version'), updatedBy: 'omar' };
    session.saves.conflictWith(ids[0]!, theirs);
    session.actions.conflicts.takeTheirs(ids[0]!);
    expect(session.rows.getRow(ids[0]!)).toMatchObject({ rev: 5, target: en('Their version') });
    await elapse();
    // Taking theirs is sent as an edit the server has already: it answers without a new revision for the text.
    expect(saves(server.calls)).toEqual([[ids[0], { target: en('Their version'), baseRev: 5 }]]);
    expect(session.saves.hasUnsaved()).toBe(false);
  });

  it('merges a conflict by hand: both versions in the row, mine first, kept unsent until saved', async () => {
    const { session, server, ids } = setup();
    session.start();
    session.actions.editing.replaceTarget(ids[0]!, en('Mine'));
    const theirs: Row = { ...session.rows.getRow(ids[0]!)!, rev: 5, target: en('Theirs'), updatedBy: 'omar' };
    session.saves.conflictWith(ids[0]!, theirs);
    session.actions.conflicts.mergeByHand(ids[0]!);
    expect(session.rows.getActiveRowId()).toBe(ids[0]);
    expect(session.rows.getRow(ids[0]!)!.target).toEqual(en('Mine', 'Theirs'));
    await elapse(SAVE_DELAY_MS * 3);
    expect(saves(server.calls)).toEqual([]);
    session.actions.conflicts.keepMine(ids[0]!);
    await elapse();
    expect(saves(server.calls)).toEqual([[ids[0], { target: en('Mine', 'Theirs'), baseRev: 5 }]]);
  });

  it('splits and merges rows on the server after saving them, then reloads the notes', async () => {
    const { session, server, ids } = setup();
    session.start();
    session.actions.editing.replaceTarget(ids[0]!, en('First', 'Second'));
    const merging = session.actions.alignment.merge(ids[0]!);
    await elapse();
    expect(saves(server.calls)).toHaveLength(1);
    const merge = server.pending()[0]!;
    expect(merge).toMatchObject({ method: 'POST', url: `/api/documents/test-doc/rows/${ids[0]}/merge`, body: { baseRev: 2, nextBaseRev: 1 } });
    const merged: Row = { ...session.rows.getRow(ids[0]!)!, rev: 3, source: [...session.rows.getRow(ids[0]!)!.source, ...session.rows.getRow(ids[1]!)!.source] };
    merge.respond(200, { row: merged, removedId: ids[1] });
    await merging;
    expect(session.rows.getOrder()).toEqual([ids[0], ids[2], ids[3]]);
    expect(server.calls.some((c) => c.method === 'GET' && c.url === '/api/documents/test-doc/notes')).toBe(true);
    expect(session.rows.getActiveRowId()).toBe(ids[0]);

    const splitting = session.actions.alignment.split(ids[0]!, 1);
    await elapse();
    const split = server.pending()[0]!;
    expect(split.body).toEqual({ sourceIndex: 1, targetIndex: 1, baseRev: 3 });
    split.respond(409, { error: { code: 'conflict', message: 'changed by someone else' } });
    await splitting;
    expect(session.rows.getRowError(ids[0]!)).toMatchObject({ status: 409, code: 'conflict' });
    // Making the row active again clears the failed action.
    session.actions.editing.activate(ids[0]!, 'end');
    expect(session.rows.getRowError(ids[0]!)).toBeNull();
  });

  it('applies someone else’s save to a row nobody is editing, and makes it a conflict in a row with unsaved text', async () => {
    const { session, server, ids, changes } = setup();
    session.start();
    const remote = (id: string, text: string, rev: number): Row => ({ ...session.rows.getRow(id)!, rev, target: en(text), updatedBy: 'omar' });

    session.remote.applyRow(remote(ids[2]!, 'Saved by Omar', 2));
    expect(session.rows.getRow(ids[2]!)).toMatchObject({ rev: 2, target: en('Saved by Omar'), updatedBy: 'omar' });
    expect(changes.at(-1)).toMatchObject({ rowId: ids[2], origin: 'remote' });
    // An echo of a revision this page has already changes nothing.
    session.remote.applyRow(remote(ids[2]!, 'Old news', 2));
    expect(session.rows.getRow(ids[2]!)!.target).toEqual(en('Saved by Omar'));

    // Their text in a row with unsaved text here is a conflict at once, their version beside mine.
    session.actions.editing.replaceTarget(ids[3]!, en('Mine, unsaved'));
    session.remote.applyRow(remote(ids[3]!, 'Theirs meanwhile', 2));
    expect(session.saves.getRowInfo(ids[3]!).state).toBe('conflict');
    expect(session.saves.getRowInfo(ids[3]!).theirs).toMatchObject({ rev: 2, target: en('Theirs meanwhile') });
    expect(session.rows.getRow(ids[3]!)!.target).toEqual(en('Mine, unsaved'));

    // A status alone changes no text.
    const before = changes.length;
    session.remote.applyRow({ ...session.rows.getRow(ids[1]!)!, rev: 2, status: 'needs-changes' });
    expect(session.rows.getRow(ids[1]!)).toMatchObject({ rev: 2, status: 'needs-changes' });
    expect(changes).toHaveLength(before);

    await elapse(SAVE_DELAY_MS * 2);
    // Someone else's text is never sent back as this person's edit.
    expect(saves(server.calls)).toEqual([]);
  });

  it('takes notes other people save or delete', () => {
    const { session, ids } = setup();
    const note: Note = {
      id: 'n000000001',
      rowId: ids[0]!,
      side: 'source',
      detached: false,
      body: 'From Omar',
      author: 'omar',
      createdAt: AT,
      updatedAt: AT,
      status: 'open',
      visibility: 'internal',
      replies: [],
    };
    session.remote.applyNote(note);
    expect(session.notes.getRowNotes(ids[0]!)).toEqual([note]);
    session.remote.removeNote(note.id);
    expect(session.notes.getRowNotes(ids[0]!)).toEqual([]);
  });

  it('opens notes and shows rows through the page', () => {
    const { session, ids, scrolled } = setup('reviewer');
    session.actions.notes.commentRow(ids[1]!);
    expect(session.notes.getDraft()).toEqual({ rowId: ids[1], side: 'source' });
    session.actions.editing.activate(ids[2]!, null);
    session.actions.notes.addNote();
    expect(session.notes.getDraft()).toEqual({ rowId: ids[2], side: 'source' });
    session.actions.editing.jumpTo(ids[3]!);
    session.actions.editing.leave();
    expect(scrolled).toEqual([`${ids[2]}:nearest`, `${ids[3]}:nearest`, `${ids[3]}:center`]);
    expect(session.rows.getActiveRowId()).toBeNull();
  });

  it('opens with some rows and takes the rest as they arrive, keeping what is typed meanwhile', async () => {
    const doc = docOf(6);
    let release: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (release = resolve));
    async function* rest() {
      await arrived;
      yield { rows: doc.rows.slice(4), where: 'after' as const };
      yield { rows: doc.rows.slice(0, 2), where: 'before' as const };
    }
    const server = fakeServer((call) => (call.method === 'PATCH' ? { status: 200, body: savedRow(doc.rows[2]!, call.body as RowPatch) } : undefined));
    const session = createEditorSession({
      doc: { ...doc, rows: doc.rows.slice(2, 4) },
      arriving: { before: 2, after: 2, rest: rest() },
      notes: [],
      user: { name: 'layla', role: 'translator' },
      client: server.client,
      storage: () => memoryStorage(),
      live: false,
      view: stillView,
    });
    const stop = session.start();
    expect(session.rows.getLoading()).toMatchObject({ before: 2, after: 2, complete: false });
    expect(session.rows.getRowNumber(doc.rows[2]!.id)).toBe(3);
    session.actions.editing.replaceTarget(doc.rows[2]!.id, en('Typed before the rest arrived'));
    release();
    await elapse();
    expect(session.rows.getLoading().complete).toBe(true);
    expect(session.rows.getOrder()).toEqual(doc.rows.map((r) => r.id));
    expect(session.rows.getRow(doc.rows[2]!.id)!.target).toEqual(en('Typed before the rest arrived'));
    await elapse(SAVE_DELAY_MS);
    expect(saves(server.calls)).toEqual([[doc.rows[2]!.id, { target: en('Typed before the rest arrived'), baseRev: 1 }]]);
    stop();
  });

  it('says the rows could not all be read, keeping those it has', async () => {
    const doc = docOf(4);
    // eslint-disable-next-line require-yield -- a stream that fails before its first block
    async function* rest(): AsyncGenerator<{ rows: Row[]; where: 'after' }> {
      throw new TypeError('Failed to fetch');
    }
    const session = createEditorSession({
      doc: { ...doc, rows: doc.rows.slice(0, 2) },
      arriving: { before: 0, after: 2, rest: rest() },
      notes: [],
      user: { name: 'layla', role: 'translator' },
      client: fakeServer(() => undefined).client,
      storage: () => memoryStorage(),
      live: false,
      view: stillView,
    });
    session.start();
    await elapse();
    expect(session.rows.getLoading()).toMatchObject({ complete: false, after: 2, error: { message: 'Failed to fetch' } });
    expect(session.rows.getOrder()).toHaveLength(2);
  });

  it('asks the memory about each row that becomes active, and stops with the page', async () => {
    const { session, server, ids } = setup();
    const stop = session.start();
    session.actions.editing.activate(ids[1]!, 'end');
    await elapse();
    expect(server.calls.filter((c) => c.url.startsWith('/api/memory/matches')).map((c) => c.url)).toEqual([
      `/api/memory/matches?slug=test-doc&rowId=${ids[1]}`,
    ]);
    expect(session.memory.get(ids[1]!)).toEqual({ rowId: ids[1], state: 'ready', matches: [] });
    stop();
    session.actions.editing.activate(ids[2]!, 'end');
    await elapse();
    expect(server.calls.filter((c) => c.url.startsWith('/api/memory/matches'))).toHaveLength(1);
  });
});
