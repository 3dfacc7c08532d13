import { clientIdSchema, ModelError, type DocumentEvent } from '@/lib/model';
import { getDocumentStore, getEventBus, getPresenceHub, openStream, type EventBus, type PresenceEntry, type PresenceHub } from '@/lib/storage';

/**
 * A document's live stream as Server-Sent Events (`GET /api/documents/:slug/events`).
 *
 * Wire format (each message ends with a blank line):
 * - `retry: 2000` once, first: how long a browser waits before reconnecting.
 * - document events: `id: <n>` and `data: <DocumentEvent as JSON>` (the default `message` event; `type` inside
 *   says which, see lib/model/events.ts), in id order, each id once.
 * - `event: ready` `id: <n>` `data: {"latestId": n}`: the stream is live and everything up to n was delivered.
 * - `event: reset` `id: <n>` `data: {"latestId": n}`: the events after the reader's Last-Event-ID are no longer
 *   kept; it refetches the document (rows carry their revisions) and goes on from n.
 * - `event: presence` `id: <n>` `data: {"people": [{client, user, rowId, at}]}`: everyone on the document now,
 *   sent at once and after every change; the id is the last document event's, so presence never moves the
 *   reader's Last-Event-ID.
 * - `event: bye` `data: {"reason": "too-many-connections"}`: the server closed this stream for a newer one of the
 *   same person; the reader must not reconnect on its own.
 * - `: ping` comment lines every 15 s, so proxies keep the connection open.
 */

export const LIVE_LIMITS = {
  /** Heartbeat (and presence refresh, and the check that the reader may still read) period. */
  heartbeatMs: 15_000,
  /** Open streams per person per app server; the oldest is closed for a new one. */
  maxStreamsPerUser: 8,
  /** Bytes waiting for a reader that does not read; beyond this the stream is dropped (it reconnects and replays). */
  maxQueuedBytes: 1024 * 1024,
  /** The browser's wait before reconnecting. */
  retryMs: 2000,
};

export interface LiveReader {
  name: string;
}

export interface OpenEventsOptions {
  slug: string;
  user: LiveReader;
  /** Last-Event-ID (header or `lastEventId` query), or null for a fresh reader. */
  lastEventId: number | null;
  /** The editor page's id, for its presence entry; null for a reader that is not an editor page. */
  client: string | null;
  /** Asked with every heartbeat: false when the reader may no longer read (removed, signed out); the stream ends. */
  mayStillRead?: () => Promise<boolean>;
  /** The request's signal: the stream ends when the reader goes. */
  signal?: AbortSignal;
  bus?: EventBus;
  presence?: PresenceHub;
  /** Whether the document exists; the document store by default. */
  exists?: (slug: string) => Promise<boolean>;
  limits?: Partial<typeof LIVE_LIMITS>;
}

/** The stream's queue mark: desiredSize is this minus the bytes queued. */
const QUEUE_MARK = 64 * 1024;

interface OpenStream {
  user: string;
  close: (bye?: string) => void;
}

/** Open streams of this process, oldest first, per person. */
const globalStreams = globalThis as unknown as { __liveStreams?: Map<string, OpenStream[]> };
function streamsOf(user: string): OpenStream[] {
  const all = (globalStreams.__liveStreams ??= new Map());
  let list = all.get(user);
  if (!list) all.set(user, (list = []));
  return list;
}
function forget(stream: OpenStream): void {
  const all = globalStreams.__liveStreams;
  const list = all?.get(stream.user);
  if (!list) return;
  const at = list.indexOf(stream);
  if (at >= 0) list.splice(at, 1);
  if (!list.length) all!.delete(stream.user);
}

/** The number of streams a person has open on this server (tests, the limit). */
export function countOpenStreams(user: string): number {
  return globalStreams.__liveStreams?.get(user)?.length ?? 0;
}

/** One SSE message. Data is JSON on one line, so no line of it can end the message early. */
export function formatMessage(message: { id?: number; event?: string; data?: unknown; retry?: number; comment?: string }): string {
  let out = '';
  if (message.comment !== undefined) out += `: ${message.comment}\n`;
  if (message.retry !== undefined) out += `retry: ${message.retry}\n`;
  if (message.event) out += `event: ${message.event}\n`;
  if (message.id !== undefined) out += `id: ${message.id}\n`;
  if (message.data !== undefined) out += `data: ${JSON.stringify(message.data)}\n`;
  return `${out}\n`;
}

/** A Last-Event-ID as given: a non-negative integer, or null (fresh); anything else is refused. */
export function parseLastEventId(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 0) throw new ModelError('invalid', `"${value.slice(0, 40)}" is not a valid Last-Event-ID (a whole number)`);
  return n;
}

/** An editor page's id (`client` query), or null when none is given. */
export function parseClientId(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!clientIdSchema.safeParse(value).success) throw new ModelError('invalid', 'the client id must be 8 to 40 of a-z, 0-9 and -');
  return value;
}

function presenceData(entries: readonly PresenceEntry[]) {
  return { people: entries.map(({ client, user, rowId, at }) => ({ client, user, rowId, at })) };
}

