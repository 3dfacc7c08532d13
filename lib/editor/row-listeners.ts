/**
 * Listeners per row, for the editor's states that a row's view subscribes to (its text, save state, notes,
 * findings, live marks…): each row re-renders only when its own part changes. A row with no listener left is
 * forgotten, so a long session of rows scrolled past does not keep their empty sets.
 */
export class RowListeners {
  private readonly byRow = new Map<string, Set<() => void>>();

  add(rowId: string, listener: () => void): () => void {
    let set = this.byRow.get(rowId);
    if (!set) this.byRow.set(rowId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.byRow.get(rowId) === set) this.byRow.delete(rowId);
    };
  }

  /** Tells one row's listeners. */
  notify(rowId: string): void {
    this.byRow.get(rowId)?.forEach((l) => l());
  }

  /** Tells every row's listeners (a change that may touch any row). */
  notifyAll(): void {
    this.byRow.forEach((set) => set.forEach((l) => l()));
  }
}
