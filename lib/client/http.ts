import type { Row } from '@/lib/model';
import { ApiError } from './errors';
import { withQueryString } from './routes';

/** The fetch the client calls; tests pass a fake one. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as it is (a file's text), with `contentType`. */
  text?: string;
  contentType?: string;
  /** Query parameters; undefined ones are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

/** Sends one request to the app's API and answers the JSON body, or throws an ApiError. */
export type ApiRequest = <T>(path: string, options?: RequestOptions) => Promise<T>;

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
  current?: Row;
}

/**
 * The one place the browser calls fetch. An answer that is not OK becomes an ApiError with the server's code
 * (`{error: {code, message}}`); no answer at all is a `network` error; a cancelled request rethrows the abort as
 * it is, so callers that cancel can tell it from a failure.
 */
export function createRequest(fetchImpl: Fetch): ApiRequest {
  return async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const { method = 'GET', json, text, contentType, query, signal } = options;
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (text !== undefined) {
      headers['content-type'] = contentType ?? 'text/plain; charset=utf-8';
      body = text;
    }
    let response: Response;
    try {
      response = await fetchImpl(withQueryString(path, query), { method, headers, body, signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
    }
    const parsed = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      const code = typeof error?.code === 'string' ? error.code : `http-${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : `the server answered ${response.status}`;
      throw new ApiError(response.status, code, message, (parsed as ErrorBody | undefined)?.current);
    }
    if (parsed === undefined) throw new ApiError(response.status, 'bad-response', `the answer to ${method} ${path} is not JSON`);
    return parsed as T;
  };
}
