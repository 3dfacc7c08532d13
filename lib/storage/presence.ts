import { SlugListeners } from './slug-listeners';

/**
 * Presence: who has a document open, and the row each of them is in. One entry per open editor page (`client`, an
 * id the page makes), so one person with two tabs is two entries; readers group them by person. Entries expire
 * unless refreshed (the events stream refreshes its page's entry with each heartbeat), so a server that died
 * leaves nobody behind for long.
 */

/** One open editor page. */
export interface PresenceEntry {
  client: string;
  user: string;
  /** The row the person is in, or null when none is active. */
  rowId: string | null;
  /** When the entry was last set (ISO). */
  at: string;
}

/** A listener of a document's presence: the whole current list each time it changes. */
export type PresenceListener = (entries: PresenceEntry[]) => void;

export interface PresenceHub {
  /**
   * Sets a page's entry (or refreshes it) for `ttlMs`. An entry of that client that belongs to someone else is
   * left alone: answers false then.
   */
  set(slug: string, entry: { client: string; user: string; rowId: string | null }, ttlMs?: number): Promise<boolean>;
  /** Refreshes the expiry of entries still open here, without telling anyone (nothing changed). */
  touch(slug: string, clients: readonly string[], ttlMs?: number): Promise<void>;
  /** Removes a page's entry (its stream closed). */
  remove(slug: string, client: string, user: string): Promise<void>;
  /** The live entries of a document, oldest first. */
  list(slug: string): Promise<PresenceEntry[]>;
  /** Calls `listener` with the document's list whenever it changes (here or on another app server). */
  subscribe(slug: string, listener: PresenceListener): () => void;
  close(): Promise<void>;
}

/** An entry lives this long after it was last set or touched. */
export const PRESENCE_TTL_MS = 45_000;

/** How often expired entries are looked for. */
export const PRESENCE_SWEEP_MS = 10_000;

/** Listeners per document (both hubs). */
export class PresenceListeners extends SlugListeners<PresenceEntry[]> {
  constructor() {
    super('presence');
  }

  emit(slug: string, entries: PresenceEntry[]): void {
    this.emitTo(slug, entries);
  }
}

/** The presence of one process (the file store). */
export class MemoryPresenceHub implements PresenceHub {
  private readonly bySlug = new Map<string, Map<string, PresenceEntry & { expires: number }>>();
  private readonly listeners = new PresenceListeners();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly clock: () => number = Date.now,
    sweepMs = PRESENCE_SWEEP_MS,
  ) {
    this.timer = setInterval(() => this.sweep(), sweepMs);
    this.timer.unref?.();
  }

  /** Drops expired entries and tells the documents that lost someone. */
  sweep(): void {
    const now = this.clock();
    for (const [slug, entries] of this.bySlug) {
      let changed = false;
      for (const [client, entry] of entries) {
        if (entry.expires <= now) {
          entries.delete(client);
          changed = true;
        }
      }
      if (!entries.size) this.bySlug.delete(slug);
      if (changed) this.listeners.emit(slug, this.current(slug));
    }
  }

  private current(slug: string): PresenceEntry[] {
    const now = this.clock();
    return [...(this.bySlug.get(slug)?.values() ?? [])]
      .filter((e) => e.expires > now)
      .map(({ client, user, rowId, at }) => ({ client, user, rowId, at }));
  }

  async set(slug: string, entry: { client: string; user: string; rowId: string | null }, ttlMs = PRESENCE_TTL_MS): Promise<boolean> {
    let entries = this.bySlug.get(slug);
    if (!entries) this.bySlug.set(slug, (entries = new Map()));
    const existing = entries.get(entry.client);
    if (existing && existing.user !== entry.user) return false;
    const now = this.clock();
    const changed = !existing || existing.rowId !== entry.rowId || existing.expires <= now;
    entries.set(entry.client, { ...entry, at: changed || !existing ? new Date(now).toISOString() : existing.at, expires: now + ttlMs });
    if (changed) this.listeners.emit(slug, this.current(slug));
    return true;
  }

  async touch(slug: string, clients: readonly string[], ttlMs = PRESENCE_TTL_MS): Promise<void> {
    const entries = this.bySlug.get(slug);
    const now = this.clock();
    for (const client of clients) {
      const entry = entries?.get(client);
      if (entry && entry.expires > now) entry.expires = now + ttlMs;
    }
  }

  async remove(slug: string, client: string, user: string): Promise<void> {
    const entries = this.bySlug.get(slug);
    if (entries?.get(client)?.user !== user) return;
    entries.delete(client);
    if (!entries.size) this.bySlug.delete(slug);
    this.listeners.emit(slug, this.current(slug));
  }

  async list(slug: string): Promise<PresenceEntry[]> {
    return this.current(slug);
  }

  subscribe(slug: string, listener: PresenceListener): () => void {
    return this.listeners.add(slug, listener);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.listeners.clear();
    this.bySlug.clear();
  }
}
