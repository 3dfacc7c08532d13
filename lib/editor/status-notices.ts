import { getStatusAfterEdit, type Row, type RowStatus } from '@/lib/model';
import type { TextChange } from './document-state';
import { RowListeners } from './row-listeners';

type Listener = () => void;

/** A row whose status an edit changed: from what, to what. */
export interface StatusNotice {
  rowId: string;
  from: RowStatus;
  to: RowStatus;
  /** The row's revision when the edit was made: a status set after the save's answer ends the notice. */
  rev: number;
}

/**
 * "Every edit that changes a status says so where the translator looks": an edit of a translated or approved
 * row's English sends it back to draft (lib/model/status.ts), and the row says so beside its editor until the row
 * is confirmed again or the page is left. Follows the rows' text changes; someone else's changes are theirs.
 */
export class StatusNotices {
  private readonly notices = new Map<string, StatusNotice>();
  private readonly rowListeners = new RowListeners();

  /** Follows one text change (the session's subscribeText). */
  textChanged = (change: TextChange): void => {
    if (change.origin === 'remote') return;
    const from = this.notices.get(change.rowId)?.from ?? change.previous.status;
    if (from !== 'translated' && from !== 'approved') return;
    const to = getStatusAfterEdit(from, change.target);
    if (to === from) return;
    const was = this.notices.get(change.rowId);
    if (was?.to === to) return;
    this.notices.set(change.rowId, { rowId: change.rowId, from, to, rev: was?.rev ?? change.previous.rev });
    this.notify(change.rowId);
  };

  /**
   * Rows whose status was set again after the edit's save (confirmed, approved…) lose their notice: it has done
   * its job. Called when rows change.
   */
  sweep(getRow: (id: string) => Row | undefined): void {
    for (const [id, notice] of this.notices) {
      const row = getRow(id);
      if (!row || (row.rev > notice.rev && row.status !== notice.to)) {
        this.notices.delete(id);
        this.notify(id);
      }
    }
  }

  get = (rowId: string): StatusNotice | null => this.notices.get(rowId) ?? null;

  subscribeRow(rowId: string, listener: Listener): () => void {
    return this.rowListeners.add(rowId, listener);
  }

  private notify(rowId: string): void {
    this.rowListeners.notify(rowId);
  }
}
