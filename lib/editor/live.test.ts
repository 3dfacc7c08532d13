import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveHandlers } from '@/lib/client';
import type { DocumentEvent, Note, Row, RowPatch } from '@/lib/model';
import { MARK_MS } from './live';
import { SAVE_DELAY_MS } from './save-queue';
import { createEditorSession } from './session';
import { AT, docOf, elapse, en, fakeServer, memoryStorage, savedRow, stillView } from './test-support';

/** The session with its live side on a fake stream: the test plays the server's events. */
function setup() {
  const doc = docOf(4, 2);
  const rowsById = new Map(doc.rows.map((r) => [r.id, r]));
  const server = fakeServer((call) => {
    if (call.method === 'PATCH' && call.url.includes('/rows/')) {
      const id = call.url.split('/').pop()!;
      const patch = call.body as RowPatch;
      const saved = { ...savedRow({ ...rowsById.get(id)!, rev: Math.max(patch.baseRev, rowsById.get(id)!.rev) }, patch), updatedBy: 'layla' };
      rowsById.set(id, saved);
      return { status: 200, body: saved };
    }
    if (call.method === 'POST' && call.url.endsWith('/presence')) return { status: 200, body: { ok: true } };
    if (call.method === 'GET' && call.url.endsWith('/notes')) return { status: 200, body: { notes: [] } };
    if (call.url.startsWith('/api/memory/matches')) return { status: 200, body: { query: '', matches: [] } };
    return undefined;
  });
  let on: LiveHandlers | null = null;
  const opened: { client: string; lastEventId: number | null }[] = [];
  const client = {
    ...server.client,
    openDocumentEvents: (_slug: string, options: { client: string; lastEventId: number | null }, handlers: LiveHandlers) => {
      opened.push(options);
      on = handlers;
      return { lastEventId: 0, reconnect: () => undefined, suspend: () => undefined, close: () => (on = null) };
    },
  };
  const session = createEditorSession({ doc, notes: [], user: { name: 'layla', role: 'translator' }, client, storage: () => memoryStorage(), view: stillView, eventId: 7, live: true });
  let id = 7;
  const emit = (body: Record<string, unknown>, by: string | null = 'omar') => on!.event({ ...body, id: ++id, slug: doc.slug, at: AT, by } as DocumentEvent);
  return { session, server, ids: doc.rows.map((r) => r.id), rowsById, opened, emit, handlers: () => on };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the live editor', () => {
  it('opens the stream after the event the page was read at, and tells the others which row it is in', async () => {
    const { session, server, ids, opened, handlers } = setup();
    const stop = session.start();
    expect(opened).toEqual([{ client: session.live.clientId, lastEventId: 7 }]);
    handlers()!.ready(7);
    await elapse();
    session.actions.editing.activate(ids[1]!, 'end');
    await elapse(1000);
    const posts = server.calls.filter((c) => c.url.endsWith('/presence')).map((c) => c.body);
    expect(posts).toEqual([
      { client: session.live.clientId, rowId: null },
      { client: session.live.clientId, rowId: ids[1] },
    ]);
    stop();
    expect(handlers()).toBeNull();
  });

  it('updates a row nobody edits in place, with a mark of who changed it that fades', async () => {
    const { session, ids, emit } = setup();
    session.start();
    const row = session.rows.getRow(ids[2]!)!;
    emit({ type: 'row-saved', kind: 'text', row: { ...row, rev: 2, textRev: 2, target: en('From Omar'), updatedBy: 'omar' } });
    expect(session.rows.getRow(ids[2]!)!.target).toEqual(en('From Omar'));
    expect(session.live.getRowMark(ids[2]!)).toMatchObject({ by: 'omar' });
    await elapse(MARK_MS + 10);
    expect(session.live.getRowMark(ids[2]!)).toBeNull();
  });

  it('keeps what I type when only the status changed, and saves it on the new revision without a conflict', async () => {
    const { session, server, ids, emit } = setup();
    session.start();
    const id = ids[0]!;
    session.actions.editing.replaceTarget(id, en('Mine, being typed'));
    const row = session.rows.getRow(id)!;
    emit({ type: 'row-status', row: { ...row, target: en('Paragraph 1.'), rev: 2, textRev: 1, status: 'needs-changes' } });
    expect(session.saves.getRowInfo(id).state).not.toBe('conflict');
    expect(session.rows.getRow(id)).toMatchObject({ rev: 2, status: 'needs-changes', target: en('Mine, being typed') });
    await elapse(SAVE_DELAY_MS + 10);
    const sent = server.calls.filter((c) => c.method === 'PATCH').map((c) => c.body as RowPatch);
    expect(sent).toEqual([expect.objectContaining({ baseRev: 2, target: en('Mine, being typed') })]);
  });

  it('makes their text in a row I am changing a conflict at once', () => {
    const { session, ids, emit } = setup();
    session.start();
    const id = ids[1]!;
    session.actions.editing.replaceTarget(id, en('Mine'));
    emit({ type: 'row-saved', kind: 'text', row: { ...session.rows.getRow(id)!, rev: 2, textRev: 2, target: en('Theirs') } });
    expect(session.saves.getRowInfo(id)).toMatchObject({ state: 'conflict', theirs: { rev: 2, target: en('Theirs') } });
  });

  it('ignores its own save heard before the answer', () => {
    const { session, ids, emit } = setup();
    session.start();
    const id = ids[1]!;
    session.actions.editing.replaceTarget(id, en('Mine and more'));
    emit({ type: 'row-saved', kind: 'text', row: { ...session.rows.getRow(id)!, rev: 2, textRev: 2, target: en('Mine') } }, 'layla');
    expect(session.saves.getRowInfo(id).state).not.toBe('conflict');
    expect(session.rows.getRow(id)!.target).toEqual(en('Mine and more'));
  });

  it('applies notes, splits and merges others make', () => {
    const { session, ids, emit } = setup();
    session.start();
    const note: Note = { id: 'n000000001', rowId: ids[0]!, side: 'source', detached: false, body: 'Hello', author: 'omar', createdAt: AT, updatedAt: AT, status: 'open', visibility: 'internal', replies: [] };
    emit({ type: 'note-created', note });
    expect(session.notes.getRowNotes(ids[0]!).map((n) => n.body)).toEqual(['Hello']);
    emit({ type: 'note-resolved', note: { ...note, status: 'resolved' } });
    expect(session.notes.getRowNotes(ids[0]!)[0]!.status).toBe('resolved');
    emit({ type: 'note-deleted', noteId: note.id });
    expect(session.notes.getRowNotes(ids[0]!)).toEqual([]);

    const [a, b] = [session.rows.getRow(ids[2]!)!, session.rows.getRow(ids[3]!)!];
    const merged: Row = { ...a, rev: a.rev + 1, source: [...a.source, ...b.source] };
    emit({ type: 'rows-merged', row: merged, removedId: b.id });
    expect(session.rows.getOrder()).toEqual(ids.slice(0, 3));
    const newRow: Row = { ...b, id: 'r900000000' };
    emit({ type: 'rows-split', row: a, newRow });
    expect(session.rows.getOrder()).toEqual([...ids.slice(0, 3), 'r900000000']);
    expect(session.live.getState()).not.toBe('stale');
  });

  it('shows the other people on the document and in which row, not this person’s own tabs', () => {
    const { session, ids, handlers } = setup();
    session.start();
    handlers()!.presence([
      { client: session.live.clientId, user: 'layla', rowId: ids[0]!, at: AT },
      { client: 'tab-layla-2', user: 'layla', rowId: ids[1]!, at: AT },
      { client: 'tab-omar-1', user: 'omar', rowId: ids[2]!, at: AT },
      { client: 'tab-sara-1', user: 'sara', rowId: null, at: AT },
    ]);
    expect(session.live.getPeople()).toEqual([
      { user: 'omar', rowId: ids[2] },
      { user: 'sara', rowId: null },
    ]);
    expect(session.live.getRowPeople(ids[2]!)).toEqual(['omar']);
    expect(session.live.getRowPeople(ids[0]!)).toEqual([]);
  });

  it('tells the publishing line when someone publishes or unpublishes the document', () => {
    const { session, emit } = setup();
    session.start();
    const heard = vi.fn();
    session.live.subscribePublishing(heard);
    expect(session.live.getPublishings()).toBe(0);
    emit({ type: 'document-published', version: 3, publishedAt: AT }, 'sara');
    expect(session.live.getPublishings()).toBe(1);
    emit({ type: 'document-unpublished', version: 3 }, 'sara');
    expect(session.live.getPublishings()).toBe(2);
    expect(heard).toHaveBeenCalledTimes(2);
  });
});
