import type { DocumentEvent, DocumentEventBody } from '@/lib/model';
import { SlugListeners } from './slug-listeners';

/** What `since` answers: the events after the id asked for, or that they are no longer all kept. */
export type Replay = { events: DocumentEvent[] } | { tooOld: true; latestId: number };

/** A listener of a document's events, called once per event in id order. */
export type EventListener = (event: DocumentEvent) => void;

/**
 * The events of every document, as the stores commit them (see lib/model/events.ts for their shapes). Ids grow
 * along each document's stream. A reader subscribes, and on reconnecting asks `since(lastEventId)` for what it
 * missed: when those events are no longer kept (or the id is not one this bus gave), it gets `tooOld` and
 * refetches the document instead.
 */
export interface EventBus {
  /** Calls `listener` for each later event of the document; returns the unsubscribe function. */
  subscribe(slug: string, listener: EventListener): () => void;
  /** The events of the document after `lastEventId`, oldest first, or `tooOld`. */
  since(slug: string, lastEventId: number): Promise<Replay>;
  /** The id of the document's latest event (0 when it has none): where a fresh reader starts. */
  latestId(slug: string): Promise<number>;
  /** Stops listening (the PostgreSQL bus's connection); subscriptions end. */
  close(): Promise<void>;
}

/**
 * Subscribes and replays without a gap or a duplicate: events that arrive while the missed ones are read are held
 * back, then delivered after them, each id once. `onReplay` gets `tooOld` when the reader must refetch (live events
 * keep flowing to `listener` from then on). For the SSE route: `Last-Event-ID` in, events out.
 */
export async function openStream(
  bus: EventBus,
  slug: string,
  lastEventId: number | null,
  listener: EventListener,
  onReplay: (replay: { tooOld: boolean; latestId: number }) => void = () => {},
): Promise<() => void> {
  let held: DocumentEvent[] | null = [];
  let last = lastEventId ?? 0;
  const deliver = (event: DocumentEvent) => {
    if (event.id <= last) return;
    last = event.id;
    listener(event);
  };
  const unsubscribe = bus.subscribe(slug, (event) => (held ? held.push(event) : deliver(event)));
  try {
    if (lastEventId === null) {
      last = await bus.latestId(slug);
      onReplay({ tooOld: false, latestId: last });
    } else {
      const replay = await bus.since(slug, lastEventId);
      if ('tooOld' in replay) {
        last = replay.latestId;
        onReplay({ tooOld: true, latestId: replay.latestId });
      } else {
        for (const event of replay.events) deliver(event);
        onReplay({ tooOld: false, latestId: last });
      }
    }
  } catch (e) {
    unsubscribe();
    throw e;
  }
  const waiting = held;
  held = null;
  for (const event of waiting) deliver(event);
  return unsubscribe;
}

/** Listeners per document, shared by both buses; a listener that throws does not stop the others. */
export class Listeners extends SlugListeners<DocumentEvent> {
  constructor() {
    super('event');
  }

  emit(event: DocumentEvent): void {
    this.emitTo(event.slug, event);
  }
}

/**
 * The bus of one process (the file store): events in a ring buffer of the last `capacity` events of all documents.
 * Ids start from the process's start time in microseconds, so they keep growing across restarts and an id from
 * before a restart is recognised as too old.
 */
export class MemoryEventBus implements EventBus {
  private readonly ring: (DocumentEvent | undefined)[];
  private next = 0;
  private count = 0;
  private lastId: number;
  private readonly firstId: number;
  private readonly latest = new Map<string, number>();
  private readonly listeners = new Listeners();

  constructor(
    private readonly capacity = 5000,
    startId = Date.now() * 1000,
  ) {
    this.ring = new Array<DocumentEvent | undefined>(capacity);
    this.firstId = startId + 1;
    this.lastId = startId;
  }

  /** Gives the events their ids, keeps them and delivers them. */
  publish(slug: string, meta: { at: string; by: string | null }, bodies: readonly DocumentEventBody[]): DocumentEvent[] {
    const out: DocumentEvent[] = [];
    for (const body of bodies) {
      const event = { ...body, id: ++this.lastId, slug, at: meta.at, by: meta.by } as DocumentEvent;
      this.ring[this.next] = event;
      this.next = (this.next + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
      this.latest.set(slug, event.id);
      out.push(event);
    }
    for (const event of out) this.listeners.emit(event);
    return out;
  }

  subscribe(slug: string, listener: EventListener): () => void {
    return this.listeners.add(slug, listener);
  }

  /** The oldest event id still kept (the next one to come when none is). */
  private oldestKept(): number {
    if (!this.count) return this.lastId + 1;
    return this.ring[(this.next - this.count + this.capacity) % this.capacity]!.id;
  }

  async since(slug: string, lastEventId: number): Promise<Replay> {
    const latestId = this.latest.get(slug) ?? this.lastId;
    // An id this bus never gave (before this process started, or from the future), or older than what is kept.
    if (!Number.isSafeInteger(lastEventId) || lastEventId > this.lastId || lastEventId < this.firstId - 1 || lastEventId < this.oldestKept() - 1) {
      return { tooOld: true, latestId };
    }
    const events: DocumentEvent[] = [];
    for (let i = 0; i < this.count; i++) {
      const event = this.ring[(this.next - this.count + i + this.capacity) % this.capacity]!;
      if (event.slug === slug && event.id > lastEventId) events.push(event);
    }
    return { events };
  }

  async latestId(slug: string): Promise<number> {
    // A document with no event yet in this process starts from the bus's position, which `since` accepts.
    return this.latest.get(slug) ?? this.lastId;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
