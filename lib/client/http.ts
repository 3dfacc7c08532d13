import type { Row } from '@/lib/model';
import { ApiError } from './errors';
import { withQueryString } from './routes';

/** The fetch the client calls; tests pass a fake one. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as it is (a file's text or bytes), with `contentType`. */
  body?: string | ArrayBuffer | Blob;
  contentType?: string;
  /** Query parameters; undefined ones are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

/** Sends one request to the app's API and answers the JSON body, or throws an ApiError. */
export type ApiRequest = <T>(path: string, options?: RequestOptions) => Promise<T>;

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; retryAfter?: unknown };
  current?: Row;
}

/**
 * The wait an error answer asks for, in seconds: the body's `retryAfter` (a provider's, passed on by the
 * machine-translation route), else the `Retry-After` header when it is a number of seconds.
 */
function readRetryAfter(response: Response, body: ErrorBody | undefined): number | undefined {
  const said = body?.error?.retryAfter;
  if (typeof said === 'number' && Number.isFinite(said) && said >= 0) return Math.ceil(said);
  const header = response.headers.get('retry-after')?.trim();
  return header && /^\d{1,6}$/.test(header) ? Number(header) : undefined;
}

/**
 * The one place the browser calls fetch. An answer that is not OK becomes an ApiError with the server's code
 * (`{error: {code, message}}`); no answer at all is a `network` error; a cancelled request rethrows the abort as
 * it is, so callers that cancel can tell it from a failure.
 */
export function createRequest(fetchImpl: Fetch): ApiRequest {
  return async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await send(fetchImpl, path, options);
    const parsed = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      const code = typeof error?.code === 'string' ? error.code : `http-${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : `the server answered ${response.status}`;
      throw new ApiError(response.status, code, message, (parsed as ErrorBody | undefined)?.current, readRetryAfter(response, parsed as ErrorBody | undefined));
    }
    if (parsed === undefined) throw new ApiError(response.status, 'bad-response', `the answer to ${options.method ?? 'GET'} ${path} is not JSON`);
    return parsed as T;
  };
}

/** Sends one request; no answer at all is a `network` ApiError, a cancelled request rethrows its abort. */
async function send(fetchImpl: Fetch, path: string, options: RequestOptions): Promise<Response> {
  const { method = 'GET', json, contentType, query, signal } = options;
  const headers: Record<string, string> = {};
  let body = options.body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['content-type'] = contentType ?? 'text/plain; charset=utf-8';
  }
  try {
    return await fetchImpl(withQueryString(path, query), { method, headers, body, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
}

/**
 * Sends a request whose answer streams JSON lines (application/x-ndjson) and yields each line's object as it
 * arrives; an error answer before the stream starts throws an ApiError as `request` does.
 */
export type ApiStream = <T>(path: string, options?: RequestOptions) => Promise<{ response: Response; lines: AsyncGenerator<T> }>;

export function createStream(fetchImpl: Fetch): ApiStream {
  return async function stream<T>(path: string, options: RequestOptions = {}) {
    const response = await send(fetchImpl, path, options);
    if (!response.ok || !response.body) {
      const parsed = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
      const code = typeof parsed?.error?.code === 'string' ? parsed.error.code : `http-${response.status}`;
      const message = typeof parsed?.error?.message === 'string' ? parsed.error.message : `the server answered ${response.status}`;
      throw new ApiError(response.status, code, message);
    }
    return { response, lines: readLines<T>(response.body) };
  };
}

async function* readLines<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, end).trim();
        rest = rest.slice(end + 1);
        if (line) yield JSON.parse(line) as T;
      }
    }
    rest += decoder.decode();
    if (rest.trim()) yield JSON.parse(rest) as T;
  } finally {
    reader.releaseLock();
  }
}
