import { api, type ApiClient } from '@/lib/client';
import { getRowParagraphs, getSettableStatuses, isSameJson, isTargetEmpty, type Row, type RowStatus, type TargetDoc } from '@/lib/model';
import { ReviewChangesState } from './review-changes-state';
import type { EditorSession } from './session';
import { StatusNotices } from './status-notices';
import { UndoStack, type UndoEntry } from './undo-stack';

/**
 * What makes review trustworthy on the page, beside the editor session: the undo of replace and merge, the
 * notices of statuses that edits change, "changes since my review", and restoring a row's earlier revision.
 * Created with the session, framework-free; the page provides it to the components that need it.
 */
export interface ReviewTools {
  readonly undo: UndoStack;
  readonly notices: StatusNotices;
  /** Changes since review, for people who may approve rows (null for the others). */
  readonly changes: ReviewChangesState | null;
  /**
   * Replaces the English of rows (find and replace): only rows whose text really changes are touched, so the
   * others keep their status; the step can be undone. Answers the rows changed, in the order given.
   */
  replaceRows(changes: readonly { rowId: string; target: TargetDoc }[]): string[];
  /** Merges a row with the next one as an undoable step; false when the merge did not happen. */
  merge(rowId: string): Promise<boolean>;
  /**
   * Restores the English of revision `rev` of a row as its newest revision (after its pending edits are saved).
   * Throws the server's refusal (a conflict, no right to edit).
   */
  restore(rowId: string, rev: number): Promise<Row | null>;
  /** Follows the rows; answers its stop. */
  start(): () => void;
}

export function createReviewTools(session: EditorSession, client: ApiClient = api): ReviewTools {
  const { rows, saves, editor, actions } = session;
  const undo = new UndoStack();
  const notices = new StatusNotices();
  const settable = getSettableStatuses(session.user.role);
  const changes = settable.includes('approved') ? new ReviewChangesState(session.slug, session.user.name, client) : null;
  // The notices follow the rows' text for as long as the session lives.
  session.subscribeText(notices.textChanged);

  /** Puts a status back when the person may set it and the row can hold it (a status set is saved with the text). */
  const putStatusBack = (rowId: string, status: RowStatus) => {
    const row = rows.getRow(rowId);
    if (!row || row.status === status || !settable.includes(status)) return;
    if (status !== 'untranslated' && isTargetEmpty(row.target)) return;
    void saves.setStatus(rowId, status);
  };

  const replaceRows: ReviewTools['replaceRows'] = (list) => {
    const before = new Map<string, { target: TargetDoc; status: RowStatus }>();
    for (const { rowId, target } of list) {
      const row = rows.getRow(rowId);
      if (!row || before.has(rowId) || isSameJson(row.target, target)) continue;
      before.set(rowId, { target: row.target, status: row.status });
      actions.editing.replaceTarget(rowId, target);
    }
    const changed = [...before.keys()];
    if (changed.length) {
      undo.push({
        kind: 'replace',
        rowIds: changed,
        undo: async () => {
          for (const [rowId, was] of before) if (rows.getRow(rowId)) actions.editing.replaceTarget(rowId, was.target);
          for (const [rowId, was] of before) putStatusBack(rowId, was.status);
          await saves.flushAll();
          return changed.every((id) => !saves.isRowUnsaved(id));
        },
      });
    }
    return changed;
  };

  const merge: ReviewTools['merge'] = async (rowId) => {
    const row = rows.getRow(rowId);
    const nextId = rows.getNeighbour(rowId, 1);
    const next = nextId ? rows.getRow(nextId) : undefined;
    if (!row || !next) return false;
    const sourceCut = row.source.length;
    const targetCut = getRowParagraphs(row.target).length;
    await actions.alignment.merge(rowId);
    if (rows.getRow(next.id)) return false;
    const entry: UndoEntry = {
      kind: 'merge',
      rowIds: [row.id, next.id],
      undo: async () => {
        if (!rows.getRow(row.id)) return false;
        const parts = await actions.alignment.split(row.id, sourceCut, targetCut);
        if (!parts) return false;
        putStatusBack(parts[0].id, row.status);
        putStatusBack(parts[1].id, next.status);
        // The second part is a new row: it is the one the undo's message names.
        entry.rowIds = [parts[0].id, parts[1].id];
        return true;
      },
    };
    undo.push(entry);
    return true;
  };

  const restore: ReviewTools['restore'] = async (rowId, rev) => {
    await saves.flush(rowId);
    const row = rows.getRow(rowId);
    if (!row || saves.isRowUnsaved(rowId)) return null;
    const saved = await client.restoreRow(session.slug, rowId, { rev, baseRev: row.rev });
    rows.applySaved(saved);
    // The server has it: the text comes in as someone else's saved change would (not saved again, not undone).
    if (!isSameJson(row.target, saved.target) && !editor.applyText(rowId, saved.target, 'remote')) {
      rows.setText(rowId, saved.target, { origin: 'remote' });
    }
    await session.notes.reload();
    return saved;
  };

  const start = () => {
    void changes?.load();
    const unsubscribe = rows.subscribeAny(() => {
      notices.sweep(rows.getRow);
      if (changes) for (const id of changes.getRowIds()) changes.rowChanged(rows.getRow(id), id);
    });
    return unsubscribe;
  };

  return {
    undo,
    notices,
    changes,
    replaceRows,
    merge,
    restore,
    start,
  };
}
