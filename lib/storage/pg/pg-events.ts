import type { DocumentEvent } from '@/lib/model';
import { Listeners, type EventBus, type EventListener, type Replay } from '../events';
import type { Database } from './database';
import { PgChannel } from './pg-channel';

/**
 * The NOTIFY channel of document events. The payload is `{slug, id, events}`: the id of the latest event of a
 * commit and the commit's events, or only `{slug, id}` when the events would not fit (a NOTIFY carries at most
 * 8000 bytes).
 */
export const EVENTS_CHANNEL = 'document_events';

/** The largest payload that carries its events (under PostgreSQL's 8000-byte limit on a NOTIFY). */
export const NOTIFY_EVENTS_MAX_BYTES = 7900;

/** A commit's NOTIFY payload: with its events when they fit. */
export function notifyPayload(slug: string, id: number, events: readonly DocumentEvent[]): string {
  const full = JSON.stringify({ slug, id, events });
  return Buffer.byteLength(full) <= NOTIFY_EVENTS_MAX_BYTES ? full : JSON.stringify({ slug, id });
}

/**
 * Events across app servers: every commit stores its events in `events` and sends a NOTIFY at commit; each process
 * holds one LISTEN connection (opened at the first subscription). A notification that carries its events and
 * follows the last one delivered is delivered as it is; otherwise (too large to carry them, or a gap: a notification
 * was lost) the process reads the document's events after the last one it delivered, so nothing is lost either way.
 * After the listening connection drops it reconnects and catches up the same way. Ids are per document and gapless,
 * and notifications come in commit order, which is id order.
 */
export class PgEventBus implements EventBus {
  private readonly listeners = new Listeners();
  /** Per subscribed document, the last event id delivered here, and the read in progress (reads run in order). */
  private readonly delivered = new Map<string, { last: number; reading: Promise<void> }>();
  private readonly channel: PgChannel;

  constructor(private readonly db: Database) {
    this.channel = new PgChannel(
      db.url,
      EVENTS_CHANNEL,
      {
        notify: (payload) => this.notified(payload),
        // Whatever happened while not listening.
        connected: () => {
          for (const slug of this.delivered.keys()) this.catchUp(slug);
        },
        wanted: () => this.listeners.slugs().length > 0,
      },
      'events',
    );
  }

  /** True while the process listens to the database's notifications. */
  get listening(): boolean {
    return this.channel.listening;
  }

  private notified(payload: string): void {
    let message: { slug?: unknown; events?: unknown };
    try {
      message = JSON.parse(payload || '{}') as typeof message;
    } catch {
      return; // Not ours.
    }
    if (typeof message.slug !== 'string') return;
    const events = Array.isArray(message.events) && message.events.length ? (message.events as DocumentEvent[]) : undefined;
    this.catchUp(message.slug, events);
  }

  subscribe(slug: string, listener: EventListener): () => void {
    const unsubscribe = this.listeners.add(slug, listener);
    if (!this.delivered.has(slug)) {
      const entry = { last: -1, reading: Promise.resolve() };
      this.delivered.set(slug, entry);
      // Delivery starts after the latest event at the moment of subscribing (openStream replays what came before).
      entry.reading = this.latestId(slug).then(
        (id) => {
          if (entry.last < 0) entry.last = id;
        },
        () => {
          if (entry.last < 0) entry.last = 0;
        },
      );
    }
    void this.channel.open();
    return () => {
      unsubscribe();
      if (!this.listeners.has(slug)) this.delivered.delete(slug);
    };
  }

  /**
   * Delivers the document's events after the last delivered one, in order (one step at a time per document): the
   * `carried` events of a notification when they start at or before the next id, else those read from the table.
   */
  private catchUp(slug: string, carried?: readonly DocumentEvent[]): void {
    const entry = this.delivered.get(slug);
    if (!entry) return;
    entry.reading = entry.reading.then(async () => {
      if (this.delivered.get(slug) !== entry) return;
      if (carried && entry.last >= 0 && carried[0]!.id <= entry.last + 1) {
        const next = carried.filter((event) => event.id > entry.last);
        if (next.every((event, i) => event.id === entry.last + 1 + i)) {
          for (const event of next) {
            entry.last = event.id;
            this.listeners.emit(event);
          }
          return;
        }
      }
      try {
        const replay = await this.since(slug, entry.last);
        if ('tooOld' in replay) {
          entry.last = replay.latestId;
          return;
        }
        for (const event of replay.events) {
          entry.last = event.id;
          this.listeners.emit(event);
        }
      } catch (e) {
        console.error(`events: cannot read the events of ${slug} (${(e as Error).message})`);
      }
    });
  }

  async since(slug: string, lastEventId: number): Promise<Replay> {
    const { rows } = await this.db.query<{ latest: string; oldest: string | null; events: string | null }>(
      `SELECT d.event_seq AS latest,
              (SELECT min(e.seq) FROM events e WHERE e.document_id = d.id) AS oldest,
              (SELECT json_agg(e.data ORDER BY e.seq)::text FROM events e WHERE e.document_id = d.id AND e.seq > $2) AS events
         FROM documents d WHERE d.slug = $1`,
      [slug, Number.isSafeInteger(lastEventId) ? lastEventId : -1],
    );
    const found = rows[0];
    if (!found) return { tooOld: true, latestId: 0 };
    const latestId = Number(found.latest);
    const oldest = found.oldest === null ? latestId + 1 : Number(found.oldest);
    if (!Number.isSafeInteger(lastEventId) || lastEventId < 0 || lastEventId > latestId || lastEventId < oldest - 1) return { tooOld: true, latestId };
    return { events: JSON.parse(found.events ?? '[]') as DocumentEvent[] };
  }

  async latestId(slug: string): Promise<number> {
    const { rows } = await this.db.query<{ event_seq: string }>('SELECT event_seq FROM documents WHERE slug = $1', [slug]);
    return Number(rows[0]?.event_seq ?? 0);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.delivered.clear();
    await this.channel.close();
  }
}
