import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentEventBody } from '@/lib/model';
import { MemoryEventBus } from '@/lib/storage/events';
import { MemoryPresenceHub } from '@/lib/storage/presence';
import { countOpenStreams, formatMessage, openDocumentEvents, parseLastEventId } from './live';

const SLUG = 'doc';
const exists = async (slug: string) => slug === SLUG;
const hubs: MemoryPresenceHub[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});

function setup() {
  const bus = new MemoryEventBus(100, 1000);
  const presence = new MemoryPresenceHub();
  hubs.push(presence);
  return { bus, presence };
}

const created = (n: number): DocumentEventBody => ({ type: 'document-created', title: `t${n}` });

/** Reads what the stream has queued, without waiting for more. */
async function drain(stream: ReadableStream<Uint8Array>, messages = 1): Promise<string> {
  const reader = stream.getReader();
  let text = '';
  const decoder = new TextDecoder();
  while (text.split('\n\n').length <= messages) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}

describe('the SSE wire format', () => {
  it('writes one message per event, its data on one line', () => {
    expect(formatMessage({ id: 3, data: { a: 'x\ny' } })).toBe('id: 3\ndata: {"a":"x\\ny"}\n\n');
    expect(formatMessage({ event: 'reset', id: 5, data: { latestId: 5 } })).toBe('event: reset\nid: 5\ndata: {"latestId":5}\n\n');
    expect(formatMessage({ comment: 'ping' })).toBe(': ping\n\n');
  });

  it('takes a Last-Event-ID that is a whole number, or none', () => {
    expect(parseLastEventId(null)).toBeNull();
    expect(parseLastEventId(' 42 ')).toBe(42);
    expect(() => parseLastEventId('-1')).toThrow(/Last-Event-ID/);
    expect(() => parseLastEventId('1e400')).toThrow(/Last-Event-ID/);
  });
});

describe('openDocumentEvents', () => {
  it('refuses a document that is not there', async () => {
    const { bus, presence } = setup();
    await expect(openDocumentEvents({ slug: 'nope', user: { name: 'a' }, lastEventId: null, client: null, bus, presence, exists })).rejects.toThrow(/no document/);
  });

  it('replays what was missed after Last-Event-ID, then goes on live', async () => {
    const { bus, presence } = setup();
    const [first] = bus.publish(SLUG, { at: 'now', by: 'b' }, [created(1)]);
    bus.publish(SLUG, { at: 'now', by: 'b' }, [created(2)]);
    const stream = await openDocumentEvents({ slug: SLUG, user: { name: 'a' }, lastEventId: first!.id, client: null, bus, presence, exists });
    const text = await drain(stream, 3);
    expect(text).toMatch(/^retry: \d+\n\n/);
    expect(text).toContain(`id: ${first!.id + 1}\ndata: {"type":"document-created","title":"t2"`);
    expect(text).not.toContain('"t1"');
    expect(text).toContain(`event: ready\nid: ${first!.id + 1}`);
    bus.publish(SLUG, { at: 'now', by: 'b' }, [created(3)]);
    let more = '';
    while (!more.includes('"t3"')) more += await drain(stream);
    expect(more).toContain('"t3"');
    await stream.cancel();
  });

  it('tells a reader too far behind to reset', async () => {
    const { bus, presence } = setup();
    const stream = await openDocumentEvents({ slug: SLUG, user: { name: 'a' }, lastEventId: 1, client: null, bus, presence, exists });
    expect(await drain(stream, 2)).toContain('event: reset');
    await stream.cancel();
  });

  it('drops a reader that does not read, and lets go of everything it held', async () => {
    const { bus, presence } = setup();
    const stream = await openDocumentEvents({
      slug: SLUG,
      user: { name: 'slow' },
      lastEventId: null,
      client: 'client-slow',
      bus,
      presence,
      exists,
      limits: { maxQueuedBytes: 10_000 },
    });
    expect(countOpenStreams('slow')).toBe(1);
    for (let i = 0; i < 500; i++) bus.publish(SLUG, { at: 'now', by: 'b' }, [created(i)]);
    expect(countOpenStreams('slow')).toBe(0);
    expect(await presence.list(SLUG)).toEqual([]);
    // What was queued before the limit is still readable, then the stream ends.
    const reader = stream.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    expect(bytes).toBeLessThan(80_000);
  });

  it('keeps a person to a few streams: the oldest is told to go', async () => {
    const { bus, presence } = setup();
    const open = () => openDocumentEvents({ slug: SLUG, user: { name: 'many' }, lastEventId: null, client: null, bus, presence, exists, limits: { maxStreamsPerUser: 2 } });
    const first = await open();
    const second = await open();
    const third = await open();
    expect(countOpenStreams('many')).toBe(2);
    const text = await new Response(first).text();
    expect(text).toContain('event: bye\ndata: {"reason":"too-many-connections"}');
    await second.cancel();
    await third.cancel();
    expect(countOpenStreams('many')).toBe(0);
  });

  it('shows who is on the document, and takes a reader off the list when its stream ends', async () => {
    const { bus, presence } = setup();
    const a = await openDocumentEvents({ slug: SLUG, user: { name: 'layla' }, lastEventId: null, client: 'client-aaaa', bus, presence, exists });
    await presence.set(SLUG, { client: 'client-aaaa', user: 'layla', rowId: 'r1' });
    expect((await presence.list(SLUG)).map((e) => [e.user, e.rowId])).toEqual([['layla', 'r1']]);
    // Someone else cannot take the page's entry.
    expect(await presence.set(SLUG, { client: 'client-aaaa', user: 'omar', rowId: null })).toBe(false);
    const text = await drain(a, 4);
    expect(text).toContain('event: presence');
    expect(text).toContain('"user":"layla","rowId":"r1"');
    await a.cancel();
    expect(await presence.list(SLUG)).toEqual([]);
  });
});

describe('MemoryPresenceHub', () => {
  it('forgets entries that were not refreshed', async () => {
    let now = 0;
    const hub = new MemoryPresenceHub(() => now, 1_000_000);
    hubs.push(hub);
    const heard: number[] = [];
    hub.subscribe(SLUG, (entries) => heard.push(entries.length));
    await hub.set(SLUG, { client: 'c1', user: 'a', rowId: null }, 1000);
    await hub.set(SLUG, { client: 'c2', user: 'b', rowId: null }, 1000);
    now = 900;
    await hub.touch(SLUG, ['c1'], 1000);
    now = 1500;
    hub.sweep();
    expect((await hub.list(SLUG)).map((e) => e.client)).toEqual(['c1']);
    expect(heard).toEqual([1, 2, 1]);
  });
});
