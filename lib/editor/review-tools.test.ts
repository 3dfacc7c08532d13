import { describe, expect, it } from 'vitest';
import { targetFromText, type Row } from '@/lib/model';
import { ApprovalGuard } from './approval-guard';
import type { TextChange } from './document-state';
import { StatusNotices } from './status-notices';
import { UndoStack } from './undo-stack';
import { rowOf } from './test-support';

describe('ApprovalGuard', () => {
  it('asks once per approved row: cancel drops the change, edit lets it and later ones through', () => {
    const approved = rowOf(1, ['Approved.'], 'approved');
    const draft = rowOf(2, ['Draft.'], 'draft');
    const rows = new Map<string, Row>([approved, draft].map((r) => [r.id, r]));
    const guard = new ApprovalGuard((id) => rows.get(id));
    const id = approved.id;
    let retried = 0;
    expect(guard.mayType(draft.id, () => retried++)).toBe(true);
    expect(guard.mayType(id, () => retried++)).toBe(false);
    expect(guard.getQuestion()).toEqual({ rowId: id });
    guard.cancel();
    expect(guard.getQuestion()).toBeNull();
    expect(retried).toBe(0);
    expect(guard.mayType(id, () => retried++)).toBe(false);
    guard.confirm();
    expect(retried).toBe(1);
    expect(guard.mayType(id, () => retried++)).toBe(true);
  });
});

describe('StatusNotices', () => {
  const change = (previous: Row, text: string[], origin: TextChange['origin'] = 'editor'): TextChange => ({
    rowId: previous.id,
    previous,
    target: targetFromText(text),
    origin,
  });

  it('says when an edit sends a translated or approved row back to draft, until its status is set again', () => {
    const notices = new StatusNotices();
    const approved = rowOf(1, ['Approved.'], 'approved', 3);
    notices.textChanged(change(rowOf(2, ['Draft.'], 'draft'), ['Draft, edited.']));
    expect(notices.get(rowOf(2).id)).toBeNull();
    notices.textChanged(change(approved, ['Approved, edited.'], 'remote'));
    expect(notices.get(approved.id)).toBeNull();
    notices.textChanged(change(approved, ['Approved, edited.']));
    expect(notices.get(approved.id)).toEqual({ rowId: approved.id, from: 'approved', to: 'draft', rev: 3 });
    // The save's answer (draft, rev 4) keeps it; a confirmation after it ends it.
    notices.sweep(() => ({ ...approved, rev: 4, status: 'draft' }));
    expect(notices.get(approved.id)).not.toBeNull();
    notices.sweep(() => ({ ...approved, rev: 5, status: 'translated' }));
    expect(notices.get(approved.id)).toBeNull();
  });
});

describe('UndoStack', () => {
  it('undoes the newest step once, and says when there is nothing to undo', async () => {
    const stack = new UndoStack();
    const done: string[] = [];
    expect(await stack.undo()).toBeNull();
    stack.push({ kind: 'replace', rowIds: ['a'], undo: async () => (done.push('replace'), true) });
    stack.push({ kind: 'merge', rowIds: ['a', 'b'], undo: async () => (done.push('merge'), false) });
    expect(stack.peek()?.kind).toBe('merge');
    expect(await stack.undo()).toMatchObject({ ok: false, entry: { kind: 'merge' } });
    expect(await stack.undo()).toMatchObject({ ok: true, entry: { kind: 'replace' } });
    expect(stack.peek()).toBeNull();
    expect(done).toEqual(['merge', 'replace']);
  });
});
