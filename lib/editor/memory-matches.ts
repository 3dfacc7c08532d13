import { toApiError, type ApiClient, type ApiError } from '@/lib/client';
import type { MemoryMatch } from '@/lib/model';

/** The translation memory's answer for the active row, as the panel shows it. */
export type MatchesView =
  | { rowId: string; state: 'loading' }
  | { rowId: string; state: 'ready'; matches: MemoryMatch[] }
  | { rowId: string; state: 'error'; error: ApiError };

type Listener = () => void;

/**
 * The memory matches of the active row: fetched when a row becomes active (the previous request is cancelled,
 * so moving quickly through rows asks only for where the caret stops), and fetched again each time, because
 * the memory grows as rows are finished. Keys and the panel read from here, so Ctrl+1 inserts what is shown.
 */
export class MemoryMatches {
  private view: MatchesView | null = null;
  private controller: AbortController | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly slug: string,
    private readonly client: Pick<ApiClient, 'getMemoryMatches'>,
  ) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** What the panel of `rowId` shows, or null when the memory was not asked about that row. */
  get(rowId: string): MatchesView | null {
    return this.view?.rowId === rowId ? this.view : null;
  }

  /** The match number `index` of the row, once loaded. */
  getMatch(rowId: string, index: number): MemoryMatch | null {
    const view = this.get(rowId);
    return view?.state === 'ready' ? (view.matches[index] ?? null) : null;
  }

  private set(view: MatchesView | null): void {
    this.view = view;
    this.listeners.forEach((l) => l());
  }

  /** Asks the memory about a row (null: no row is active). */
  async load(rowId: string | null): Promise<void> {
    this.controller?.abort();
    this.controller = null;
    if (!rowId) return this.set(null);
    const controller = new AbortController();
    this.controller = controller;
    this.set({ rowId, state: 'loading' });
    try {
      const { matches } = await this.client.getMemoryMatches({ slug: this.slug, rowId }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.set({ rowId, state: 'ready', matches });
    } catch (e) {
      if (controller.signal.aborted) return;
      this.set({ rowId, state: 'error', error: toApiError(e) });
    }
  }

  /** Cancels a request in flight (the page is going away). */
  destroy(): void {
    this.controller?.abort();
    this.controller = null;
  }
}