/**
 * Opens a reader's stream of a document: replays what it missed (or tells it to reset), then delivers events and
 * presence as they come. 404 when there is no such document. The caller has checked that the reader may read it.
 */
export async function openDocumentEvents(options: OpenEventsOptions): Promise<ReadableStream<Uint8Array>> {
  const { slug, user, client } = options;
  const limits = { ...LIVE_LIMITS, ...options.limits };
  const bus = options.bus ?? getEventBus();
  const presence = options.presence ?? getPresenceHub();
  const exists = options.exists ?? ((s: string) => getDocumentStore().has(s));
  if (!(await exists(slug))) throw new ModelError('not-found', `no document "${slug}"`);

  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let lastId = 0;
  const cleanups: (() => void)[] = [];
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      cancel: () => close(),
    },
    // Counted in bytes: what the reader has not taken yet.
    { highWaterMark: QUEUE_MARK, size: (chunk) => chunk.byteLength },
  );

  const send = (message: Parameters<typeof formatMessage>[0]) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(formatMessage(message)));
    } catch {
      return close();
    }
    // A reader that does not read: drop it rather than hold its events without bound. It reconnects with its
    // Last-Event-ID and gets them from the store.
    if (QUEUE_MARK - (controller.desiredSize ?? QUEUE_MARK) > limits.maxQueuedBytes) close();
  };

  const entry: OpenStream = { user: user.name, close: (bye) => close(bye) };
  function close(bye?: string): void {
    if (closed) return;
    if (bye) send({ event: 'bye', data: { reason: bye } });
    closed = true;
    forget(entry);
    for (const cleanup of cleanups.splice(0)) {
      try {
        cleanup();
      } catch (e) {
        console.error('events: closing a stream failed:', e);
      }
    }
    try {
      controller.close();
    } catch {
      // Already cancelled by the reader.
    }
  }

  // The newest streams of a person stay: the oldest beyond the limit is told and closed.
  const mine = streamsOf(user.name);
  mine.push(entry);
  while (mine.length > limits.maxStreamsPerUser) mine[0]!.close('too-many-connections');

  if (options.signal) {
    if (options.signal.aborted) close();
    const onAbort = () => close();
    options.signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => options.signal!.removeEventListener('abort', onAbort));
  }
  if (closed) return stream;

  send({ retry: limits.retryMs });
  const deliver = (event: DocumentEvent) => {
    lastId = event.id;
    send({ id: event.id, data: event });
  };
  try {
    const unsubscribe = await openStream(bus, slug, options.lastEventId, deliver, ({ tooOld, latestId }) => {
      lastId = Math.max(lastId, latestId);
      send({ event: tooOld ? 'reset' : 'ready', id: lastId, data: { latestId: lastId } });
    });
    cleanups.push(unsubscribe);
  } catch (e) {
    close();
    throw e;
  }

  // Lists come from the subscription as they change, and once as it is now; an older list never follows a newer.
  let presenceSeq = 0;
  cleanups.push(
    presence.subscribe(slug, (entries) => {
      presenceSeq += 1;
      send({ event: 'presence', id: lastId, data: presenceData(entries) });
    }),
  );
  if (client) {
    await presence.set(slug, { client, user: user.name, rowId: null }).catch((e: unknown) => console.error('presence: cannot join:', e));
    cleanups.push(() => void presence.remove(slug, client, user.name).catch(() => undefined));
  }
  // The list as it is now, unless a change (this page's own join, on one server) brought one already.
  presence.list(slug).then(
    (entries) => {
      if (presenceSeq === 0) send({ event: 'presence', id: lastId, data: presenceData(entries) });
    },
    () => undefined,
  );

  const heartbeat = setInterval(() => {
    send({ comment: 'ping' });
    if (client) void presence.touch(slug, [client]).catch(() => undefined);
    options.mayStillRead?.().then(
      (ok) => {
        if (!ok) close();
      },
      () => close(),
    );
  }, limits.heartbeatMs);
  heartbeat.unref?.();
  cleanups.push(() => clearInterval(heartbeat));
  return stream;
}

/**
 * Sets where an editor page is (`POST /api/documents/:slug/presence`): the row it is in, or none. 404 for an
 * unknown document; 409 when the client id is someone else's.
 */
export async function setPresence(slug: string, user: LiveReader, client: string, rowId: string | null, presence: PresenceHub = getPresenceHub()): Promise<void> {
  if (!(await getDocumentStore().has(slug))) throw new ModelError('not-found', `no document "${slug}"`);
  if (!(await presence.set(slug, { client, user: user.name, rowId }))) throw new ModelError('conflict', 'this client id belongs to someone else');
}

/**
 * The id of the document's latest event, read before the page reads the document: its live stream starts after
 * it, so nothing committed between the page's read and the stream's start is missed. 0 when it cannot be read.
 */
export async function getLatestEventId(slug: string): Promise<number> {
  return getEventBus()
    .latestId(slug)
    .catch(() => 0);
}
