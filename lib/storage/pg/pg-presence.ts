import { PRESENCE_SWEEP_MS, PRESENCE_TTL_MS, PresenceListeners, type PresenceEntry, type PresenceHub, type PresenceListener } from '../presence';
import type { Database } from './database';
import { PgChannel } from './pg-channel';

/** The NOTIFY channel of presence changes; the payload is the document's slug. */
export const PRESENCE_CHANNEL = 'document_presence';

/**
 * Presence across app servers: entries in the `presence` table (unlogged: nothing in it needs to survive a crash),
 * a NOTIFY naming the document on every change, and on each server one LISTEN connection that rereads the list of
 * a document it has readers of. Expired entries are deleted by whichever server sweeps first, with a NOTIFY too.
 */
export class PgPresenceHub implements PresenceHub {
  private readonly listeners = new PresenceListeners();
  private readonly channel: PgChannel;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly db: Database) {
    this.channel = new PgChannel(
      db.url,
      PRESENCE_CHANNEL,
      {
        notify: (slug) => this.refresh(slug),
        connected: () => {
          for (const slug of this.listeners.slugs()) this.refresh(slug);
        },
        wanted: () => this.listeners.slugs().length > 0,
      },
      'presence',
    );
    this.timer = setInterval(() => void this.sweep(), PRESENCE_SWEEP_MS);
    this.timer.unref?.();
  }

  private async sweep(): Promise<void> {
    if (!this.listeners.slugs().length) return;
    try {
      await this.db.query(
        `WITH gone AS (DELETE FROM presence WHERE expires_at <= now() RETURNING slug)
         SELECT pg_notify($1, slug) FROM (SELECT DISTINCT slug FROM gone) s`,
        [PRESENCE_CHANNEL],
      );
    } catch (e) {
      console.error(`presence: cannot sweep (${(e as Error).message})`);
    }
  }

  async set(slug: string, entry: { client: string; user: string; rowId: string | null }, ttlMs = PRESENCE_TTL_MS): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `WITH up AS (
         INSERT INTO presence (slug, client, user_name, row_id, joined_at, at, expires_at)
         VALUES ($1, $2, $3, $4, now(), now(), now() + $5 * interval '1 millisecond')
         ON CONFLICT (slug, client) DO UPDATE SET
           row_id = EXCLUDED.row_id,
           at = now(),
           joined_at = CASE WHEN presence.expires_at <= now() THEN now() ELSE presence.joined_at END,
           expires_at = EXCLUDED.expires_at
         WHERE presence.user_name = EXCLUDED.user_name
         RETURNING 1)
       SELECT pg_notify($6, $1) FROM up`,
      [slug, entry.client, entry.user, entry.rowId, ttlMs, PRESENCE_CHANNEL],
    );
    return (rowCount ?? 0) > 0;
  }

  async touch(slug: string, clients: readonly string[], ttlMs = PRESENCE_TTL_MS): Promise<void> {
    if (!clients.length) return;
    await this.db.query(
      `UPDATE presence SET expires_at = now() + $3 * interval '1 millisecond' WHERE slug = $1 AND client = ANY($2) AND expires_at > now()`,
      [slug, clients, ttlMs],
    );
  }

  async remove(slug: string, client: string, user: string): Promise<void> {
    await this.db.query(
      `WITH gone AS (DELETE FROM presence WHERE slug = $1 AND client = $2 AND user_name = $3 RETURNING 1)
       SELECT pg_notify($4, $1) FROM gone`,
      [slug, client, user, PRESENCE_CHANNEL],
    );
  }

  async list(slug: string): Promise<PresenceEntry[]> {
    const { rows } = await this.db.query<{ client: string; user_name: string; row_id: string | null; at: Date }>(
      `SELECT client, user_name, row_id, at FROM presence WHERE slug = $1 AND expires_at > now() ORDER BY joined_at, client`,
      [slug],
    );
    return rows.map((r) => ({ client: r.client, user: r.user_name, rowId: r.row_id, at: new Date(r.at).toISOString() }));
  }

  subscribe(slug: string, listener: PresenceListener): () => void {
    const unsubscribe = this.listeners.add(slug, listener);
    void this.channel.open();
    return unsubscribe;
  }

  private refresh(slug: string): void {
    if (!this.listeners.has(slug)) return;
    this.list(slug).then(
      (entries) => this.listeners.emit(slug, entries),
      (e: unknown) => console.error(`presence: cannot read ${slug} (${(e as Error).message})`),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.listeners.clear();
    await this.channel.close();
  }
}
