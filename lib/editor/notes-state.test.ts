import { describe, expect, it } from 'vitest';
import type { Note } from '@/lib/model';
import { NotesState } from './notes-state';
import { AT, fakeServer, type AutoAnswer } from './test-support';

const ROW_A = 'r000000001';
const ROW_B = 'r000000002';

function noteOf(id: string, rowId: string, extra: Partial<Note> = {}): Note {
  return {
    id,
    rowId,
    side: 'target',
    detached: false,
    body: `Note ${id}`,
    author: 'layla',
    createdAt: AT,
    updatedAt: AT,
    status: 'open',
    visibility: 'internal',
    replies: [],
    ...extra,
  };
}

function setup(notes: Note[], auto?: AutoAnswer) {
  const server = fakeServer(auto);
  const state = new NotesState('test-doc', notes, 'layla', server.client);
  const told = { a: 0, b: 0, page: 0 };
  state.subscribeRow(ROW_A, () => told.a++);
  state.subscribeRow(ROW_B, () => told.b++);
  state.subscribe(() => told.page++);
  return { server, state, told };
}

/** Settles the promise chain of one call the fake server answers. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('NotesState', () => {
  it('groups notes by row, so a change re-renders only its own row', async () => {
    const a1 = noteOf('n000000001', ROW_A);
    const b1 = noteOf('n000000002', ROW_B);
    const { server, state, told } = setup([a1, b1], () => ({ status: 200, body: { ...b1, status: 'resolved', resolvedBy: 'layla' } }));
    expect(state.getRowNotes(ROW_A)).toEqual([a1]);
    expect(state.getRowNotes('r000000009')).toEqual([]);
    const before = state.getRowNotes(ROW_A);
    await state.update(b1.id, { status: 'resolved' });
    expect(server.calls[0]).toMatchObject({ method: 'PATCH', url: `/api/documents/test-doc/notes/${b1.id}`, body: { status: 'resolved' } });
    expect(state.getRowNotes(ROW_B)[0]!.status).toBe('resolved');
    expect(state.getRowNotes(ROW_A)).toBe(before);
    expect(told).toEqual({ a: 0, b: 1, page: 0 });
    expect(state.getAll().map((n) => n.id)).toEqual([a1.id, b1.id]);
    // Resolved here, it stays in view under the default filter (Reopen at hand) until a filter is chosen.
    expect(state.isShown(state.getRowNotes(ROW_B)[0]!)).toBe(true);
    state.setFilter('open');
    expect(state.isShown(state.getRowNotes(ROW_B)[0]!)).toBe(false);
  });

  it('keeps a note someone else resolved in view, greyed, until a filter is chosen', () => {
    const a1 = noteOf('n000000001', ROW_A);
    const { state } = setup([a1]);
    state.applyRemote({ ...a1, status: 'resolved' });
    expect(state.isShown(state.getRowNotes(ROW_A)[0]!)).toBe(true);
    state.setFilter('open');
    expect(state.isShown(state.getRowNotes(ROW_A)[0]!)).toBe(false);
  });

  it('creates the note being drafted from the server’s answer and focuses it', async () => {
    const created = noteOf('n000000003', ROW_A, { quote: { exact: 'words' }, position: { start: 0, end: 5 } });
    const { server, state, told } = setup([], () => ({ status: 201, body: created }));
    await expect(state.create('x', 'internal')).rejects.toThrow('no note is being written');
    state.openDraft({ rowId: ROW_A, side: 'target', quote: { exact: 'words' }, position: { start: 0, end: 5 } });
    expect(state.getDraft()).toMatchObject({ rowId: ROW_A });
    await state.create('Check the name', 'public');
    expect(server.calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/documents/test-doc/notes',
      body: { rowId: ROW_A, side: 'target', quote: { exact: 'words' }, position: { start: 0, end: 5 }, body: 'Check the name', visibility: 'public' },
    });
    expect(state.getRowNotes(ROW_A)).toEqual([created]);
    expect(state.getDraft()).toBeNull();
    expect(state.getActiveNoteId()).toBe(created.id);
    expect(told.a).toBe(1);
  });

  it('changes nothing when the server refuses, and throws the refusal with its code', async () => {
    const note = noteOf('n000000001', ROW_A, { author: 'someone' });
    const { state, told } = setup([note], () => ({ status: 403, body: { error: { code: 'forbidden', message: 'only the author of a note can change its text' } } }));
    await expect(state.update(note.id, { body: 'Mine now' })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    await expect(state.remove(note.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(state.getRowNotes(ROW_A)).toEqual([note]);
    expect(told.a).toBe(0);
  });

  it('replies, edits and deletes a reply, keeping the note and its place', async () => {
    const first = noteOf('n000000001', ROW_A);
    const second = noteOf('n000000002', ROW_A);
    const reply = { id: 'p000000001', body: 'Agreed', author: 'layla', createdAt: AT, updatedAt: AT };
    const withReply = { ...first, replies: [reply] };
    const answers: unknown[] = [
      { note: withReply, reply },
      { ...withReply, replies: [{ ...reply, body: 'Agreed, done' }] },
      { deleted: reply.id },
    ];
    const { server, state } = setup([first, second], () => ({ status: 200, body: answers.shift() }));
    await state.reply(first.id, 'Agreed');
    await state.editReply(first.id, reply.id, 'Agreed, done');
    expect(state.getRowNotes(ROW_A)[0]!.replies[0]!.body).toBe('Agreed, done');
    await state.remove(first.id, reply.id);
    expect(server.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST /api/documents/test-doc/notes/${first.id}/replies`,
      `PATCH /api/documents/test-doc/notes/${first.id}/replies/${reply.id}`,
      `DELETE /api/documents/test-doc/notes/${first.id}/replies/${reply.id}`,
    ]);
    expect(state.getRowNotes(ROW_A).map((n) => [n.id, n.replies.length])).toEqual([
      [first.id, 0],
      [second.id, 0],
    ]);
  });

  it('deletes a note with its thread, and unfocuses it', async () => {
    const note = noteOf('n000000001', ROW_A);
    const { state } = setup([note], () => ({ status: 200, body: { deleted: note.id } }));
    state.setActive(note.id);
    await state.remove(note.id);
    expect(state.getRowNotes(ROW_A)).toEqual([]);
    expect(state.getActiveNoteId()).toBeNull();
  });

  it('reloads every note (after a split or merge moved them between rows)', async () => {
    const moved = noteOf('n000000001', ROW_B);
    const { server, state, told } = setup([noteOf('n000000001', ROW_A)], () => ({ status: 200, body: { notes: [moved] } }));
    await state.reload();
    expect(server.calls[0]).toMatchObject({ method: 'GET', url: '/api/documents/test-doc/notes' });
    expect(state.getRowNotes(ROW_A)).toEqual([]);
    expect(state.getRowNotes(ROW_B)).toEqual([moved]);
    expect(told).toMatchObject({ a: 1, b: 1 });
  });

  it('follows the ranges the editor mapped, and marks a note detached when its text is gone', () => {
    const kept = noteOf('n000000001', ROW_A, { quote: { exact: 'Haftar' }, position: { start: 4, end: 10 } });
    const lost = noteOf('n000000002', ROW_A, { quote: { exact: 'Putin' }, position: { start: 12, end: 17 } });
    const onSource = noteOf('n000000003', ROW_A, { side: 'source', position: { start: 0, end: 3 } });
    const { state, told } = setup([kept, lost, onSource]);
    state.applyMapped(ROW_A, [
      { noteId: kept.id, start: 6, end: 12 },
      { noteId: lost.id, detached: true },
      { noteId: onSource.id, start: 9, end: 10 },
    ]);
    const [a, b, c] = state.getRowNotes(ROW_A);
    expect(a!.position).toEqual({ start: 6, end: 12 });
    expect(b!.detached).toBe(true);
    expect(c).toBe(onSource);
    expect(told.a).toBe(1);
    // The same ranges again change nothing.
    state.applyMapped(ROW_A, [{ noteId: kept.id, start: 6, end: 12 }]);
    expect(told.a).toBe(1);
  });

  it('filters the column: open, resolved, or mine (written or replied to)', () => {
    const open = noteOf('n000000001', ROW_A, { author: 'omar' });
    const resolved = noteOf('n000000002', ROW_A, { author: 'omar', status: 'resolved' });
    const replied = noteOf('n000000003', ROW_A, {
      author: 'omar',
      replies: [{ id: 'p000000001', body: 'x', author: 'layla', createdAt: AT, updatedAt: AT }],
    });
    const { state, told } = setup([open, resolved, replied]);
    const shown = () => state.getAll().filter((n) => state.isShown(n)).map((n) => n.id);
    // Open notes are the default.
    expect(state.getFilter()).toBe('open');
    expect(shown()).toEqual([open.id, replied.id]);
    state.setFilter('all');
    expect(shown()).toHaveLength(3);
    state.setFilter('open');
    expect(shown()).toEqual([open.id, replied.id]);
    state.setFilter('resolved');
    expect(shown()).toEqual([resolved.id]);
    state.setFilter('mine');
    expect(shown()).toEqual([replied.id]);
    expect(told.page).toBe(4);
  });

  it('takes notes other people saved or deleted', async () => {
    const note = noteOf('n000000001', ROW_A);
    const { state } = setup([note]);
    state.applyRemote(noteOf('n000000005', ROW_B, { author: 'omar' }));
    state.applyRemote({ ...note, body: 'Edited elsewhere' });
    expect(state.getRowNotes(ROW_A)[0]!.body).toBe('Edited elsewhere');
    state.removeRemote(note.id);
    expect(state.getRowNotes(ROW_A)).toEqual([]);
    expect(state.getRowNotes(ROW_B)).toHaveLength(1);
    await settle();
  });
});
