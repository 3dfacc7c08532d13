import type { ApiClient } from '@/lib/client';
import type { ReviewChange, Row } from '@/lib/model';
import { RowListeners } from './row-listeners';

type Listener = () => void;

/**
 * "Changes since my review" on the page: the rows whose English changed since the signed-in reviewer last
 * reviewed them (asked of the server, which reads the rows' history), and whether the rows list shows only those.
 * A row the reviewer sets a status on is reviewed again: its change is dropped.
 */
export class ReviewChangesState {
  private changes = new Map<string, ReviewChange>();
  private names: Record<string, string> = {};
  private loaded = false;
  private onlyChanged = false;
  private readonly listeners = new Set<Listener>();
  private readonly rowListeners = new RowListeners();

  constructor(
    private readonly slug: string,
    private readonly reviewer: string,
    private readonly client: Pick<ApiClient, 'getReviewChanges'>,
  ) {}

  /** Asks the server again; a failure leaves what was shown (the track changes are a help, not the work). */
  async load(): Promise<void> {
    try {
      const { changes, names } = await this.client.getReviewChanges(this.slug);
      const before = this.changes;
      this.changes = new Map(changes.map((c) => [c.rowId, c]));
      this.names = names;
      this.loaded = true;
      for (const id of new Set([...before.keys(), ...this.changes.keys()])) this.notifyRow(id);
      this.notify();
    } catch {
      // Shown again at the next load.
    }
  }

  /** The row's change since review, if it has one. */
  get = (rowId: string): ReviewChange | null => this.changes.get(rowId) ?? null;

  /** How many rows changed since review (null before the first answer). */
  getCount = (): number | null => (this.loaded ? this.changes.size : null);

  /** The name to show for a user name. */
  nameOf = (user: string | null): string | null => (user ? (this.names[user] ?? user) : null);

  isFiltered = (): boolean => this.onlyChanged;

  /** Shows only the rows changed since review, or every row. */
  setFiltered(on: boolean): void {
    if (on === this.onlyChanged) return;
    this.onlyChanged = on;
    this.notify();
  }

  /** A row changed on the page: a status the reviewer set on it since the change means it was reviewed. */
  rowChanged(row: Row | undefined, id: string): void {
    const change = this.changes.get(id);
    if (!change) return;
    if (!row || (row.rev > change.rev && row.updatedBy === this.reviewer)) {
      this.changes.delete(id);
      this.notifyRow(id);
      this.notify();
    }
  }

  /** Every row with a change, for sweeping after rows changed. */
  getRowIds(): string[] {
    return [...this.changes.keys()];
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeRow(rowId: string, listener: Listener): () => void {
    return this.rowListeners.add(rowId, listener);
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }

  private notifyRow(id: string): void {
    this.rowListeners.notify(id);
  }
}
