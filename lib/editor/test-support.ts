import { vi } from 'vitest';
import { createApiClient, type ApiClient } from '@/lib/client';
import { documentOf } from '@/lib/model/test-support';
import { targetFromText, type BilingualDocument, type Row, type RowStatus, type TargetDoc } from '@/lib/model';
import type { PageView } from './page-view';

/** Shared by the editor's tests (not shipped): a fake server behind the real client, browser storage, documents. */

/** One request the fake server received, waiting for the test to answer it (unless an auto-answer did). */
export interface FakeCall {
  method: string;
  url: string;
  /** The body, parsed when it was JSON. */
  body: unknown;
  signal?: AbortSignal;
  answered: boolean;
  respond(status: number, body: unknown): void;
  /** No answer at all: the network is gone. */
  fail(): void;
}

export type AutoAnswer = (call: FakeCall) => { status: number; body: unknown } | 'network' | undefined;

/**
 * A fetch standing in for the app's server. Calls wait until the test answers them one by one, or are answered
 * at once by `auto` when it returns something.
 */
export function fakeServer(auto?: AutoAnswer): { client: ApiClient; calls: FakeCall[]; pending(): FakeCall[] } {
  const calls: FakeCall[] = [];
  const fetch = (url: string, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const text = typeof init.body === 'string' ? init.body : undefined;
      let body: unknown = text;
      try {
        if (text !== undefined) body = JSON.parse(text);
      } catch {
        // A file sent as it is.
      }
      const call: FakeCall = {
        method: init.method ?? 'GET',
        url,
        body,
        signal: init.signal ?? undefined,
        answered: false,
        respond: (status, json) => {
          call.answered = true;
          resolve(new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } }));
        },
        fail: () => {
          call.answered = true;
          reject(new TypeError('Failed to fetch'));
        },
      };
      init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      calls.push(call);
      const answer = auto?.(call);
      if (answer === 'network') call.fail();
      else if (answer) call.respond(answer.status, answer.body);
    });
  return { client: createApiClient(fetch), calls, pending: () => calls.filter((c) => !c.answered) };
}

/** A Storage kept in memory, as localStorage is in a browser. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

export const AT = '2025-05-12T09:00:00.000Z';

/** The English of a row as a target document: one paragraph per string. */
export const en = (...paragraphs: string[]): TargetDoc => targetFromText(paragraphs);

/** A row with a fixed id from `n` (r000000001 …), an Arabic paragraph, and the given English and status. */
export function rowOf(n: number, english: string[] = [], status: RowStatus = english.length ? 'draft' : 'untranslated', rev = 1): Row {
  return {
    id: `r${String(n).padStart(9, '0')}`,
    rev,
    status,
    source: [{ kind: 'paragraph', text: `فقرة رقم ${n}.` }],
    target: en(...english),
    updatedAt: AT,
    updatedBy: null,
  };
}

/** A document of `count` rows, the first `translated` of them with English. */
export function docOf(count: number, translated = 0): BilingualDocument {
  const rows = Array.from({ length: count }, (_, i) => (i < translated ? rowOf(i + 1, [`Paragraph ${i + 1}.`], 'translated') : rowOf(i + 1)));
  return documentOf(rows, { slug: 'test-doc', title: 'وثيقة', at: AT });
}

/** The server's answer to a row save: the row at the next revision with what was sent. */
export function savedRow(row: Row, patch: { target?: TargetDoc; status?: RowStatus }): Row {
  return { ...row, ...(patch.target && { target: patch.target }), ...(patch.status && { status: patch.status }), rev: row.rev + 1, updatedBy: 'tester' };
}

/** Lets timers of `ms` run, and every promise they set off settle. */
export function elapse(ms = 0): Promise<unknown> {
  return vi.advanceTimersByTimeAsync(ms);
}

/** A page that scrolls nowhere and never goes online or offline. */
export const stillView: PageView = {
  scrollToRow: () => undefined,
  focusRow: () => undefined,
  scrollToNote: () => undefined,
  getSelection: () => null,
  nextFrame: (fn) => fn(),
  onOnline: () => () => undefined,
};
