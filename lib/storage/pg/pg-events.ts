import pg from 'pg';
import type { DocumentEvent } from '@/lib/model';
import { Listeners, type EventBus, type EventListener, type Replay } from '../events';
import type { Database } from './database';

/** The NOTIFY channel of document events; the payload is `{slug, id}` of the latest event of a commit. */
export const EVENTS_CHANNEL = 'document_events';

/**
 * Events across app servers: every commit stores its events in `events` and sends a NOTIFY at commit; each process
 * holds one LISTEN connection (opened at the first subscription) and, when told, reads the events of its subscribed
 * documents after the last one it delivered, so a lost or coalesced notification loses nothing. After the listening
 * connection drops it reconnects and catches up the same way. Ids are per document and gapless.
 */
export class PgEventBus implements EventBus {
  private readonly listeners = new Listeners();
  /** Per subscribed document, the last event id delivered here, and the read in progress (reads run in order). */
  private readonly delivered = new Map<string, { last: number; reading: Promise<void> }>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryMs = 250;

  constructor(private readonly db: Database) {}

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
    void this.listen();
    return () => {
      unsubscribe();
      if (!this.listeners.has(slug)) this.delivered.delete(slug);
    };
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.db.url, connectionTimeoutMillis: 5000 });
      client.on('notification', (message) => {
        try {
          const { slug } = JSON.parse(message.payload ?? '{}') as { slug?: string };
          if (slug) this.catchUp(slug);
        } catch {
          // Not ours.
        }
      });
      client.on('error', () => this.dropped(client));
      client.on('end', () => this.dropped(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
        this.client = client;
        this.retryMs = 250;
        // Whatever happened while not listening.
        for (const slug of this.delivered.keys()) this.catchUp(slug);
      } catch (e) {
        void client.end().catch(() => undefined);
        console.error(`events: cannot listen to the database (${(e as Error).message}); retrying`);
        this.retryLater();
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (!this.closed) this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || !this.listeners.slugs().length) return;
    const timer = setTimeout(() => void this.listen(), this.retryMs);
    timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  /** Reads and delivers the document's events after the last delivered one (one read at a time per document). */
  private catchUp(slug: string): void {
    const entry = this.delivered.get(slug);
    if (!entry) return;
    entry.reading = entry.reading.then(async () => {
      if (this.delivered.get(slug) !== entry) return;
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
    this.closed = true;
    this.listeners.clear();
    this.delivered.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
