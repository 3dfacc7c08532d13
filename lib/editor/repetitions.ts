import type { ApiClient } from '@/lib/client';
import { findRepetitionGroups, getRepetitionKey, getRepetitionsToFill, isDoneStatus, type Row, type RowStatus, type SourceBlock } from '@/lib/model';
import type { DocumentState } from './document-state';
import { whenIdle } from './idle-slices';

type Listener = () => void;

/** Milliseconds of folding per slice before the page gets a turn. */
const SLICE_MS = 8;

/**
 * Repetitions in the open document: rows whose Arabic is the same once folded (lib/model/repetitions.ts), and the
 * offer to fill the untranslated others when this person confirms one of them. Groups are found once the page is
 * up (folding every row's Arabic is kept off the first render) and again only when rows are split or merged (the
 * original changes nowhere else); a confirmation is noticed from the saved statuses of grouped rows only, so a
 * save elsewhere costs nothing.
 */
export class Repetitions {
  private groups: Map<string, readonly string[]> | null = null;
  private readonly statuses = new Map<string, RowStatus>();
  private readonly prompts = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly unsubscribe: (() => void)[] = [];
  private cancel: (() => void) | null = null;
  /** Each original's key, by its blocks (which stay the same object while the row's translation changes). */
  private readonly keys = new WeakMap<readonly SourceBlock[], string>();

  constructor(
    private readonly slug: string,
    private readonly rows: DocumentState,
    private readonly user: string,
    private readonly client: Pick<ApiClient, 'fillRepetitions'>,
    /** Where the filled rows go: the session applies them as the server's. */
    private readonly apply: (rows: Row[]) => void,
  ) {}

  /**
   * Finds the groups once the page is up, folding the originals a few milliseconds at a time in idle moments (a
   * 20,000-row document never holds the page), then follows saved statuses and changes of the row list.
   */
  start(): void {
    this.stop();
    const order = this.rows.getRows();
    let next = 0;
    const slice = () => {
      this.cancel = null;
      const until = performance.now() + SLICE_MS;
      while (next < order.length && (next % 50 !== 0 || performance.now() < until)) this.keyOf(order[next++]!);
      if (next < order.length) {
        this.cancel = whenIdle(slice);
        return;
      }
      this.regroup();
      this.unsubscribe.push(
        this.rows.subscribeList(() => this.regroup()),
        this.rows.subscribeAny(() => this.check()),
      );
    };
    this.cancel = whenIdle(slice);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.unsubscribe.splice(0).forEach((u) => u());
  }

  private keyOf = (row: Row): string => {
    let key = this.keys.get(row.source);
    if (key === undefined) this.keys.set(row.source, (key = getRepetitionKey(row)));
    return key;
  };

  private regroup(): void {
    const before = this.groups;
    this.groups = null;
    this.remember();
    for (const id of new Set([...(before?.keys() ?? []), ...this.getGroups().keys()])) this.notify(id);
  }

  subscribeRow(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private notify(id: string): void {
    this.listeners.get(id)?.forEach((l) => l());
  }

  private getGroups(): Map<string, readonly string[]> {
    if (!this.groups) {
      this.groups = new Map();
      for (const group of findRepetitionGroups(this.rows.getRows(), this.keyOf)) for (const id of group.rowIds) this.groups.set(id, group.rowIds);
    }
    return this.groups;
  }

  /**
   * The rows that repeat this row's original, itself included, in document order; null when it is not repeated
   * (or the groups are not found yet: subscribeRow tells when they are).
   */
  getGroup = (rowId: string): readonly string[] | null => this.groups?.get(rowId) ?? null;

  private remember(): void {
    for (const id of this.getGroups().keys()) {
      const row = this.rows.getRow(id);
      if (row) this.statuses.set(id, row.status);
    }
  }

  /** A grouped row this person just confirmed, with repetitions left to fill, gets the offer. */
  private check(): void {
    for (const id of this.getGroups().keys()) {
      const row = this.rows.getRow(id);
      if (!row) continue;
      const before = this.statuses.get(id);
      this.statuses.set(id, row.status);
      if (before === row.status || !isDoneStatus(row.status) || (before && isDoneStatus(before))) continue;
      if (row.updatedBy !== this.user) continue;
      const count = getRepetitionsToFill(this.rows.getRows(), id).length;
      if (count > 0) {
        this.prompts.set(id, count);
        this.notify(id);
      }
    }
  }

  /** How many repetitions the offer on this row would fill (0: no offer). */
  getPrompt = (rowId: string): number => this.prompts.get(rowId) ?? 0;

  /** Turns the offer down. */
  dismiss(rowId: string): void {
    if (!this.prompts.delete(rowId)) return;
    this.notify(rowId);
  }

  /** Fills the row's untranslated repetitions with its translation, as drafts; answers how many were filled. */
  async fill(rowId: string): Promise<number> {
    const { filled } = await this.client.fillRepetitions(this.slug, rowId);
    this.dismiss(rowId);
    this.apply(filled);
    return filled.length;
  }
}
