type Listener = () => void;

/** One change of several rows (a replace, a merge) that can be taken back as one step. */
export interface UndoEntry {
  kind: 'replace' | 'merge';
  /** The rows it changed, in document order. */
  rowIds: string[];
  /** Takes the change back; false when it could not be (the rows changed since, the server refused). */
  undo(): Promise<boolean>;
}

/**
 * The page's undo for changes made outside a row's own editor: replace (one and all) and merge. Typing has its
 * own undo in each row; this holds the steps that span rows or happen on the server. Newest first; an entry is
 * taken off when it is undone, whether or not that worked (a failed undo says so, and is not tried twice).
 */
export class UndoStack {
  private entries: UndoEntry[] = [];
  private busy = false;
  private readonly listeners = new Set<Listener>();

  /** Keeps a step that can be undone. */
  push(entry: UndoEntry): void {
    this.entries = [entry, ...this.entries].slice(0, 50);
    this.notify();
  }

  /** The step an undo would take back, if any. */
  peek = (): UndoEntry | null => this.entries[0] ?? null;

  /** True while an undo is running. */
  isBusy = (): boolean => this.busy;

  /** Undoes the newest step; null when there was nothing to undo. */
  async undo(): Promise<{ entry: UndoEntry; ok: boolean } | null> {
    const entry = this.entries[0];
    if (!entry || this.busy) return null;
    this.entries = this.entries.slice(1);
    this.busy = true;
    this.notify();
    try {
      return { entry, ok: await entry.undo() };
    } catch {
      return { entry, ok: false };
    } finally {
      this.busy = false;
      this.notify();
    }
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}
