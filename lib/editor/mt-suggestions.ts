import { toApiError, type ApiClient, type ApiError, type MtStatus, type MtSuggestion } from '@/lib/client';

/** The machine translation of the active row, as the panel shows it. */
export type SuggestionView =
  | { rowId: string; state: 'loading' }
  | { rowId: string; state: 'ready'; suggestion: MtSuggestion }
  | { rowId: string; state: 'error'; error: ApiError };

type Listener = () => void;

/**
 * Machine translation in the editor: whether a provider is configured here (asked once, `GET /api/mt`; until it
 * answers, and when it says none, every MT part of the page stays hidden), and the suggestion for the active row,
 * asked for when a row becomes active with the previous request cancelled, as the memory's matches are. A failed
 * suggestion is a view of its own: it never touches the row's text or its saving.
 */
export class MtSuggestions {
  private status: MtStatus | null = null;
  private view: SuggestionView | null = null;
  private controller: AbortController | null = null;
  private statusRequest: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly slug: string,
    private readonly client: Pick<ApiClient, 'getRowMtSuggestion' | 'getMtStatus'>,
  ) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    this.listeners.forEach((l) => l());
  }

  /** The provider and model that translate here, or null when there is none (or it is not known yet). */
  getProvider = (): { provider: string; model: string | null } | null =>
    this.status?.provider ? { provider: this.status.provider, model: this.status.model } : null;

  /** True once the server said a provider is configured. */
  isEnabled = (): boolean => this.getProvider() !== null;

  /** Asks the server once whether a provider is configured; a failure counts as none. */
  loadStatus(): Promise<void> {
    this.statusRequest ??= this.client.getMtStatus().then(
      (status) => {
        this.status = status;
        this.notify();
      },
      () => {
        this.status = { provider: null, model: null, problem: null };
        this.notify();
      },
    );
    return this.statusRequest;
  }

  /** What the panel of `rowId` shows, or null when no suggestion was asked for that row. */
  get = (rowId: string): SuggestionView | null => (this.view?.rowId === rowId ? this.view : null);

  /** The row's suggestion, once it arrived. */
  getSuggestion(rowId: string): MtSuggestion | null {
    const view = this.get(rowId);
    return view?.state === 'ready' ? view.suggestion : null;
  }

  private set(view: SuggestionView | null): void {
    this.view = view;
    this.notify();
  }

  /** Asks for a row's machine translation (null: no row is active); nothing when no provider is configured. */
  async load(rowId: string | null): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    if (!rowId) return this.set(null);
    await this.loadStatus();
    if (controller.signal.aborted) return;
    if (!this.isEnabled()) return this.set(null);
    this.set({ rowId, state: 'loading' });
    try {
      const suggestion = await this.client.getRowMtSuggestion(this.slug, rowId, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.set({ rowId, state: 'ready', suggestion });
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
