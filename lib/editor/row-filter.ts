import type { RowStatus } from '@/lib/model';
import { RowListeners } from './row-listeners';

type Listener = () => void;

/** Which rows the grid shows: any of some statuses (none chosen: all), with open notes, with QA findings. */
export interface RowFilterValue {
  statuses: readonly RowStatus[];
  openNotes: boolean;
  qa: boolean;
}

const ALL: RowFilterValue = { statuses: [], openNotes: false, qa: false };

/**
 * The grid's row filter. The conditions combine (a row must meet each one chosen); the grid hides the other rows
 * with CSS from the rows' own attributes (data-status, data-open-notes, data-qa), so filtering re-renders no row
 * and rows keep their numbers. The row being edited is never hidden under the translator's caret.
 */
export class RowFilter {
  private value: RowFilterValue = ALL;
  private readonly listeners = new Set<Listener>();

  get = (): RowFilterValue => this.value;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(change: Partial<RowFilterValue>): void {
    this.value = { ...this.value, ...change };
    this.listeners.forEach((l) => l());
  }

  toggleStatus(status: RowStatus): void {
    const has = this.value.statuses.includes(status);
    this.set({ statuses: has ? this.value.statuses.filter((s) => s !== status) : [...this.value.statuses, status] });
  }

  clear(): void {
    this.set(ALL);
  }

  /** True when some condition is chosen. */
  isActive(): boolean {
    return this.value.statuses.length > 0 || this.value.openNotes || this.value.qa;
  }

  /** The grid's attributes for the CSS that hides rows. */
  getAttributes(): Record<string, string | undefined> {
    const v = this.value;
    return {
      'data-statuses': v.statuses.length ? v.statuses.join(' ') : undefined,
      'data-open-notes': v.openNotes ? 'true' : undefined,
      'data-qa': v.qa ? 'true' : undefined,
    };
  }

  /** The same test the CSS makes, for code (how many rows are shown, which ones a bulk change takes). */
  matches(row: { status: RowStatus; openNotes: boolean; qa: boolean }): boolean {
    const v = this.value;
    return (!v.statuses.length || v.statuses.includes(row.status)) && (!v.openNotes || row.openNotes) && (!v.qa || row.qa);
  }
}

/** Rows chosen for a bulk status change, by id. */
export class RowSelection {
  private ids: ReadonlySet<string> = new Set();
  private readonly listeners = new Set<Listener>();
  private readonly rowListeners = new RowListeners();
  private on = false;

  /** True while rows show their check boxes. */
  isOn = (): boolean => this.on;
  getIds = (): ReadonlySet<string> => this.ids;
  has = (id: string): boolean => this.ids.has(id);

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeRow(id: string, listener: Listener): () => void {
    return this.rowListeners.add(id, listener);
  }

  private replace(ids: ReadonlySet<string>, on = this.on): void {
    const before = this.ids;
    const wasOn = this.on;
    this.ids = ids;
    this.on = on;
    if (wasOn !== on) this.rowListeners.notifyAll();
    else for (const id of new Set([...before, ...ids])) if (before.has(id) !== ids.has(id)) this.rowListeners.notify(id);
    this.listeners.forEach((l) => l());
  }

  /** Shows or hides the rows' check boxes; hiding them lets go of the selection. */
  setOn(on: boolean): void {
    this.replace(on ? this.ids : new Set(), on);
  }

  toggle(id: string): void {
    const next = new Set(this.ids);
    if (!next.delete(id)) next.add(id);
    this.replace(next);
  }

  /** Chooses exactly these rows. */
  choose(ids: Iterable<string>): void {
    this.replace(new Set(ids));
  }
}
