import { describe, expect, it } from 'vitest';
import { createApiClient } from '@/lib/client';
import { MemoryMatches } from './memory-matches';

/** A fetch whose answers the test releases one by one, recording what was asked and whether it was cancelled. */
function controlledFetch() {
  const calls: { url: string; signal: AbortSignal; respond: (status: number, body: unknown) => void }[] = [];
  const fetcher = (url: string, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init!.signal!;
      // As the browser's fetch does: a cancelled request rejects with the abort.
      signal.addEventListener('abort', () => reject(signal.reason));
      calls.push({ url, signal, respond: (status, body) => resolve(new Response(JSON.stringify(body), { status })) });
    });
  return { client: createApiClient(fetcher), calls };
}

const match = (id: string) => ({ entry: { id, target: `English ${id}` }, score: 0.9, diff: [] });

describe('MemoryMatches', () => {
  it('asks about the active row and keeps only the answer for the row still active', async () => {
    const { client, calls } = controlledFetch();
    const memory = new MemoryMatches('putin-receives-haftar', client);
    let notified = 0;
    memory.subscribe(() => notified++);

    const first = memory.load('aaaaaaaaaa');
    expect(memory.get('aaaaaaaaaa')).toEqual({ rowId: 'aaaaaaaaaa', state: 'loading' });
    const second = memory.load('bbbbbbbbbb');
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.url).toBe('/api/memory/matches?slug=putin-receives-haftar&rowId=bbbbbbbbbb');

    calls[0]!.respond(200, { matches: [match('old')] });
    calls[1]!.respond(200, { matches: [match('m1'), match('m2')] });
    await Promise.all([first, second]);
    expect(memory.get('aaaaaaaaaa')).toBeNull();
    expect(memory.getMatch('bbbbbbbbbb', 1)?.entry.target).toBe('English m2');
    expect(memory.getMatch('bbbbbbbbbb', 2)).toBeNull();
    expect(notified).toBeGreaterThanOrEqual(3);

    await memory.load(null);
    expect(memory.get('bbbbbbbbbb')).toBeNull();
  });

  it('keeps the server’s error, by its code, for the panel to say in the reader’s language', async () => {
    const { client, calls } = controlledFetch();
    const memory = new MemoryMatches('doc', client);
    const loading = memory.load('aaaaaaaaaa');
    calls[0]!.respond(422, { error: { code: 'corrupt', message: 'content/memory.json: entries[0].id: must be 10 characters' } });
    await loading;
    const view = memory.get('aaaaaaaaaa');
    expect(view).toMatchObject({ rowId: 'aaaaaaaaaa', state: 'error', error: { status: 422, code: 'corrupt' } });
    expect(memory.getMatch('aaaaaaaaaa', 0)).toBeNull();
  });
});
