import type { DocumentEvent, PresencePerson, PresenceRequest } from '@/lib/model';
import type { ApiRequest } from './http';
import { documentRoutes, withQueryString } from './routes';

/** What a page hears on a document's live stream (see lib/service/live.ts for the wire format). */
export interface LiveHandlers {
  /** A change someone made (or this page: readers skip what they know already by revision). */
  event(event: DocumentEvent): void;
  /** The stream is live; everything up to `latestId` was delivered. */
  ready(latestId: number): void;
  /** Events were missed and are no longer kept: refetch the document. */
  reset(latestId: number): void;
  /** Everyone on the document now. */
  presence(people: PresencePerson[]): void;
  /** The connection's state: `open` once ready, `connecting` while it is (re)connecting, `closed` for good. */
  state(state: 'connecting' | 'open' | 'closed', reason?: string): void;
}

/** The part of the browser's EventSource the stream uses (tests pass a fake one). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void;
  onerror: ((e: Event) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** The live stream of one document. */
export interface LiveConnection {
  /** The id of the last event heard (sent back when reconnecting). */
  readonly lastEventId: number;
  /** Reconnects now if the stream is down (the browser came back online). */
  reconnect(): void;
  /**
   * Closes the connection until `reconnect` (the browser went offline: a stream that looks open may be dead, and
   * the browser would not notice for a long time). The next connection starts from the last event heard.
   */
  suspend(): void;
  close(): void;
}

const CLOSED = 2;
/** Reconnecting after the browser gave up waits this long, doubling to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

function parse<T>(e: MessageEvent<string>): T | null {
  try {
    return JSON.parse(e.data) as T;
  } catch {
    return null;
  }
}

/**
 * Opens a document's live stream with EventSource. The browser reconnects by itself after a network error,
 * sending the last event id; when it gives up (an error answer: the server restarting, the database away) this
 * reconnects with backoff from the last id heard, so nothing is missed either way. A `bye` from the server (a
 * newer page of the same person took this one's place) closes it for good.
 */
export function openLiveStream(
  createSource: EventSourceFactory,
  slug: string,
  options: { client: string; lastEventId: number | null },
  on: LiveHandlers,
): LiveConnection {
  let last = options.lastEventId;
  let source: EventSourceLike | null = null;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let suspended = false;

  const seen = (e: MessageEvent<string>) => {
    const id = Number(e.lastEventId);
    if (e.lastEventId !== '' && Number.isSafeInteger(id)) last = id;
  };

  const connect = () => {
    timer = null;
    if (stopped) return;
    source?.close();
    on.state('connecting');
    const url = withQueryString(documentRoutes.events(slug), { client: options.client, lastEventId: last ?? undefined });
    const es = createSource(url);
    source = es;
    es.addEventListener('message', (e) => {
      const event = parse<DocumentEvent>(e);
      seen(e);
      if (event) on.event(event);
    });
    es.addEventListener('ready', (e) => {
      seen(e);
      retryMs = FIRST_RETRY_MS;
      on.ready(parse<{ latestId: number }>(e)?.latestId ?? last ?? 0);
      on.state('open');
    });
    es.addEventListener('reset', (e) => {
      seen(e);
      retryMs = FIRST_RETRY_MS;
      on.reset(parse<{ latestId: number }>(e)?.latestId ?? 0);
      on.state('open');
    });
    es.addEventListener('presence', (e) => {
      const data = parse<{ people: PresencePerson[] }>(e);
      if (data) on.presence(data.people);
    });
    es.addEventListener('bye', (e) => {
      stopped = true;
      es.close();
      on.state('closed', parse<{ reason: string }>(e)?.reason ?? 'bye');
    });
    es.onerror = () => {
      if (source !== es || stopped) return;
      on.state('connecting');
      // Still CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up; we go on.
      if (es.readyState === CLOSED) {
        timer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    };
  };
  connect();

  return {
    get lastEventId() {
      return last ?? 0;
    },
    reconnect: () => {
      if (stopped || (!suspended && source && source.readyState !== CLOSED && source.readyState !== 0)) return;
      suspended = false;
      if (timer) clearTimeout(timer);
      connect();
    },
    suspend: () => {
      if (stopped) return;
      suspended = true;
      if (timer) clearTimeout(timer);
      timer = null;
      source?.close();
      source = null;
      on.state('connecting');
    },
    close: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
      source = null;
    },
  };
}

/** The live stream and presence routes. */
export function liveApi(request: ApiRequest, createSource: EventSourceFactory) {
  return {
    /** Opens the document's live stream (see openLiveStream). */
    openDocumentEvents: (slug: string, options: { client: string; lastEventId: number | null }, on: LiveHandlers) =>
      openLiveStream(createSource, slug, options, on),
    /** Tells everyone on the document which row this page is in (null: none). */
    setPresence: (slug: string, body: PresenceRequest) => request<{ ok: true }>(documentRoutes.presence(slug), { method: 'POST', json: body }),
  };
}

/** The browser's EventSource, looked up when a stream opens (none on the server). */
export const browserEventSource: EventSourceFactory = (url) => new EventSource(url) as unknown as EventSourceLike;
