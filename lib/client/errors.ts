import type { Row } from '@/lib/model';

/**
 * Codes an ApiError may carry: the server's (`ModelErrorCode` plus `internal` and `no-users`), and the browser's
 * own — `network` (no answer), `unreadable` (a file that could not be read), `bad-response` (an answer that is
 * not the JSON the route promises) and `http-<status>` (an error answer without the JSON error shape).
 */
export type ApiErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'exists'
  | 'too-large'
  | 'corrupt'
  | 'rate-limited'
  | 'unavailable'
  | 'internal'
  | 'no-users'
  | 'network'
  | 'unreadable'
  | 'bad-response'
  | (string & {});

/**
 * A failed call: the HTTP status (0 when there was no answer), the error's code, and the server's message. The
 * message is for logs and developers; people see a sentence translated from the code. A 409 on a row save also
 * carries the row as the server has it now.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** The current row, when a save met a newer revision (409). */
    readonly current?: Row,
    /** Seconds the server (or the service behind it) asked to wait before trying again, when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when trying again later may work: no answer, or the server failed (5xx). */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Any thrown value as an ApiError, so callers handle one kind of failure. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError(0, 'unknown', e instanceof Error ? e.message : String(e));
}
